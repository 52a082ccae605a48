package cn.sunshine.placement.escalation;

import cn.sunshine.placement.escalation.EscalationDtos.CaseView;
import cn.sunshine.placement.escalation.EscalationDtos.ResolveRequest;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Escalations", description = "Labour-rights problems from follow-ups, on the county's worklist")
public class EscalationController {

    private final Escalations escalations;

    public EscalationController(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/api/placement/escalations")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "Escalation cases in your jurisdiction (or of your base's trainees), oldest first")
    public PageResult<CaseView> list(@RequestParam(required = false) EscalationCase.Status status,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        return escalations.list(status, page, size).map(CaseView::of);
    }

    @GetMapping("/api/placement/escalations/{id}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "An escalation case")
    public ResponseEntity<CaseView> get(@PathVariable String id) {
        return Answers.ok(escalations.get(id), CaseView::of);
    }

    @PostMapping("/api/placement/escalations/{id}/resolution")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record how the county resolved the case")
    public ResponseEntity<CaseView> resolve(@PathVariable String id,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ResolveRequest request) {
        return Answers.ok(escalations.resolve(id, ifMatch, request), CaseView::of);
    }
}
