package cn.sunshine.placement.followup;

import cn.sunshine.placement.placement.FollowUpProperties;
import cn.sunshine.placement.placement.Problem;
import cn.sunshine.placement.placement.Contact;
import cn.sunshine.placement.placement.FollowUp;
import cn.sunshine.placement.escalation.Escalations;
import cn.sunshine.placement.followup.FollowUpDtos.ClassContact;
import cn.sunshine.placement.followup.FollowUpDtos.ContactRequest;
import cn.sunshine.placement.followup.FollowUpDtos.RowError;
import cn.sunshine.placement.followup.FollowUpDtos.State;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Use cases of the follow-up after a placement: the due and overdue lists, a contact, a class's sheet of contacts. */
@Service
public class FollowUps extends UseCase {

    private final FollowUpProperties properties;
    private final Escalations escalations;

    public FollowUps(Changes changes, Clock clock, FollowUpProperties properties, Escalations escalations) {
        super(changes, clock);
        this.properties = properties;
        this.escalations = escalations;
    }

    /** A contact recorded on a placement, and the escalation case it opened (or null). */
    public record Recorded(Placement placement, String escalationCaseId) {
    }

    /** What a class's sheet did: the placements written, those already done, the cases opened; or every bad row. */
    public record ClassRecorded(int recorded, int alreadyDone, List<String> escalationCaseIds, List<RowError> errors) {
    }

    /** Current placements with a follow-up due today or earlier (DUE), or overdue past the grace days (OVERDUE). */
    public PageResult<Placement> list(State state, String baseId, Integer page, Integer size) {
        LocalDate today = ProgramCalendar.today(clock);
        LocalDate cutoff = state == State.DUE ? today.plusDays(1) : today.minusDays(properties.graceDays());
        Criteria c = new Criteria().andOperator(Access.listScope("baseId", "divisionCode"),
                Criteria.where("nextDueOn").lt(cutoff));
        if (baseId != null) {
            c = new Criteria().andOperator(c, Criteria.where("baseId").is(baseId));
        }
        return PageResult.find(mongo, Query.query(c), Placement.class, page, size, Sort.by("nextDueOn"));
    }

    /** The base's staff, or the county's officer, record a contact; a labour-rights problem opens an escalation case. */
    public Recorded record(String id, int number, String ifMatch, ContactRequest r) {
        Changes.Changed<Placement, String> done = changes.changeWithResult(Placement.class, id, ifMatch, p -> {
            CurrentUser user = Jurisdiction.currentUser();
            if (user.has(Role.BASE_STAFF) && !user.has(Role.COUNTY_OFFICER)) {
                Jurisdiction.staffOf(p.getBaseId());
            } else {
                Jurisdiction.roleOver(p.getDivisionCode(), "placement " + id, Role.COUNTY_OFFICER);
            }
            return user;
        }, (Placement p, CurrentUser user) -> recordOnCopy(p, number, r, user));
        if (done.result() != null) {
            escalations.open(done.aggregate(), done.result());
        }
        return new Recorded(done.aggregate(), done.result());
    }

    /** The single contact's rules and transition on the loaded placement (not stored): the escalation case, if any. */
    private String recordOnCopy(Placement p, int number, ContactRequest r, CurrentUser user) {
        LocalDate today = ProgramCalendar.today(clock);
        if (r.contactedOn().isAfter(today)) {
            throw DomainException.invalidField("contactedOn", Phrase.coded("follow-up.contact-in-future",
                    "must not be in the future"));
        }
        List<Problem> problems = r.problems() == null ? List.of() : r.problems().stream().distinct().toList();
        long unpaid = r.unpaidWagesFen() == null ? 0 : r.unpaidWagesFen();
        if (unpaid > 0 && !problems.contains(Problem.UNPAID_WAGES)) {
            throw DomainException.invalidField("problems", Phrase.coded("follow-up.unpaid-wages",
                    "must include UNPAID_WAGES when unpaid wages are reported"));
        }
        if (!r.reached() && (r.stillEmployed() != null || r.monthlyWageFen() != null || r.satisfaction() != null)) {
            throw DomainException.invalidField("reached", Phrase.coded("follow-up.not-reached",
                    "employment, wage and satisfaction need the trainee reached"));
        }
        Contact contact = new Contact(r.contactedOn(), r.reached(), r.stillEmployed(), r.monthlyWageFen(),
                r.satisfaction(), problems, unpaid, r.note() == null ? null : r.note().trim(), null,
                clock.instant(), user.subject());
        return p.recordContact(number, contact, today, properties.earlyDays(), clock.instant());
    }

    /**
     * A class's contacts of one round, each by the single contact's rules: every row is checked first (any bad
     * row changes nothing), then each placement is written on its own, pinned to the version checked: a placement
     * changed meanwhile stops the batch with 412, and sending it again finishes it.
     */
    public ClassRecorded recordClass(String classId, int number, List<ClassContact> entries) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF);
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
        List<ContactRequest> requests = new java.util.ArrayList<>();
        List<String> cases = new java.util.ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<Placement> toOpenNow = new java.util.ArrayList<>();
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
                // The sheet sent again (its first answer lost, or its process dead after this row's write): the
                // row's case is named as the first answer named it, and opened if that process died before.
                String caseId = p.getId() + "-f" + number;
                if (p.followUpOfCase(caseId).isPresent()) {
                    cases.add(caseId);
                    if (p.getCasesToOpen().contains(caseId)) {
                        toOpenNow.add(p);
                    }
                }
                continue;
            }
            try {
                String caseId = recordOnCopy(p, number, c.request(), user);
                toWrite.add(p);
                requests.add(c.request());
                if (caseId != null) {
                    cases.add(caseId);
                }
            } catch (DomainException refused) {
                errors.add(new RowError(row, id, refused.errors().isEmpty() ? "number" : refused.errors().get(0).field(),
                        refused.errors().isEmpty() ? refused.getMessage() : refused.errors().get(0).message()));
            }
        }
        if (!errors.isEmpty()) {
            return new ClassRecorded(0, 0, List.of(), errors);
        }
        for (int i = 0; i < toWrite.size(); i++) {
            Placement checked = toWrite.get(i);
            ContactRequest r = requests.get(i);
            // The single endpoint's change, pinned to the version checked above, and its escalation.
            Placement p = changes.change(Placement.class, checked.getId(), ETags.of(checked.getVersion()),
                    x -> user, (Placement x, CurrentUser u) -> recordOnCopy(x, number, r, u));
            String caseId = p.getId() + "-f" + number;
            if (cases.contains(caseId)) {
                escalations.open(p, caseId);
            }
        }
        for (Placement p : toOpenNow) {
            escalations.open(p, p.getId() + "-f" + number);
        }
        return new ClassRecorded(toWrite.size(), alreadyDone, cases, List.of());
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
