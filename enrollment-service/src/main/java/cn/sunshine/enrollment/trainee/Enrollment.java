package cn.sunshine.enrollment.trainee;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.TraineeAssessed;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import cn.sunshine.platform.identifiers.PersonalData;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A trainee enrolled in a class: one row of the ledger (台帐). Guards the lifecycle
 * ENROLLED → WITHDRAWN | DROPPED | ASSESSED → COMPLETED and records an event for every step.
 */
@Document("enrollments")
@CompoundIndex(name = "class_name", def = "{'classId': 1, 'trainee.name': 1}")
public class Enrollment extends AggregateRoot {

    public enum RosterCheck { PENDING, VERIFIED, REJECTED }

    /** Who decided what, when and why. */
    public record Decision(String by, Instant at, String reason) {
    }

    /** One sitting of the theory exam and the skill test; a resit is another. */
    public record Assessment(int theoryScore, int practicalScore, boolean theoryPassed, boolean practicalPassed,
                             Instant at, String by) {
        public boolean passed() {
            return theoryPassed && practicalPassed;
        }
    }

    /** 结业: the certificate, and the vocational skill certificate (技能鉴定) where the major has one. */
    public record Completion(String certificateNumber, String skillCertificateNumber, String skillLevel, Instant at,
                             String by) {
    }

    /**
     * The employer fields of the ledger (就业单位, its address and a working phone), from placement-service's
     * {@code placement.trainee.placed.v1} / {@code re-placed.v1}: the trainee's latest placement. When a spot
     * check disproved that placement ({@code placement.placement.disproved.v1}) the finding and time are kept
     * and the ledger marks it. The phone is the employer's HR phone; it is masked where the trainee's is.
     */
    public record Employer(String placementId, String name, String creditCode, String address, String phone,
                           LocalDate startDate, Instant placedAt, String disprovedByFinding, Instant disprovedAt) {

        public boolean disproved() {
            return disprovedAt != null;
        }

        /** The same, the phone masked (as the trainee's phone is for everyone but the county's officers). */
        public Employer masked() {
            return new Employer(placementId, name, creditCode, address, PersonalData.maskPhone(phone), startDate,
                    placedAt, disprovedByFinding, disprovedAt);
        }
    }

    @Indexed
    private String classId;
    @Indexed
    private String baseId;
    private String baseName;
    @Indexed
    private String divisionCode;
    private String majorCode;
    private String majorName;
    private int year;
    private String trainingForm;
    private Trainee trainee;
    /** The keyed hash of the ID number under which the person is registered for the year. */
    @Indexed
    private String personKey;
    private long feeFen;
    private SubsidyTier subsidyTier;
    private long subsidyFen;
    private EnrollmentStatus status;
    private Decision enrolled;
    private RosterCheck rosterCheck;
    private Decision rosterDecision;
    private Decision left;
    private List<Assessment> assessments;
    private Completion completion;
    private Employer employer;

    protected Enrollment() {
    }

    public static Enrollment enroll(String id, TrainingClass c, Trainee trainee, String personKey,
                                    SubsidyTier tier, long subsidyFen, String actor, Instant now) {
        Enrollment e = new Enrollment();
        e.id = id;
        e.classId = c.getId();
        e.baseId = c.getBaseId();
        e.baseName = c.getBaseName();
        e.divisionCode = c.getDivisionCode();
        e.majorCode = c.getMajorCode();
        e.majorName = c.getMajorName();
        e.year = c.getYear();
        e.trainingForm = c.getTrainingForm().name();
        e.trainee = trainee;
        e.personKey = personKey;
        e.feeFen = c.getFeeFen();
        e.subsidyTier = tier;
        e.subsidyFen = subsidyFen;
        e.status = EnrollmentStatus.ENROLLED;
        e.enrolled = new Decision(actor, now, null);
        e.rosterCheck = RosterCheck.PENDING;
        e.assessments = new ArrayList<>();
        e.recordEvent(EventTypes.TRAINEE_ENROLLED, new TraineeEnrolled(id, e.classId, e.baseId, e.divisionCode,
                e.majorCode, e.year, trainee.name(), trainee.maskedIdNumber(), trainee.gender().name(), e.trainingForm,
                e.feeFen, tier.name(), subsidyFen, now, actor), e.divisionCode, now);
        return e;
    }

    /** The county officer's check against the roster at the opening (对照名册核定学员身份). */
    public void checkAgainstRoster(boolean verified, String reason, String officer, Instant now) {
        if (status != EnrollmentStatus.ENROLLED) {
            throw DomainException.invalidTransition("trainee", status, "checked against the roster");
        }
        if (!verified && (reason == null || reason.isBlank())) {
            throw DomainException.invalidField("reason", cn.sunshine.platform.domain.Phrase.coded("enrollment.rejection-reason",
                    "a rejection gives its reason"));
        }
        rosterCheck = verified ? RosterCheck.VERIFIED : RosterCheck.REJECTED;
        rosterDecision = new Decision(officer, now, blankToNull(reason));
    }

