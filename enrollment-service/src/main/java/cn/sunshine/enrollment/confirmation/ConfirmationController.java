package cn.sunshine.enrollment.confirmation;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.PublicEndpoint;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Trainees' confirmations", description = "Trainees confirm, by a one-time code sent to their phone, what "
        + "the base claims of them (学员确认)")
public class ConfirmationController {

    private final Confirmations confirmations;

    public ConfirmationController(Confirmations confirmations) {
        this.confirmations = confirmations;
    }

    @PostMapping("/api/enrollment/classes/{classId}/confirmation-requests")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Ask the class's trainees who completed to confirm: a one-time code by SMS to each who has "
            + "not answered (a new one to those asked before); those who answered are not asked again")
    public ConfirmationDtos.ConfirmationRequestView request(@PathVariable String classId) {
        return confirmations.request(classId);
    }

    @GetMapping("/api/enrollment/classes/{classId}/confirmations")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "The class's confirmations: per trainee (name masked) the status and the statements denied")
    public ConfirmationDtos.ClassConfirmations ofClass(@PathVariable String classId) {
        return confirmations.ofClass(classId);
    }

    @PostMapping("/api/public/enrollment/confirmations/lookup")
    @PublicEndpoint
    @Operation(summary = "A trainee opens their confirmation (no token) with their phone or the last 6 characters of "
            + "their ID number and the code sent: the class, base and statements, and their answers once given. "
            + "422 confirmation-code-wrong / -expired / -void")
    public ResponseEntity<ConfirmationDtos.ConfirmationView> lookup(@Valid @RequestBody ConfirmationDtos.ConfirmationLookupRequest r) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(confirmations.lookup(r));
    }

    @PostMapping("/api/public/enrollment/confirmations/answers")
    @PublicEndpoint
    @Operation(summary = "A trainee answers (no token): attended, completed, where they work, received the subsidy or "
            + "refund. The same answers again answer the same; other answers after the first are 409 "
            + "confirmation-already-answered")
    public ResponseEntity<ConfirmationDtos.ConfirmationView> answer(@Valid @RequestBody ConfirmationDtos.ConfirmationAnswerRequest r) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(confirmations.answer(r));
    }
}
