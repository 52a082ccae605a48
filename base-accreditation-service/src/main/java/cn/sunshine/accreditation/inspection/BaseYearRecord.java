package cn.sunshine.accreditation.inspection;

import cn.sunshine.platform.domain.AggregateRoot;

/**
 * What every inspection record but the plan is about: one base (its county and name as they were) in one
 * programme year. The fields stay at the top of each document, where the lists and indexes find them.
 */
public abstract class BaseYearRecord extends AggregateRoot {

    protected String divisionCode;
    protected String baseId;
    protected String baseName;
    protected int year;

    protected void about(String divisionCode, String baseId, String baseName, int year) {
        this.divisionCode = divisionCode;
        this.baseId = baseId;
        this.baseName = baseName;
        this.year = year;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getBaseName() {
        return baseName;
    }

    public int getYear() {
        return year;
    }
}
