package cn.sunshine.platform.domain;

import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What a service's records of one trainee share (subsidy's trainee and voucher, placement's completer and each
 * placement): the class, base, county, major and programme year of the enrollment, and the trainee's masked ID
 * number (a whole number is never kept). Class and base are indexed: a class's records are read together (its
 * vouchers issued, its placements reported in one batch), lists select by base. A service that selects by county
 * too declares that index on its record ({@code @CompoundIndex(name = "divisionCode", def = "{'divisionCode': 1}")}).
 */
public abstract class TraineeRecord extends AggregateRoot {

    @Indexed
    protected String classId;
    @Indexed
    protected String baseId;
    protected String divisionCode;
    protected String majorCode;
    protected int year;
    protected String maskedIdNumber;

    /** In this class, base, county, major and programme year, as an enrollment event names them. */
    protected void enrolledIn(String classId, String baseId, String divisionCode, String majorCode, int year) {
        this.classId = classId;
        this.baseId = baseId;
        this.divisionCode = divisionCode;
        this.majorCode = majorCode;
        this.year = year;
    }

    /** Of the same trainee as {@code other}: its class, base, county, major, year and masked ID number. */
    protected void sameTraineeAs(TraineeRecord other) {
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
