package cn.sunshine.placement.followup;

import cn.sunshine.placement.escalation.Escalations;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.placement.PlacementDtos.PlacementView;
import cn.sunshine.placement.placement.Placements;
import cn.sunshine.placement.support.Access;
import cn.sunshine.placement.support.ProgramCalendar;
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
import java.time.LocalDate;
import java.util.List;

@RestController
@Tag(name = "Follow-up", description = "The follow-up schedule after each placement (跟踪服务), due and overdue contacts")
public class FollowUpController {

    public enum State { DUE, OVERDUE }

    public record ContactRequest(@NotNull LocalDate contactedOn, @NotNull Boolean reached, Boolean stillEmployed,
                                 @Min(0) @Max(100_000_000) Long monthlyWageFen, @Min(1) @Max(5) Integer satisfaction,
                                 @Size(max = 5) List<@NotNull Problem> problems,
                                 @Min(0) @Max(1_000_000_000) Long unpaidWagesFen, @Size(max = 1000) String note) {
    }

    public record ContactRecorded(PlacementView placement, String escalationCaseId) {
    }

    private final Placements placements;
    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final FollowUpProperties properties;
    private final Escalations escalations;
    private final Clock clock;

    public FollowUpController(Placements placements, AggregateStore store, MongoTemplate mongo,
                              FollowUpProperties properties, Escalations escalations, Clock clock) {
        this.placements = placements;
        this.store = store;
        this.mongo = mongo;
        this.properties = properties;
        this.escalations = escalations;
        this.clock = clock;
    }

    @GetMapping("/api/placement/follow-ups")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.AUDITOR,
            Role.BASE_STAFF})
    @Operation(summary = "Current placements with a follow-up due today or earlier (DUE), or overdue past the grace days (OVERDUE)")
    public PageResult<PlacementView> list(@RequestParam State state,
                                          @RequestParam(required = false) String baseId,
                                          @RequestParam(required = false) Integer page,
                                          @RequestParam(required = false) Integer size) {
        LocalDate today = ProgramCalendar.today(clock);
        LocalDate cutoff = state == State.DUE ? today.plusDays(1) : today.minusDays(properties.graceDays());
        Criteria c = new Criteria().andOperator(Access.listScope("baseId", "divisionCode"),
                Criteria.where("nextDueOn").lt(cutoff));
        if (baseId != null) {
            c = new Criteria().andOperator(c, Criteria.where("baseId").is(baseId));
        }
        return PageResult.find(mongo, Query.query(c), Placement.class, page, size, Sort.by("nextDueOn"))
                .map(PlacementView::of);
    }

    @PostMapping("/api/placement/placements/{id}/follow-ups/{number}")
    @Allowed({Role.BASE_STAFF, Role.COUNTY_OFFICER})
    @Operation(summary = "Record a follow-up contact; a labour-rights problem opens an escalation case for the county")
    public ResponseEntity<ContactRecorded> record(@PathVariable String id, @PathVariable int number,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                                  @Valid @RequestBody ContactRequest r) {
        Placement p = placements.find(id);
        CurrentUser user = Jurisdiction.currentUser();
        if (user.has(Role.BASE_STAFF) && !user.has(Role.COUNTY_OFFICER)) {
            Access.staffOf(p.getBaseId());
        } else {
            Access.countyOfficerOver(p.getDivisionCode(), "placement " + id);
        }
        ETags.requireMatch(ifMatch, p.getVersion(), "placement " + id);
        LocalDate today = ProgramCalendar.today(clock);
        if (r.contactedOn().isAfter(today)) {
            throw DomainException.invalidField("contactedOn", "must not be in the future");
        }
        List<Problem> problems = r.problems() == null ? List.of() : r.problems().stream().distinct().toList();
        long unpaid = r.unpaidWagesFen() == null ? 0 : r.unpaidWagesFen();
        if (unpaid > 0 && !problems.contains(Problem.UNPAID_WAGES)) {
            throw DomainException.invalidField("problems", "must include UNPAID_WAGES when unpaid wages are reported");
        }
        if (!r.reached() && (r.stillEmployed() != null || r.monthlyWageFen() != null || r.satisfaction() != null)) {
            throw DomainException.invalidField("reached", "employment, wage and satisfaction need the trainee reached");
        }
        Contact contact = new Contact(r.contactedOn(), r.reached(), r.stillEmployed(), r.monthlyWageFen(),
                r.satisfaction(), problems, unpaid, r.note() == null ? null : r.note().trim(), null,
                clock.instant(), user.subject());
        String caseId = p.recordContact(number, contact, today, properties.earlyDays(), clock.instant());
        store.update(p);
        if (caseId != null) {
            escalations.open(p, caseId);
        }
        return ResponseEntity.ok().eTag(ETags.of(p.getVersion())).body(new ContactRecorded(PlacementView.of(p), caseId));
    }
}
