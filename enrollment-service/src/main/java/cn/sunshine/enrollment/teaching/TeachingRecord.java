package cn.sunshine.enrollment.teaching;

import cn.sunshine.enrollment.klass.TrainingClass;
import cn.sunshine.platform.domain.AggregateRoot;

/**
 * A teaching record of one class (三有): its plan, a lesson, a visit. Each keeps the class, its base and its county,
 * copied from the class when the record is made, so that it is scoped (the base's staff, the county's officers)
 * and listed without the class.
 */
public abstract class TeachingRecord extends AggregateRoot {

    protected String classId;
    protected String baseId;
    protected String divisionCode;

    protected TeachingRecord() {
    }

    /** Files the new record under the class, its base and its county. */
    protected void fileUnder(TrainingClass c) {
        this.classId = c.getId();
        this.baseId = c.getBaseId();
        this.divisionCode = c.getDivisionCode();
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
}
