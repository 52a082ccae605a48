package cn.sunshine.placement.placement;

import cn.sunshine.placement.completer.Completer;
import cn.sunshine.placement.employer.Employer;
import cn.sunshine.placement.placement.PlacementDtos.PlaceRequest;
import cn.sunshine.placement.support.Access;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.CreditCode;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.outbox.Projections;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.PageResult;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/** Reports placements of completers, departures and re-placements. */
@Service
public class Placements extends UseCase {

    /** How far ahead of today a start date may be reported (a job agreed, starting soon). */
    static final int START_AHEAD_DAYS = 90;

    private final FollowUpProperties followUp;
    private final Projections projections;
    private final OrderTerms orders;

    public Placements(Changes changes, Clock clock, FollowUpProperties followUp, Projections projections,
                      OrderTerms orders) {
        super(changes, clock);
        this.orders = orders;
        this.followUp = followUp;
        this.projections = projections;
    }

    public Placement find(String id) {
        Placement p = mongo.findById(id, Placement.class);
        if (p == null) {
            throw DomainException.notFound("placement " + id);
        }
        return p;
    }

    /** The base's staff report a completer's job; refused for anyone who did not complete at their base. */
    public Placement place(PlaceRequest r) {
        return place(r, Jurisdiction.requireRole(Role.BASE_STAFF));
    }

    /** {@link #place(PlaceRequest)} for a caller already found (a class's batch). */
    Placement place(PlaceRequest r, CurrentUser staff) {
        EmployerTerms employer = employerOf(r);
        Completer completer = mongo.findById(r.enrollmentId(), Completer.class);
        if (completer == null || !completer.getBaseId().equals(staff.baseId())) {
            throw DomainException.rule("not-a-completer", "Not a completer",
                    "enrollment " + r.enrollmentId() + " has no completion at your base: only trainees who "
                            + "completed the training can be placed");
        }
        LocalDate today = ProgramCalendar.today(clock);
        if (r.startDate().isAfter(today.plusDays(START_AHEAD_DAYS))) {
            throw DomainException.invalidField("startDate", Phrase.coded("placement.start-ahead",
                    "must be within " + START_AHEAD_DAYS + " days from today", START_AHEAD_DAYS));
        }
        Placement previous = null;
        if (r.replacesPlacementId() != null && !r.replacesPlacementId().isBlank()) {
            previous = mongo.findById(r.replacesPlacementId(), Placement.class);
            if (previous == null || !previous.getEnrollmentId().equals(completer.getId())) {
                throw DomainException.invalidField("replacesPlacementId", Phrase.coded("placement.not-of-trainee",
                    "is not a placement of this trainee"));
            }
            if (previous.getStatus() == PlacementStatus.CURRENT) {
                throw DomainException.conflict("still-placed", "Still placed",
                        "the trainee has not left placement " + previous.getId() + ": record the departure first");
            }
            Placement next = mongo.findById(Placement.idOf(completer.getId(), previous.getSequence() + 1),
                    Placement.class);
            if (next != null) {
                if (isThisReport(next, r, employer)) {
                    return next;
                }
                throw DomainException.conflict("already-replaced", "Already re-placed",
                        "placement " + previous.getId() + " was already followed by a re-placement");
            }
        }
        String orderId = blankToNull(r.orderId());
        if (orderId != null) {
            orders.checkPlacement(orderId, completer.getBaseId(), employer.creditCode(), completer.getMajorCode());
        }
        // counts the trainee as placed unless another of their placements does (a disproved one does not)
        boolean counts = previous == null || !mongo.exists(Query.query(new Criteria().andOperator(
                Criteria.where("enrollmentId").is(completer.getId()), Placement.countsAsPlaced())), Placement.class);
        Instant now = clock.instant();
        Placement p = Placement.place(completer, previous, counts, employer, orderId, r.job().trim(),
                r.monthlyWageFen(), r.startDate(), r.workplace(), r.contractSigned(),
                followUp.scheduleFrom(r.startDate()), now, staff.subject());
        try {
            return store.insert(p);
        } catch (DuplicateKeyException e) {
            Placement existing = mongo.findById(p.getId(), Placement.class);
            if (existing != null && isThisReport(existing, r, employer)) {
                return existing;
            }
            throw previous == null
                    ? DomainException.conflict("already-placed", "Already placed",
                    "the trainee already has a placement: a new job is a re-placement naming it "
                            + "(replacesPlacementId) after the departure, or after it was disproved")
                    : DomainException.conflict("already-replaced", "Already re-placed",
                    "placement " + previous.getId() + " was already followed by a re-placement");
        }
    }

