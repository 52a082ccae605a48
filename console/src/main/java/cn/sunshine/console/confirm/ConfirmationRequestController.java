package cn.sunshine.console.confirm;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * From the claim page, the 核准 officer asks the class's trainees to confirm (学员确认): a one-time code by SMS to each
 * who completed and has not answered (enrollment-service); back on the claim, how many were sent.
 */
@Controller
public class ConfirmationRequestController {

    private final Gateway gateway;

    public ConfirmationRequestController(Gateway gateway) {
        this.gateway = gateway;
    }

    @PostMapping("/claims/{claimId}/confirmation-requests")
    String ask(@PathVariable String claimId, @RequestParam String classId) {
        if (!classId.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new ApiException(404, "urn:sunshine:problem:not-found", "no such class", Map.of());
        }
        Map<String, Object> asked = gateway.post("/api/enrollment/classes/" + classId + "/confirmation-requests",
                Map.of(), h -> { }).body();
        return "redirect:/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8) + "?confirmationsSent="
                + asked.getOrDefault("sent", 0) + "#confirmation-flags";
    }
}
