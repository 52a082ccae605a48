package cn.sunshine.placement.escalation;

import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

@RestController
@Tag(name = "Escalations", description = "Labour-rights problems from follow-ups, on the county's worklist")
public class EscalationController {

    public record ResolveRequest(@NotBlank @Size(max = 1000) String resolution,
                                 @NotNull @Min(0) @Max(1_000_000_000) Long recoveredWagesFen) {
    }

    public record CaseView(String id, long version, String placementId, String enrollmentId, String baseId,
                           String divisionCode, String traineeName, String employerName, List<String> problems,
                           long unpaidWagesFen, String note, EscalationCase.Status status, Instant openedAt,
                           String resolution, long recoveredWagesFen, Instant resolvedAt) {
        static CaseView of(EscalationCase c) {
            return new CaseView(c.getId(), c.getVersion(), c.getPlacementId(), c.getEnrollmentId(), c.getBaseId(),
                    c.getDivisionCode(), c.getTraineeName(), c.getEmployerName(), c.getProblems(),
                    c.getUnpaidWagesFen(), c.getNote(), c.getStatus(), c.getOpenedAt(), c.getResolution(),
                    c.getRecoveredWagesFen(), c.getResolvedAt());
        }
    }

    private final MongoTemplate mongo;
    private final AggregateStore store;
    private final Clock clock;

    public EscalationController(MongoTemplate mongo, AggregateStore store, Clock clock) {
        this.mongo = mongo;
        this.store = store;
        this.clock = clock;
    }

    @GetMapping("/api/placement/escalations")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "Escalation cases in your jurisdiction (or of your base's trainees), oldest first")
    public PageResult<CaseView> list(@RequestParam(required = false) EscalationCase.Status status,
                                     @RequestParam(required = false) Integer page,
                                     @RequestParam(required = false) Integer size) {
        Criteria c = Access.listScope("baseId", "divisionCode");
        if (status != null) {
            c = new Criteria().andOperator(c, Criteria.where("status").is(status));
        }
        return PageResult.find(mongo, Query.query(c), EscalationCase.class, page, size, Sort.by("openedAt"))
                .map(CaseView::of);
    }

    @GetMapping("/api/placement/escalations/{id}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "An escalation case")
    public ResponseEntity<CaseView> get(@PathVariable String id) {
        EscalationCase c = find(id);
        Jurisdiction.requireOfficerOrOwnBase(c.getDivisionCode(), c.getBaseId(), "escalation case " + id);
        return ResponseEntity.ok().eTag(ETags.of(c.getVersion())).body(CaseView.of(c));
    }

    @PostMapping("/api/placement/escalations/{id}/resolution")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Record how the county resolved the case")
    public ResponseEntity<CaseView> resolve(@PathVariable String id,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                            @Valid @RequestBody ResolveRequest request) {
        EscalationCase c = find(id);
        CurrentUser officer = Access.countyOfficerOver(c.getDivisionCode(), "escalation case " + id);
        ETags.requireMatch(ifMatch, c.getVersion(), "escalation case " + id);
        c.resolve(request.resolution().trim(), request.recoveredWagesFen(), clock.instant(), officer.subject());
        store.update(c);
        return ResponseEntity.ok().eTag(ETags.of(c.getVersion())).body(CaseView.of(c));
    }

    private EscalationCase find(String id) {
        EscalationCase c = mongo.findById(id, EscalationCase.class);
        if (c == null) {
            throw DomainException.notFound("escalation case " + id);
        }
        return c;
    }
}
