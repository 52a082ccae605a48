package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.TraineeRecord;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.GuardedWrite;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.Arrays;

/**
 * A numbered voucher (代金券) for one verified trainee, worth the tier's amount of the standard. The
 * base redeems it once, for that trainee's enrollment; a claim then carries it. The claim it is in is
 * set by one conditional update, so a voucher is in at most one live claim.
 */
@Document("vouchers")
public class Voucher extends TraineeRecord {

    @Indexed(unique = true)
    private String serial;
    @Indexed(unique = true)
    private String enrollmentId;
    private String tier;
    private long amountFen;
    private String traineeName;
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
    /**
     * The completion part of the amount, fixed by the first claim that took it (the county's split as it was
     * then); the placement part is what is left, so the parts never add up to more than the voucher.
     */
    private Long completionPartFen;

    protected Voucher() {
    }

    static Voucher issue(String id, String serial, Trainee t, String tier, long amountFen, String by, Instant at) {
        Voucher v = new Voucher();
        v.id = id;
        v.serial = serial;
        v.enrollmentId = t.getId();
        v.sameTraineeAs(t);
        v.tier = tier;
        v.amountFen = amountFen;
        v.traineeName = t.getName();
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

    /** True when the voucher was redeemed, for this enrollment. */
    boolean isRedeemedFor(String forEnrollmentId) {
        return status == VoucherStatus.REDEEMED && enrollmentId.equals(forEnrollmentId);
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

    /**
     * Takes the completion part ({@code completionFen}) into a claim: the voucher is redeemed, its completion
     * part in no other live claim, and the part's amount is the one fixed by an earlier claim, if any (a
     * rejected claim frees the voucher, never the amount).
     */
    public GuardedWrite takeCompletionPart(String claimId, long completionFen) {
        if (completionPartFen != null && completionPartFen != completionFen) {
            throw new IllegalArgumentException("the completion part of " + serial + " is fixed at " + completionPartFen);
        }
        if (completionFen <= 0 || completionFen > amountFen) {
            throw new IllegalArgumentException("a completion part of " + completionFen + " of " + amountFen);
        }
        return new GuardedWrite(new Criteria().andOperator(Criteria.where("status").is(VoucherStatus.REDEEMED),
                Criteria.where("claimId").in(Arrays.asList(null, claimId)),
                new Criteria().orOperator(Criteria.where("completionPartFen").exists(false),
                        Criteria.where("completionPartFen").is(null),
                        Criteria.where("completionPartFen").is(completionFen))),
                new Update().set("claimId", claimId).set("completionPartFen", completionFen),
                "take the completion part of voucher " + serial + " into claim " + claimId);
    }

    /**
     * Takes the placement part, what is left of the amount after the fixed completion part, into a claim:
     * the completion part must be claimed (its amount fixed) and the placement part in no other live claim.
     */
    public GuardedWrite takePlacementPart(String claimId) {
        if (completionPartFen == null) {
            throw new IllegalStateException("the completion part of " + serial + " is not fixed");
        }
        return new GuardedWrite(new Criteria().andOperator(Criteria.where("status").is(VoucherStatus.REDEEMED),
                Criteria.where("claimId").ne(null), Criteria.where("completionPartFen").is(completionPartFen),
                Criteria.where("placementClaimId").in(Arrays.asList(null, claimId))),
                new Update().set("placementClaimId", claimId),
                "take the placement part of voucher " + serial + " into claim " + claimId);
    }

    /** The completion part as fixed by the first claim of it, or null before any. */
    public Long getCompletionPartFen() {
        return completionPartFen;
    }

    /** What is left of the amount for the placement part (0 before the completion part is fixed). */
    public long placementPartFen() {
        return completionPartFen == null ? 0 : amountFen - completionPartFen;
    }

    public String getSerial() {
        return serial;
    }

    public String getEnrollmentId() {
        return enrollmentId;
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
