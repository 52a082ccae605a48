package cn.sunshine.enrollment.klass;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.ClassOpened;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A class (培训班/期) of one base and major. The base reports it before it opens (开班前报县阳光办);
 * a county officer attends the opening, gives the first lesson and confirms it here.
 */
@Document("training_classes")
public class TrainingClass extends AggregateRoot {

    public enum Status { REPORTED, OPENED }

    @Indexed
    private String baseId;
    private String baseName;
    @Indexed
    private String divisionCode;
    private String majorCode;
    private String majorName;
    private int year;
    private LocalDate plannedStart;
    private LocalDate plannedEnd;
    private ClassPlace place;
    private TrainingForm trainingForm;
    private String orderEmployer;
    private int capacity;
    private long feeFen;
    private Status status;
    private Instant reportedAt;
    private String reportedBy;
    private Instant openedAt;
    private String openedBy;
    private String openingNotes;

    protected TrainingClass() {
    }

    /** The base reports a class; the caller has checked the base's accreditation for the major. */
    public static TrainingClass report(String id, String baseId, String baseName, String divisionCode, String majorCode,
                                       String majorName, LocalDate plannedStart, LocalDate plannedEnd, ClassPlace place,
                                       TrainingForm form, String orderEmployer, int capacity, long feeFen,
                                       LocalDate today, String actor, Instant now) {
        if (plannedStart.isBefore(today)) {
            throw DomainException.invalidField("plannedStart", Phrase.coded("enrollment.class-start-past",
                    "a class is reported before it opens: not before " + today, today));
        }
        if (plannedEnd.isBefore(plannedStart)) {
            throw DomainException.invalidField("plannedEnd", Phrase.coded("enrollment.class-end-before-start",
                    "must not be before plannedStart"));
        }
        if (form == TrainingForm.ORDER && (orderEmployer == null || orderEmployer.isBlank())) {
            throw DomainException.invalidField("orderEmployer", Phrase.coded("enrollment.order-employer-required",
                    "an order class (订单培训) names its employer"));
        }
        if (form != TrainingForm.ORDER && orderEmployer != null && !orderEmployer.isBlank()) {
            throw DomainException.invalidField("orderEmployer", Phrase.coded("enrollment.order-employer-not-allowed",
                    "only an ORDER class names an employer"));
        }
        if (form == TrainingForm.FREE && feeFen != 0) {
            throw DomainException.invalidField("feeFen", Phrase.coded("enrollment.free-class-fee",
                    "a FREE class charges no fee"));
        }
        if (place.mobile() && (place.village() == null || place.village().isBlank())) {
            throw DomainException.invalidField("place.village", Phrase.coded("enrollment.mobile-class-village",
                    "a mobile class (流动办班) names its village"));
        }
        TrainingClass c = new TrainingClass();
        c.id = id;
        c.baseId = baseId;
        c.baseName = baseName;
        c.divisionCode = divisionCode;
        c.majorCode = majorCode;
        c.majorName = majorName;
        c.year = plannedStart.getYear();
        c.plannedStart = plannedStart;
        c.plannedEnd = plannedEnd;
        c.place = place;
        c.trainingForm = form;
        c.orderEmployer = form == TrainingForm.ORDER ? orderEmployer.trim() : null;
        c.capacity = capacity;
        c.feeFen = feeFen;
        c.status = Status.REPORTED;
        c.reportedAt = now;
        c.reportedBy = actor;
        return c;
    }

    /** The county officer confirms the opening they attended. */
    public void open(String officer, String notes, int traineesEnrolled, Instant now) {
        if (status != Status.REPORTED) {
            throw DomainException.invalidTransition("class", status, "opened");
        }
        status = Status.OPENED;
        openedAt = now;
        openedBy = officer;
        openingNotes = notes;
        recordEvent(EventTypes.CLASS_OPENED, new ClassOpened(id, baseId, divisionCode, majorCode, year,
                trainingForm.name(), orderEmployer, place.mobile(), place.town(), place.village(), plannedStart,
                plannedEnd, capacity, feeFen, traineesEnrolled, now, officer), divisionCode, now);
    }

    /** Whether trainees may still be enrolled: until its last planned day. */
    public boolean acceptsTrainees(LocalDate today) {
        return !today.isAfter(plannedEnd);
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

    public LocalDate getPlannedStart() {
        return plannedStart;
    }

    public LocalDate getPlannedEnd() {
        return plannedEnd;
    }

    public ClassPlace getPlace() {
        return place;
    }

    public TrainingForm getTrainingForm() {
        return trainingForm;
    }

    public String getOrderEmployer() {
        return orderEmployer;
    }

    public int getCapacity() {
        return capacity;
    }

    public long getFeeFen() {
        return feeFen;
    }

    public Status getStatus() {
        return status;
    }

    public Instant getReportedAt() {
        return reportedAt;
    }

    public String getReportedBy() {
        return reportedBy;
    }

    public Instant getOpenedAt() {
        return openedAt;
    }

    public String getOpenedBy() {
        return openedBy;
    }

    public String getOpeningNotes() {
        return openingNotes;
    }
}
