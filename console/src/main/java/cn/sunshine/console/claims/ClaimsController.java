package cn.sunshine.console.claims;

import cn.sunshine.console.api.ApiException;
import cn.sunshine.console.api.Gateway;
import cn.sunshine.console.web.ApiErrors;
import cn.sunshine.console.web.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims: the queues (待核准, 待审批, 待加审, 待复核), all claims in scope, and a claim's page with its lines,
 * amounts, decisions and payment instructions; the decision (approve, or send back with the reasons) posted to
 * the stage's endpoint with {@code If-Match} = the ETag the page was drawn from, so a second click or a
 * colleague's decision meanwhile cannot decide twice (the API answers 409/412 and the page says "changed").
 */
@Controller
public class ClaimsController {

    static final Set<String> PAYMENT_STATUSES = Set.of("ORDERED", "PAID");
    static final List<String> STATUSES = List.of("SUBMITTED", "VERIFIED", "AWAITING_EXTRA_APPROVAL", "APPROVED", "ORDERED",
            "PAID", "REJECTED", "CANCELLED");

    private final Gateway gateway;

    public ClaimsController(Gateway gateway) {
        this.gateway = gateway;
    }

    @GetMapping("/tasks/{slug}")
    String task(@PathVariable String slug, @RequestParam(defaultValue = "0") int page, Model model) {
        Task task = Task.bySlug(slug).orElseThrow(() -> new ApiException(404, null, "no such task", Map.of()));
        model.addAttribute("task", task);
        model.addAttribute("list", gateway.get("/api/subsidy/claims?status=" + task.status() + "&size=50&page=" + page).body());
        return "tasks";
    }

    @GetMapping("/claims")
    String all(@RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page, Model model) {
        String filter = status != null && STATUSES.contains(status) ? status : null;
        model.addAttribute("status", filter);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("list", gateway.get("/api/subsidy/claims?size=50&page=" + page
                + (filter == null ? "" : "&status=" + filter)).body());
        return "claims";
    }

    @GetMapping("/claims/{claimId}")
    String claim(@PathVariable String claimId, @RequestParam(required = false) String done, Authentication auth,
                 Model model) {
        drawClaim(claimId, CurrentUser.of(auth), model);
        model.addAttribute("done", "APPROVE".equals(done) || "REJECT".equals(done) ? done : null);
        return "claim";
    }

    @PostMapping("/claims/{claimId}/decision")
    String decide(@PathVariable String claimId, @RequestParam String task, @RequestParam String decision,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String etag,
                  Authentication auth, HttpServletRequest request, HttpServletResponse response, Model model) {
        Task t = Task.bySlug(task).orElseThrow(() -> new ApiException(400, null, "no such task", Map.of()));
        String verdict = "REJECT".equals(decision) ? "REJECT" : "APPROVE";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", verdict);
        if (reason != null && !reason.isBlank()) {
            body.put("reason", reason.strip());
        }
        boolean htmx = "true".equals(request.getHeader("HX-Request"));
        String path = "/api/subsidy/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8) + "/" + t.action();
        try {
            gateway.post(path, body, h -> {
                if (etag != null && !etag.isBlank()) {
                    h.set(HttpHeaders.IF_MATCH, etag);
                }
            });
        } catch (ApiException e) {
            ApiErrors.Kind kind = ApiErrors.kindOf(e.status());
            if (kind == ApiErrors.Kind.SIGN_IN || kind == ApiErrors.Kind.NOT_FOUND) {
                throw e;
            }
            // The decision panel again, saying what happened; the fields the API named carry their messages.
            model.addAttribute("feedback", kind);
            model.addAttribute("problem", e);
            model.addAttribute("reason", reason);
            model.addAttribute("decision", verdict);
            if (htmx) {
                model.addAttribute("claimId", claimId);
                model.addAttribute("etag", etag);
                model.addAttribute("task", t);
                model.addAttribute("canDecide", kind != ApiErrors.Kind.CHANGED);
                return "claim :: decision";
            }
            response.setStatus(kind.pageStatus());
            drawClaim(claimId, CurrentUser.of(auth), model);
            return "claim";
        }
        String next = "/claims/" + UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8) + "?done=" + verdict;
        if (htmx) {
            response.setHeader("HX-Redirect", next);
            return "fragments :: empty";
        }
        return "redirect:" + next;
    }

    private void drawClaim(String claimId, CurrentUser me, Model model) {
        String id = UriUtils.encodePathSegment(claimId, StandardCharsets.UTF_8);
        Gateway.Answer answer = gateway.get("/api/subsidy/claims/" + id);
        Map<String, Object> claim = answer.body();
        model.addAttribute("claim", claim);
        model.addAttribute("claimId", claimId);
        model.addAttribute("etag", answer.etag());
        Task task = Task.waitingFor(claim.get("waitingFor")).orElse(null);
        model.addAttribute("task", task);
        model.addAttribute("canDecide", task != null && me != null && task.workedBy(me.roles()));
        if (PAYMENT_STATUSES.contains(String.valueOf(claim.get("status")))) {
            try {
                Object instructions = gateway.get("/api/subsidy/claims/" + id + "/payment-instructions").list();
                model.addAttribute("instructions", instructions);
            } catch (ApiException e) {
                model.addAttribute("instructionsUnavailable", true);
            }
        }
    }
}
