package cn.sunshine.placement.order;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.enrollment.ClassOpened;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.LocalDate;

/** A class as placement knows it from {@code enrollment.class.opened.v1}: what an order class is linked by. */
@Document("placement_classes")
public class TrainingClass extends AggregateRoot {

    private String baseId;
    private String divisionCode;
    private String majorCode;
    private int year;
    private String trainingForm;
    private String orderEmployer;
    private LocalDate plannedEnd;

    protected TrainingClass() {
    }

    static TrainingClass from(ClassOpened e) {
        TrainingClass c = new TrainingClass();
        c.id = e.classId();
        c.baseId = e.baseId();
        c.divisionCode = e.divisionCode();
        c.majorCode = e.majorCode();
        c.year = e.year();
        c.trainingForm = e.trainingForm();
        c.orderEmployer = e.orderEmployer();
        c.plannedEnd = e.plannedEnd();
        return c;
    }

    /** A class opens once; a repeated event changes nothing. */
    void apply(ClassOpened e) {
        // the first opening's facts stand
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

    public String getTrainingForm() {
        return trainingForm;
    }

    public String getOrderEmployer() {
        return orderEmployer;
    }

    public LocalDate getPlannedEnd() {
        return plannedEnd;
    }
}
