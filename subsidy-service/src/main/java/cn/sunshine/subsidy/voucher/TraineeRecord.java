package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.index.Indexed;

/**
 * What subsidy's records of one trainee's enrollment share ({@link Trainee}, {@link Voucher}): the class, base,
 * county, major and programme year it is in, and the trainee's masked ID number (a whole number is never kept).
 */
public abstract class TraineeRecord extends AggregateRoot {

    /** A class's records are read together (its vouchers issued, its claim checked): an indexed equality, not a scan. */
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

    /** Of the same enrollment as {@code other}: its class, base, county, major, year and masked ID number. */
    protected void sameEnrollmentAs(TraineeRecord other) {
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
