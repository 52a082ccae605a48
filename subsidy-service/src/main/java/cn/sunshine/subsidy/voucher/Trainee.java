package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.events.enrollment.TraineeEnrolled;
import cn.sunshine.platform.events.enrollment.TraineeLeft;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.identifiers.PersonalData;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * What subsidy knows of an enrollment, from enrollment-service's events: the class, base, major,
 * tier, the name and masked ID number (masked again on the way in: a whole number is never kept), and whether the trainee completed
 * or left. Vouchers are issued to enrolled trainees; claims are for completed ones.
 */
@Document("trainees")
public class Trainee extends AggregateRoot {

    /** A class's trainees are read together when its vouchers are issued (an indexed equality, not a scan). */
    @Indexed
    private String classId;
    @Indexed
    private String baseId;
    private String divisionCode;
    private String majorCode;
    private int year;
    private String name;
    private String maskedIdNumber;
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
        Trainee t = new Trainee();
        t.id = e.enrollmentId();
        t.apply(e);
        return t;
    }

    static Trainee from(TraineeCompleted e) {
        Trainee t = new Trainee();
        t.id = e.enrollmentId();
        t.apply(e);
        return t;
    }

    static Trainee from(TraineeLeft e) {
        Trainee t = new Trainee();
        t.id = e.enrollmentId();
        t.apply(e);
        return t;
    }

    void apply(TraineeEnrolled e) {
        classId = e.classId();
        baseId = e.baseId();
        divisionCode = e.divisionCode();
        majorCode = e.majorCode();
        year = e.year();
        name = e.name();
        maskedIdNumber = PersonalData.maskIdNumber(e.maskedIdNumber());
        trainingForm = e.trainingForm();
        subsidyTier = e.subsidyTier();
        enrolled = true;
    }

    /** Completion may arrive before the enrollment (queues do not promise order): it fills what it knows. */
    void apply(TraineeCompleted e) {
        if (classId == null) {
            classId = e.classId();
            baseId = e.baseId();
            divisionCode = e.divisionCode();
            majorCode = e.majorCode();
            year = e.year();
            name = e.name();
            maskedIdNumber = PersonalData.maskIdNumber(e.maskedIdNumber());
        }
        completedAt = e.completedAt();
        certificateNumber = e.certificateNumber();
    }

    static Trainee from(TraineePlaced e) {
        Trainee t = new Trainee();
        t.id = e.enrollmentId();
        t.classId = e.classId();
        t.baseId = e.baseId();
        t.divisionCode = e.divisionCode();
        t.majorCode = e.majorCode();
        t.year = e.year();
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
            classId = e.classId();
            baseId = e.baseId();
            divisionCode = e.divisionCode();
            majorCode = e.majorCode();
            year = e.year();
            name = e.name();
            maskedIdNumber = PersonalData.maskIdNumber(e.maskedIdNumber());
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

    public String getClassId() {
        return classId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getMajorCode() {
        return majorCode;
    }

    public int getYear() {
        return year;
    }

    public String getName() {
        return name;
    }

    public String getMaskedIdNumber() {
        return maskedIdNumber;
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
