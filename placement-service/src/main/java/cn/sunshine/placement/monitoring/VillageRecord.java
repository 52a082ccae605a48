package cn.sunshine.placement.monitoring;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What a monitoring point's records of a period share ({@link LabourReturn}, {@link NeedsSurvey}): the point, its
 * village as registered (county, town, village: kept on the record so the trends select by division without the
 * point) and the year.
 */
abstract class VillageRecord extends AggregateRoot {

    @Indexed
    protected String pointId;
    @Indexed
    protected String divisionCode;
    protected String town;
    protected String village;
    protected int year;

    /** The record of {@code point} for {@code year}, its id given. */
    protected void of(String recordId, MonitoringPoint point, int forYear) {
        this.id = recordId;
        this.pointId = point.getId();
        this.divisionCode = point.getDivisionCode();
        this.town = point.getTown();
        this.village = point.getVillage();
        this.year = forYear;
    }

    public String getPointId() {
        return pointId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getTown() {
        return town;
    }

    public String getVillage() {
        return village;
    }

    public int getYear() {
        return year;
    }
}
