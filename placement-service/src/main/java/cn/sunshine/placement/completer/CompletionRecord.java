package cn.sunshine.placement.completer;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What placement's records of one trainee's completion share ({@link Completer}, and each placement of the
 * completer): the class, base and county the trainee completed in (each indexed: a class's records are read together
 * when its placements are reported in one batch, lists and rates select by base and county), the major and programme
 * year, and the masked ID number (never the whole number).
 */
public abstract class CompletionRecord extends AggregateRoot {

    @Indexed
    protected String classId;
    @Indexed
    protected String baseId;
    @Indexed
    protected String divisionCode;
    protected String majorCode;
    protected int year;
    protected String maskedIdNumber;

    /** Of the same completion as {@code other}: its class, base, county, major, year and masked ID number. */
    protected void sameCompletionAs(CompletionRecord other) {
        classId = other.classId;
        baseId = other.baseId;
        divisionCode = other.divisionCode;
        majorCode = other.majorCode;
        year = other.year;
        maskedIdNumber = other.maskedIdNumber;
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

    public String getMaskedIdNumber() {
        return maskedIdNumber;
    }
}