    /** The same report sent again (its first answer lost to a restart or a timeout) is the same act. */
    private static boolean isThisReport(Placement existing, PlaceRequest r, EmployerTerms employer) {
        return existing.isReportOf(r.enrollmentId(), blankToNull(r.replacesPlacementId()), employer.creditCode(),
                r.job().trim(), r.monthlyWageFen(), r.startDate());
    }

    /**
     * Applies a spot-check finding to the placement it concerns, once per event: a finding
     * {@code NOT_EMPLOYED_AS_REPORTED} disproves it (other kinds concern the training or the money and
     * leave it as it is). A placement already disproved by an earlier finding stays as it is.
     *
     * @return true when this event disproved it
     */
    boolean applyFinding(SpotCheckFinding f, String eventId) {
        if (!Placement.NOT_EMPLOYED_AS_REPORTED.equals(f.kind())) {
            return false;
        }
        if (f.placementId() == null || f.findingId() == null || f.recordedAt() == null || f.recordedBy() == null) {
            throw new IllegalArgumentException("a finding without placement, id, time or officer");
        }
        boolean[] disproved = {false};
        projections.apply(Placement.class, f.placementId(), eventId, () -> {
            throw new IllegalStateException("finding " + f.findingId() + " names no known placement");
        }, p -> {
            disproved[0] = false;
            if (!p.isDisproved()) {
                p.disprove(f.findingId(), f.spotCheckId(), f.kind(), f.note(), f.recordedAt(), f.recordedBy());
                disproved[0] = true;
            }
        });
        return disproved[0];
    }

    /** The base's staff record that the trainee left the job: remaining follow-ups are cancelled. */
    public Placement leave(String id, String ifMatch, LocalDate on, String reason) {
        return changes.change(Placement.class, id, ifMatch, p -> Jurisdiction.staffOf(p.getBaseId()), (Placement p, CurrentUser staff) -> {
            if (on.isAfter(ProgramCalendar.today(clock))) {
                throw DomainException.invalidField("leftOn", Phrase.coded("placement.left-in-future",
                    "must not be in the future"));
            }
            p.leave(on, reason.trim());
        });
    }

    /** A placement the caller may read: an official over it, or its base's staff (404 otherwise). */
    public Placement readable(String id) {
        return changes.load(Placement.class, id,
                p -> Jurisdiction.requireOfficerOrOwnBase(p.getDivisionCode(), p.getBaseId(), "placement " + id));
    }

    /** Placements in the caller's jurisdiction (or of their base), by base, enrollment or status. */
    public PageResult<Placement> list(String baseId, String classId, String enrollmentId, PlacementStatus status,
                                      Integer page, Integer size) {
        Criteria c = Access.listScope("baseId", "divisionCode");
        if (baseId != null) {
            c = new Criteria().andOperator(c, Criteria.where("baseId").is(baseId));
        }
        if (classId != null) {
            c = new Criteria().andOperator(c, Criteria.where("classId").is(classId));
        }
        if (enrollmentId != null) {
            c = new Criteria().andOperator(c, Criteria.where("enrollmentId").is(enrollmentId));
        }
        if (status != null) {
            c = new Criteria().andOperator(c, Criteria.where("status").is(status));
        }
        return PageResult.find(mongo, Query.query(c), Placement.class, page, size, Sort.by("placedAt"));
    }

    /** The registered employer named by id, or the one given inline (credit code checked). */
    EmployerTerms employerOf(PlaceRequest r) {
        boolean byId = r.employerId() != null && !r.employerId().isBlank();
        if (byId == (r.employer() != null)) {
            throw DomainException.invalidField("employer", Phrase.coded("placement.employer-either",
                    "give either employerId (a registered employer) or employer, not both"));
        }
        if (byId) {
            Employer e = mongo.findById(r.employerId(), Employer.class);
            if (e == null) {
                throw DomainException.invalidField("employerId", Phrase.coded("placement.employer-unknown",
                    "is not a registered employer"));
            }
            return new EmployerTerms(e.getName(), e.getCreditCode(), e.getAddress(), e.getHrPhone());
        }
        String code = r.employer().creditCode().trim().toUpperCase();
        CreditCode.problem(code).ifPresent(problem -> {
            throw DomainException.invalidField("employer.creditCode", Phrase.coded("credit-code.invalid", problem));
        });
        return new EmployerTerms(r.employer().name().trim(), code, r.employer().address().trim(),
                r.employer().hrPhone());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
