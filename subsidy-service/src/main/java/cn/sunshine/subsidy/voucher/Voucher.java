package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A numbered voucher (代金券) for one verified trainee, worth the tier's amount of the standard. The
 * base redeems it once, for that trainee's enrollment; a claim then carries it. The claim it is in is
 * set by one conditional update, so a voucher is in at most one live claim.
 */
@Document("vouchers")
public class Voucher extends AggregateRoot {

    @Indexed(unique = true)
    private String serial;
    @Indexed(unique = true)
    private String enrollmentId;
    @Indexed
    private String classId;
    @Indexed
    private String baseId;
    private String divisionCode;
    private int year;
    private String majorCode;
    private String tier;
    private long amountFen;
    private String traineeName;
    private String maskedIdNumber;
    private VoucherStatus status;
    private Instant issuedAt;
    private String issuedBy;
    private Instant redeemedAt;
    private String redeemedBy;
    private Instant voidedAt;
    private String voidedBy;
    private String voidReason;
    @Indexed
    private String claimId;
    /** The claim of the placement part, when the county splits the subsidy. */
    private String placementClaimId;

    protected Voucher() {
    }

    static Voucher issue(String id, String serial, Trainee t, String tier, long amountFen, String by, Instant at) {
        Voucher v = new Voucher();
        v.id = id;
        v.serial = serial;
        v.enrollmentId = t.getId();
        v.classId = t.getClassId();
        v.baseId = t.getBaseId();
        v.divisionCode = t.getDivisionCode();
        v.year = t.getYear();
        v.majorCode = t.getMajorCode();
        v.tier = tier;
        v.amountFen = amountFen;
        v.traineeName = t.getName();
        v.maskedIdNumber = t.getMaskedIdNumber();
        v.status = VoucherStatus.ISSUED;
        v.issuedAt = at;
        v.issuedBy = by;
        return v;
    }

    /** The base redeems it for the trainee's enrollment it was issued to. */
    void redeem(String forEnrollmentId, String by, Instant at) {
        if (status != VoucherStatus.ISSUED) {
            throw DomainException.conflict("voucher-not-redeemable", "The voucher cannot be redeemed",
                    "voucher " + serial + " is " + status);
        }
        if (!enrollmentId.equals(forEnrollmentId)) {
            throw DomainException.rule("voucher-other-trainee", "The voucher belongs to another trainee",
                    "voucher " + serial + " was issued to another enrollment");
        }
        status = VoucherStatus.REDEEMED;
        redeemedAt = at;
        redeemedBy = by;
    }

    void voidIt(String by, Instant at, String reason) {
        if (status == VoucherStatus.VOID) {
            throw DomainException.invalidTransition("voucher", status, "voided");
        }
        if (claimId != null) {
            throw DomainException.conflict("voucher-claimed", "The voucher is in a claim",
                    "voucher " + serial + " is in claim " + claimId + "; reject the claim first");
        }
        status = VoucherStatus.VOID;
        voidedAt = at;
        voidedBy = by;
        voidReason = reason;
    }

    public String getSerial() {
        return serial;
    }

    public String getEnrollmentId() {
        return enrollmentId;
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

    public int getYear() {
        return year;
    }

    public String getMajorCode() {
        return majorCode;
    }

    public String getTier() {
        return tier;
    }

    public long getAmountFen() {
        return amountFen;
    }

    public String getTraineeName() {
        return traineeName;
    }

    public String getMaskedIdNumber() {
        return maskedIdNumber;
    }

    public VoucherStatus getStatus() {
        return status;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public String getIssuedBy() {
        return issuedBy;
    }

    public Instant getRedeemedAt() {
        return redeemedAt;
    }

    public String getRedeemedBy() {
        return redeemedBy;
    }

    public String getClaimId() {
        return claimId;
    }

    public String getPlacementClaimId() {
        return placementClaimId;
    }

    public String getVoidReason() {
        return voidReason;
    }
}
