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
        String caseId = recordOnCopy(p, number, r, user);
        store.update(p);
        if (caseId != null) {
            escalations.open(p, caseId);
        }
        return ResponseEntity.ok().eTag(ETags.of(p.getVersion())).body(new ContactRecorded(PlacementView.of(p), caseId));
    }

    /** The single contact's rules and transition on the loaded placement (not stored): the escalation case, if any. */
    String recordOnCopy(Placement p, int number, ContactRequest r, CurrentUser user) {
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
        return p.recordContact(number, contact, today, properties.earlyDays(), clock.instant());
    }

    /** One contact of a class's follow-up sheet: the placement and the single request's fields. */
    public record ClassContact(@NotNull @Size(max = 140) String placementId, @NotNull LocalDate contactedOn,
                               @NotNull Boolean reached, Boolean stillEmployed,
                               @Min(0) @Max(100_000_000) Long monthlyWageFen, @Min(1) @Max(5) Integer satisfaction,
                               @Size(max = 5) List<@NotNull Problem> problems,
                               @Min(0) @Max(1_000_000_000) Long unpaidWagesFen, @Size(max = 1000) String note) {
        ContactRequest request() {
            return new ContactRequest(contactedOn, reached, stillEmployed, monthlyWageFen, satisfaction, problems,
                    unpaidWagesFen, note);
        }
    }

    /** A class's contacts of one follow-up round: 1 to 500, each placement once. */
    public record ClassContactsRequest(@NotNull @Size(min = 1, max = 500) List<@NotNull @Valid ClassContact> contacts) {
    }

    /** What a class's follow-up sheet did, with the escalation cases it opened. */
    public record ClassContactsRecorded(int recorded, int alreadyDone, List<String> escalationCaseIds) {
    }

    /** A bad row of a class's follow-up sheet: {@code row} counts the entries from 1. */
    public record RowError(int row, String placementId, String field, String message) {
    }

    @PostMapping("/api/placement/classes/{classId}/follow-ups/{number}")
    @Allowed({Role.BASE_STAFF})
    @Operation(summary = "Record a class's contacts of one follow-up round in one request (跟踪服务台账): each by the "
            + "single contact's rules; any bad row (listed) changes nothing; repeatable")
    public ResponseEntity<?> recordClass(@PathVariable String classId, @PathVariable int number,
                                         @Valid @RequestBody ClassContactsRequest request) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF);
        List<ClassContact> entries = request.contacts();
        java.util.Map<String, Placement> found = new java.util.HashMap<>();
        for (ClassContact c : entries) {
            Placement p = mongo.findById(c.placementId().trim(), Placement.class);
            if (p != null) {
                found.put(p.getId(), p);
            }
        }
        if (found.values().stream().noneMatch(p -> classId.equals(p.getClassId()) && user.baseId() != null
                && user.baseId().equals(p.getBaseId()))) {
            throw DomainException.notFound("class " + classId);
        }
        List<RowError> errors = new java.util.ArrayList<>();
        List<Placement> toWrite = new java.util.ArrayList<>();
        List<String> cases = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        int alreadyDone = 0;
        for (int i = 0; i < entries.size(); i++) {
            int row = i + 1;
            ClassContact c = entries.get(i);
            String id = c.placementId().trim();
            Placement p = found.get(id);
            if (!seen.add(id)) {
                errors.add(new RowError(row, id, "placementId", "the placement appears in an earlier row"));
                continue;
            }
            if (p == null || !classId.equals(p.getClassId()) || !user.baseId().equals(p.getBaseId())) {
                errors.add(new RowError(row, id, "placementId", "is not a placement of this class at your base"));
                continue;
            }
            if (sameContactDone(p, number, c)) {
                alreadyDone++;
                continue;
            }
            try {
                String caseId = recordOnCopy(p, number, c.request(), user);
                toWrite.add(p);
                if (caseId != null) {
                    cases.add(caseId);
                }
            } catch (DomainException refused) {
                errors.add(new RowError(row, id, refused.errors().isEmpty() ? "number" : refused.errors().get(0).field(),
                        refused.errors().isEmpty() ? refused.getMessage() : refused.errors().get(0).message()));
            }
        }
        if (!errors.isEmpty()) {
            org.springframework.http.ProblemDetail pd = cn.sunshine.platform.web.Problems.of(422, "batch-rejected",
                    "The batch has bad rows", errors.size()
                            + " problem(s) found; nothing was changed: correct the rows and send the batch again");
            pd.setProperty("rows", errors);
            return ResponseEntity.unprocessableEntity().body(pd);
        }
        for (Placement p : toWrite) {
            // The single endpoint's write (conditional on the version read) and its escalation; a placement
            // changed meanwhile stops the batch with 412, and sending it again finishes it.
            store.update(p);
            String caseId = p.getId() + "-f" + number;
            if (cases.contains(caseId)) {
                escalations.open(p, caseId);
            }
        }
        return ResponseEntity.ok(new ClassContactsRecorded(toWrite.size(), alreadyDone, cases));
    }

    /** The round is already recorded with exactly this contact (a batch sent again). */
    private static boolean sameContactDone(Placement p, int number, ClassContact c) {
        return p.getFollowUps().stream().anyMatch(f -> f.number() == number && f.status() == FollowUp.Status.DONE
                && f.contact() != null && f.contact().contactedOn().equals(c.contactedOn())
                && f.contact().reached() == c.reached()
                && java.util.Objects.equals(f.contact().stillEmployed(), c.stillEmployed())
                && java.util.Objects.equals(f.contact().monthlyWageFen(), c.monthlyWageFen())
                && java.util.Objects.equals(f.contact().satisfaction(), c.satisfaction()));
    }
}