    /** Whether the roster check stands with this outcome and reason (as {@link #checkAgainstRoster} records it). */
    public boolean rosterCheckIs(RosterCheck outcome, String reason) {
        return rosterCheck == outcome && rosterDecision != null
                && java.util.Objects.equals(rosterDecision.reason(), blankToNull(reason));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Left before finishing: the place and the year's registration are released by the caller. */
    public void withdraw(String reason, String actor, Instant now) {
        if (status != EnrollmentStatus.ENROLLED) {
            throw DomainException.invalidTransition("trainee", status, "withdrawn");
        }
        status = EnrollmentStatus.WITHDRAWN;
        left = new Decision(actor, now, reason.trim());
        recordEvent(EventTypes.TRAINEE_WITHDRAWN, leftEvent(), divisionCode, now);
    }

    /** Dropped out during training: the place stays used and the person stays registered for the year. */
    public void drop(String reason, String actor, Instant now) {
        if (status != EnrollmentStatus.ENROLLED && !(status == EnrollmentStatus.ASSESSED && !lastAssessment().passed())) {
            throw DomainException.invalidTransition("trainee", status, "dropped");
        }
        if (rosterCheck == RosterCheck.REJECTED) {
            throw DomainException.invalidTransition("trainee whose identity was rejected at the roster check is",
                    rosterCheck, "dropped (withdraw them)");
        }
        status = EnrollmentStatus.DROPPED;
        left = new Decision(actor, now, reason.trim());
        recordEvent(EventTypes.TRAINEE_DROPPED, leftEvent(), divisionCode, now);
    }

    /** Records the theory exam and skill test; a failed assessment may be re-sat. */
    public Assessment assess(int theoryScore, int practicalScore, int passMark, String actor, Instant now) {
        boolean resit = status == EnrollmentStatus.ASSESSED && !lastAssessment().passed();
        if (status != EnrollmentStatus.ENROLLED && !resit) {
            throw DomainException.invalidTransition("trainee", status, "assessed");
        }
        if (rosterCheck != RosterCheck.VERIFIED) {
            throw DomainException.rule("roster-check-required", "The trainee's identity is not verified",
                    "a county officer verifies the trainee against the roster first (roster check is " + rosterCheck + ")")
                    .coded("enrollment.roster-check-required", rosterCheck);
        }
        Assessment a = new Assessment(theoryScore, practicalScore, theoryScore >= passMark, practicalScore >= passMark,
                now, actor);
        List<Assessment> all = new ArrayList<>(assessments == null ? List.of() : assessments);
        all.add(a);
        assessments = all;
        status = EnrollmentStatus.ASSESSED;
        recordEvent(EventTypes.TRAINEE_ASSESSED, new TraineeAssessed(id, classId, baseId, divisionCode, majorCode,
                trainee.name(), trainee.maskedIdNumber(), theoryScore, practicalScore, a.theoryPassed(),
                a.practicalPassed(), a.passed(), now, actor), divisionCode, now);
        return a;
    }

    /**
     * 结业: only after a passed assessment. The numbers are recorded trimmed; the skill level only with a skill
     * certificate.
     */
    public void complete(String certificateNumber, String skillCertificateNumber, String skillLevel, String actor,
                         Instant now) {
        complete(certificateNumber, skillCertificateNumber, skillLevel, AttendedHours.NONE, 0, actor, now);
    }

    /**
     * 结业, when the class keeps teaching records: the trainee must also have attended at least {@code minimumBp}
     * (basis points) of the hours recorded for them, else 422 {@code attendance-below-minimum} with the figures.
     */
    public void complete(String certificateNumber, String skillCertificateNumber, String skillLevel, AttendedHours hours,
                         int minimumBp, String actor, Instant now) {
        Completion recorded = completion(certificateNumber, skillCertificateNumber, skillLevel, now, actor);
        if (status != EnrollmentStatus.ASSESSED) {
            throw DomainException.invalidTransition("trainee", status, "completed");
        }
        if (!lastAssessment().passed()) {
            throw DomainException.rule("assessment-failed", "The assessment was not passed",
                    "a trainee completes after passing both the theory exam and the skill test")
                    .coded("enrollment.assessment-failed");
        }
        if (hours.held() > 0 && hours.shareBp() < minimumBp) {
            throw DomainException.rule("attendance-below-minimum", "Attendance below the minimum",
                    trainee.name() + " attended " + hours.attended() + " of " + hours.held() + " teaching hours ("
                            + AttendedHours.percent(hours.shareBp()) + "); completion needs at least "
                            + AttendedHours.percent(minimumBp) + " (出勤不足，不能结业)");
        }
        status = EnrollmentStatus.COMPLETED;
        completion = recorded;
        recordEvent(EventTypes.TRAINEE_COMPLETED, new TraineeCompleted(id, classId, baseId, divisionCode, majorCode, year,
                trainee.name(), trainee.maskedIdNumber(), recorded.certificateNumber(), recorded.skillCertificateNumber(),
                recorded.skillLevel(), now, actor), divisionCode, now);
    }

    /** A completion as {@link #complete} records it: trimmed, the skill level only with a skill certificate. */
    private static Completion completion(String certificateNumber, String skillCertificateNumber, String skillLevel,
                                         Instant now, String actor) {
        boolean skill = skillCertificateNumber != null && !skillCertificateNumber.isBlank();
        return new Completion(certificateNumber.trim(), skill ? skillCertificateNumber.trim() : null,
                skill && skillLevel != null && !skillLevel.isBlank() ? skillLevel.trim() : null, now, actor);
    }

    /**
     * placement-service reported the trainee placed or re-placed: the ledger's employer becomes that
     * placement's, unless a later placement is already there (events of two placements may arrive out
     * of order). Only a completer is placed.
     *
     * @return whether the ledger's employer changed
     */
    public boolean employed(String placementId, String name, String creditCode, String address, String phone,
                            LocalDate startDate, Instant placedAt) {
        if (placementId == null || name == null || placedAt == null) {
            throw new IllegalArgumentException("a placement without its id, employer or time");
        }
        if (status != EnrollmentStatus.COMPLETED) {
            throw DomainException.invalidTransition("trainee", status, "placed in a job");
        }
        if (employer != null && (employer.placementId().equals(placementId) || employer.placedAt().isAfter(placedAt))) {
            return false;
        }
        employer = new Employer(placementId, name, creditCode, address, phone, startDate, placedAt, null, null);
        return true;
    }

    /**
     * A spot check disproved a placement of the trainee: when it is the ledger's employer, the ledger
     * marks it (the finding and time kept; a disproval is final). An earlier placement's disproval
     * changes nothing.
     *
     * @return whether the ledger's employer changed
     */
    public boolean employmentDisproved(String placementId, String findingId, Instant at) {
        if (employer == null || !employer.placementId().equals(placementId) || employer.disproved()) {
            return false;
        }
        employer = new Employer(employer.placementId(), employer.name(), employer.creditCode(), employer.address(),
                employer.phone(), employer.startDate(), employer.placedAt(), findingId, at);
        return true;
    }

    private TraineeLeft leftEvent() {
        return new TraineeLeft(id, classId, baseId, divisionCode, majorCode, year, trainee.name(),
                trainee.maskedIdNumber(), left.reason(), left.at(), left.by());
    }

    /** Whether the trainee was assessed and the latest sitting has these scores. */
    public boolean lastAssessmentIs(int theoryScore, int practicalScore) {
        Assessment a = lastAssessment();
        return (status == EnrollmentStatus.ASSESSED || status == EnrollmentStatus.COMPLETED) && a != null
                && a.theoryScore() == theoryScore && a.practicalScore() == practicalScore;
    }

    /** Whether the trainee completed with exactly these certificates, as {@link #complete} records them. */
    public boolean completedAs(String certificateNumber, String skillCertificateNumber, String skillLevel) {
        if (status != EnrollmentStatus.COMPLETED || completion == null || certificateNumber == null
                || certificateNumber.isBlank()) {
            return false;
        }
        Completion asked = completion(certificateNumber, skillCertificateNumber, skillLevel, null, null);
        return java.util.Objects.equals(completion.certificateNumber(), asked.certificateNumber())
                && java.util.Objects.equals(completion.skillCertificateNumber(), asked.skillCertificateNumber())
                && java.util.Objects.equals(completion.skillLevel(), asked.skillLevel());
    }

    public Assessment lastAssessment() {
        return assessments == null || assessments.isEmpty() ? null : assessments.get(assessments.size() - 1);
    }

    public String getClassId() {
        return classId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getBaseName() {
        return baseName;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getMajorCode() {
        return majorCode;
    }

    public String getMajorName() {
        return majorName;
    }

    public int getYear() {
        return year;
    }

    public String getTrainingForm() {
        return trainingForm;
    }

    public Trainee getTrainee() {
        return trainee;
    }

    public String getPersonKey() {
        return personKey;
    }

    public long getFeeFen() {
        return feeFen;
    }

    public SubsidyTier getSubsidyTier() {
        return subsidyTier;
    }

    public long getSubsidyFen() {
        return subsidyFen;
    }

    public EnrollmentStatus getStatus() {
        return status;
    }

    public Decision getEnrolled() {
        return enrolled;
    }

    public RosterCheck getRosterCheck() {
        return rosterCheck;
    }

    public Decision getRosterDecision() {
        return rosterDecision;
    }

    public Decision getLeft() {
        return left;
    }

    public List<Assessment> getAssessments() {
        return assessments == null ? List.of() : assessments;
    }

    public Completion getCompletion() {
        return completion;
    }

    public Employer getEmployer() {
        return employer;
    }
}
