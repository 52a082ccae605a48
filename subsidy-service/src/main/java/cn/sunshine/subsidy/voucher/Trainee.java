package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.TraineeRecord;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.identifiers.PersonalData;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.function.Consumer;

/**
 * What subsidy knows of an enrollment, from enrollment-service's events: the class, base, major,
 * tier, the name and masked ID number (masked again on the way in: a whole number is never kept), and whether the trainee completed
 * or left. Vouchers are issued to enrolled trainees; claims are for completed ones.
 */
@Document("trainees")
public class Trainee extends TraineeRecord {

    private String name;
    private String trainingForm;
    private String subsidyTier;
    private boolean enrolled;
    private Instant completedAt;
    private String certificateNumber;
    private Instant leftAt;
    private String leftReason;
    private Instant placedAt;
    private String placementId;
    /** The spot-check finding that disproved the placement (not employed as reported), or null. */
    private String disprovedByFinding;

    protected Trainee() {
    }

    static Trainee from(TraineeEnrolled e) {
        return created(e.enrollmentId(), t -> t.apply(e));
    }

    static Trainee from(TraineeCompleted e) {
        return created(e.enrollmentId(), t -> t.apply(e));
    }

    static Trainee from(TraineeLeft e) {
        return created(e.enrollmentId(), t -> t.apply(e));
    }

    /** The trainee of an enrollment, as the first event to arrive about it says. */
    private static Trainee created(String enrollmentId, Consumer<Trainee> firstEvent) {
        Trainee t = new Trainee();
        t.id = enrollmentId;
        firstEvent.accept(t);
        return t;
    }

    void apply(TraineeEnrolled e) {
        identify(e.classId(), e.baseId(), e.divisionCode(), e.majorCode(), e.year(), e.name(), e.maskedIdNumber());
        trainingForm = e.trainingForm();
        subsidyTier = e.subsidyTier();
        enrolled = true;
    }

    /** Completion may arrive before the enrollment (queues do not promise order): it fills what it knows. */
    void apply(TraineeCompleted e) {
        if (classId == null) {
            identify(e.classId(), e.baseId(), e.divisionCode(), e.majorCode(), e.year(), e.name(), e.maskedIdNumber());
        }
        completedAt = e.completedAt();
        certificateNumber = e.certificateNumber();
    }

    /** Who the trainee is and where they train, as an enrollment event tells it (the ID number masked again). */
    private void identify(String classId, String baseId, String divisionCode, String majorCode, int year, String name,
                          String maskedIdNumber) {
        enrolledIn(classId, baseId, divisionCode, majorCode, year);
        this.name = name;
        this.maskedIdNumber = PersonalData.maskIdNumber(maskedIdNumber);
    }

    static Trainee from(TraineePlaced e) {
        Trainee t = new Trainee();
        t.id = e.enrollmentId();
        t.enrolledIn(e.classId(), e.baseId(), e.divisionCode(), e.majorCode(), e.year());
        t.apply(e);
        return t;
    }

    /** The first placement counts (a re-placement changes nothing here). */
    void apply(TraineePlaced e) {
        if (placedAt == null) {
            placedAt = e.placedAt();
            placementId = e.placementId();
        }
    }

    void apply(TraineeLeft e) {
        if (classId == null) {
            identify(e.classId(), e.baseId(), e.divisionCode(), e.majorCode(), e.year(), e.name(), e.maskedIdNumber());
        }
        leftAt = e.at();
        leftReason = e.reason();
    }

    /** True when a spot check found the trainee not employed as reported: the placement part is not to be paid. */
    public boolean isPlacementDisproved() {
        return disprovedByFinding != null;
    }

    public String getDisprovedByFinding() {
        return disprovedByFinding;
    }

    public boolean isPlaced() {
        return placedAt != null;
    }

    public Instant getPlacedAt() {
        return placedAt;
    }

    public boolean isCompleted() {
        return completedAt != null;
    }

    public String getName() {
        return name;
    }

    public String getSubsidyTier() {
        return subsidyTier;
    }

    public boolean isEnrolled() {
        return enrolled;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public Instant getLeftAt() {
        return leftAt;
    }

    public String getLeftReason() {
        return leftReason;
    }
}
