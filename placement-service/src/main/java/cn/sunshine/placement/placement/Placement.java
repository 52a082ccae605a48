package cn.sunshine.placement.placement;

import cn.sunshine.platform.domain.TraineeRecord;
import cn.sunshine.placement.completer.Completer;
import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.FollowUpEscalated;
import cn.sunshine.platform.events.placement.PlacementDisproved;
import cn.sunshine.platform.events.placement.TraineePlaced;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A completer's job (转移就业) as the base reported it, with its follow-up schedule (跟踪服务).
 *
 * <p>One current placement per trainee, guarded by one document: the id is
 * {@code <enrollmentId>-<sequence>}. The first placement is sequence 1; a re-placement after the
 * trainee left is the next sequence and names the one it follows. Two reports racing for the same
 * sequence collide on the id, so at most one wins; the history is every sequence of the enrollment.
 *
 * <p>A spot-check finding {@code NOT_EMPLOYED_AS_REPORTED} disproves it ({@code DISPROVED}, final):
 * it stays in the history with the finding, and counts nowhere a placement counts
 * ({@link #countsAsPlaced()}). The trainee's job after that is a new placement naming it.
 */
@Document("placements")
@CompoundIndex(name = "base_reported", def = "{'baseId': 1, 'reportedOn': 1}")
@CompoundIndex(name = "divisionCode", def = "{'divisionCode': 1}")
public class Placement extends TraineeRecord {

    @Indexed
    private String enrollmentId;
    private int sequence;
    /** The completion date (Asia/Shanghai) of the trainee: rates per period select by it. */
    private LocalDate completedOn;
    private String traineeName;
    private EmployerTerms employer;
    private String orderId;
    private String job;
    private long monthlyWageFen;
    private LocalDate startDate;
    private Workplace workplace;
    private boolean contractSigned;
    private String replacesPlacementId;
    /**
     * Whether this placement counts the trainee as placed (published as {@code placed}): the first, or
     * the first after the counted one was disproved. Null in placements stored before it was kept:
     * then sequence 1 counts.
     */
    private Boolean countsTrainee;
    private PlacementStatus status;
    /** The finding that disproved it, who recorded it and when; null unless DISPROVED. */
    private Disproval disproval;
    private LocalDate leftOn;
    private String leftReason;
    private LocalDate reportedOn;
    private Instant placedAt;
    private String placedBy;
    private List<FollowUp> followUps;
    /**
     * Escalation cases recorded with a follow-up but not yet confirmed opened: the case is inserted
     * right after the follow-up's write and the id then pulled from here; the sweep opens any left.
     */
    @Indexed
    private List<String> casesToOpen;
    /** The earliest due date of a follow-up still DUE; null when none is (kept for the due and overdue lists). */
    @Indexed
    private LocalDate nextDueOn;

    /** A spot-check finding showed the placement false: the finding, the state it was in, who and when. */
    public record Disproval(String findingId, String spotCheckId, String kind, String note,
                            PlacementStatus statusBefore, Instant at, String by) {
    }

    /** The finding kind that disproves a placement. */
    public static final String NOT_EMPLOYED_AS_REPORTED = "NOT_EMPLOYED_AS_REPORTED";

    protected Placement() {
    }

    /**
     * The placements that count a trainee as placed (the rate's numerator, the progress report's
     * {@code placed}, an order's placed trainees): the one published as {@code placed} — sequence 1
     * for placements stored before {@code countsTrainee} was kept — unless it was disproved.
     */
    public static Criteria countsAsPlaced() {
        return new Criteria().andOperator(Criteria.where("status").ne(PlacementStatus.DISPROVED),
                new Criteria().orOperator(Criteria.where("countsTrainee").is(true),
                        new Criteria().andOperator(Criteria.where("countsTrainee").exists(false),
                                Criteria.where("sequence").is(1))));
    }

    /**
     * Whether this placement is the one a base's staff reported with these terms: the same trainee,
     * the same placement it follows, employer, job, wage and start (the base was checked before). Reporting it again (a retry whose
     * answer was lost) is the same act, not a second placement.
     */
    boolean isReportOf(String forEnrollmentId, String replaces, String creditCode, String reportedJob,
                       long wageFen, LocalDate start) {
        return enrollmentId.equals(forEnrollmentId)
                && java.util.Objects.equals(replacesPlacementId, replaces)
                && employer != null && employer.creditCode().equals(creditCode)
                && job.equals(reportedJob) && monthlyWageFen == wageFen && startDate.equals(start);
    }

    public static String idOf(String enrollmentId, int sequence) {
        return enrollmentId + "-" + sequence;
    }

    /**
     * A completer's placement; {@code previous} is the placement the trainee left (or that was
     * disproved), or null for the first. {@code counts}: the trainee has no other placement that counts
     * them as placed, so this one does and is published as {@code placed} (else {@code re-placed}).
     */
    static Placement place(Completer completer, Placement previous, boolean counts, EmployerTerms employer,
                           String orderId, String job, long monthlyWageFen, LocalDate startDate, Workplace workplace,
                           boolean contractSigned, List<FollowUp> schedule, Instant now, String by) {
        if (previous != null && previous.status == PlacementStatus.CURRENT) {
            throw DomainException.invalidTransition("placement", previous.status, "followed by a re-placement");
        }
        Placement p = new Placement();
        p.sequence = previous == null ? 1 : previous.sequence + 1;
        p.id = idOf(completer.getId(), p.sequence);
        p.enrollmentId = completer.getId();
        p.sameTraineeAs(completer);
        p.completedOn = ProgramCalendar.dateOf(completer.getCompletedAt());
        p.traineeName = completer.getName();
        p.employer = employer;
        p.orderId = orderId;
        p.job = job;
        p.monthlyWageFen = monthlyWageFen;
        p.startDate = startDate;
        p.workplace = workplace;
        p.contractSigned = contractSigned;
        p.replacesPlacementId = previous == null ? null : previous.getId();
        p.countsTrainee = counts;
        p.status = PlacementStatus.CURRENT;
        p.reportedOn = ProgramCalendar.dateOf(now);
        p.placedAt = now;
        p.placedBy = by;
        p.followUps = new ArrayList<>(schedule);
        p.casesToOpen = List.of();
        p.refreshNextDue();
        // placed counts a trainee once (the rate's numerator); a re-placement is its own fact
        p.recordEvent(counts ? EventTypes.TRAINEE_PLACED : EventTypes.TRAINEE_REPLACED, new TraineePlaced(p.id, p.enrollmentId, p.classId, p.baseId,
                p.divisionCode, p.majorCode, p.year, employer.name(), employer.creditCode(), job, monthlyWageFen,
                startDate, workplace.name(), contractSigned, p.replacesPlacementId, now, by, employer.address(),
                employer.hrPhone()), p.divisionCode, now);
        return p;
    }

    /** The trainee left the job: the remaining follow-ups are cancelled; a re-placement may follow. */
    void leave(LocalDate on, String reason) {
        if (status != PlacementStatus.CURRENT) {
            throw DomainException.invalidTransition("placement", status, "left again");
        }
        if (on.isBefore(startDate)) {
            throw DomainException.invalidField("leftOn", Phrase.coded("placement.left-before-start",
                    "must not be before the start date " + startDate, startDate));
        }
        status = PlacementStatus.LEFT;
        leftOn = on;
        leftReason = reason;
        followUps = followUps.stream().map(f -> f.status() == FollowUp.Status.DUE ? f.cancelled() : f).toList();
        refreshNextDue();
    }

    /**
     * A spot-check finding {@code NOT_EMPLOYED_AS_REPORTED} disproves the placement, current or left:
     * it is kept with the finding and its state before, its remaining follow-ups are cancelled, and
     * {@code placement.placement.disproved.v1} is recorded. Final: a placement is disproved once.
     */
    void disprove(String findingId, String spotCheckId, String kind, String note, Instant at, String by) {
        if (status == PlacementStatus.DISPROVED) {
            throw DomainException.invalidTransition("placement", status, "disproved again");
        }
        if (!NOT_EMPLOYED_AS_REPORTED.equals(kind)) {
            throw DomainException.invalidField("kind", Phrase.coded("placement.disproval-kind",
                    "only a finding " + NOT_EMPLOYED_AS_REPORTED + " disproves a placement", NOT_EMPLOYED_AS_REPORTED));
        }
        if (findingId == null || findingId.isBlank() || at == null || by == null) {
            throw DomainException.invalidField("findingId", Phrase.coded("placement.disproval-finding",
                    "a disproval names its finding, when and who"));
        }
        disproval = new Disproval(findingId, spotCheckId, kind, note, status, at, by);
        status = PlacementStatus.DISPROVED;
        followUps = followUps.stream().map(f -> f.status() == FollowUp.Status.DUE ? f.cancelled() : f).toList();
        refreshNextDue();
        recordEvent(EventTypes.PLACEMENT_DISPROVED, new PlacementDisproved(id, enrollmentId, baseId, divisionCode, year,
                findingId, kind, placedAt, at, by), divisionCode, at);
    }

    public boolean isDisproved() {
        return status == PlacementStatus.DISPROVED;
    }

    /**
     * Records follow-up {@code number}. A problem reported opens an escalation case (its id is
     * returned and the event recorded with the contact, in the same write).
     *
     * @return the escalation case id, or null when no problem was reported
     */
    public String recordContact(int number, Contact contact, LocalDate today, int earlyDays, Instant now) {
        FollowUp f = followUps.stream().filter(x -> x.number() == number).findFirst()
                .orElseThrow(() -> DomainException.notFound("follow-up " + number + " of placement " + id));
        if (f.status() != FollowUp.Status.DUE) {
            throw DomainException.invalidTransition("follow-up", f.status(), "recorded");
        }
        if (today.isBefore(f.dueOn().minusDays(earlyDays))) {
            throw DomainException.rule("follow-up-not-due", "Not due yet",
                    "follow-up " + number + " falls due on " + f.dueOn() + "; it can be recorded from "
                            + f.dueOn().minusDays(earlyDays));
        }
        String caseId = null;
        List<Problem> problems = contact.problems();
        if (!problems.isEmpty()) {
            caseId = id + "-f" + number;
            List<String> toOpen = new ArrayList<>(casesToOpen == null ? List.of() : casesToOpen);
            toOpen.add(caseId);
            casesToOpen = toOpen;
            recordEvent(EventTypes.FOLLOW_UP_ESCALATED, new FollowUpEscalated(caseId, id, enrollmentId, baseId,
                    divisionCode, problems.stream().map(Enum::name).toList(), contact.unpaidWagesFen(), now),
                    divisionCode, now);
        }
        Contact stored = new Contact(contact.contactedOn(), contact.reached(), contact.stillEmployed(),
                contact.monthlyWageFen(), contact.satisfaction(), problems, contact.unpaidWagesFen(), contact.note(),
                caseId, contact.recordedAt(), contact.recordedBy());
        followUps = followUps.stream().map(x -> x.number() == number ? x.done(stored) : x).toList();
        refreshNextDue();
        return caseId;
    }

    private void refreshNextDue() {
        nextDueOn = followUps.stream().filter(f -> f.status() == FollowUp.Status.DUE).map(FollowUp::dueOn)
                .min(Comparator.naturalOrder()).orElse(null);
    }

    public String getEnrollmentId() {
        return enrollmentId;
    }

    public int getSequence() {
        return sequence;
    }

    public LocalDate getCompletedOn() {
        return completedOn;
    }

    public String getTraineeName() {
        return traineeName;
    }

    public EmployerTerms getEmployer() {
        return employer;
    }

    public String getOrderId() {
        return orderId;
    }

    public String getJob() {
        return job;
    }

    public long getMonthlyWageFen() {
        return monthlyWageFen;
    }

    public LocalDate getStartDate() {
        return startDate;
    }

    public Workplace getWorkplace() {
        return workplace;
    }

    public boolean isContractSigned() {
        return contractSigned;
    }

    public String getReplacesPlacementId() {
        return replacesPlacementId;
    }

    public PlacementStatus getStatus() {
        return status;
    }

    /** Whether it counts the trainee as placed (published as {@code placed}), disproved or not. */
    public boolean isCountsTrainee() {
        return countsTrainee != null ? countsTrainee : sequence == 1;
    }

    public Disproval getDisproval() {
        return disproval;
    }

    public LocalDate getLeftOn() {
        return leftOn;
    }

    public String getLeftReason() {
        return leftReason;
    }

    public LocalDate getReportedOn() {
        return reportedOn;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public String getPlacedBy() {
        return placedBy;
    }

    public List<FollowUp> getFollowUps() {
        return followUps;
    }

    public List<String> getCasesToOpen() {
        return casesToOpen == null ? List.of() : casesToOpen;
    }

    /** The follow-up whose contact opened the case, if any. */
    public java.util.Optional<FollowUp> followUpOfCase(String caseId) {
        return followUps.stream().filter(f -> f.contact() != null && caseId.equals(f.contact().escalationCaseId()))
                .findFirst();
    }

    public LocalDate getNextDueOn() {
        return nextDueOn;
    }
}
