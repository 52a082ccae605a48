package cn.sunshine.subsidy.claim;

/**
 * Which part of a voucher's amount a claim asks for: COMPLETION (the county's completion share, all
 * of it when the county set no split) or PLACEMENT (the rest, once the trainee is placed).
 */
public enum ClaimPart {
    COMPLETION, PLACEMENT;

    /** The voucher field that holds the claim of this part. */
    String voucherField() {
        return this == COMPLETION ? "claimId" : "placementClaimId";
    }
}
