package cn.sunshine.subsidy.claim;

/**
 * SUBMITTED → VERIFIED (county officer, 核准) → APPROVED (county leader, 审批; above the threshold
 * AWAITING_EXTRA_APPROVAL first, then a second approver) → ORDERED (finance officer re-checked, 复核:
 * payment instructions created) → PAID (every instruction paid). REJECTED at any stage before
 * ORDERED, with the reasons, back to the base. CANCELLED: never to be paid, without a rejection: every
 * line was stopped (disproved placements), or the county cancelled a claim its base's revocation held
 * (confirmed by a second person); the fund got the money back.
 */
public enum ClaimStatus {
    SUBMITTED, VERIFIED, AWAITING_EXTRA_APPROVAL, APPROVED, ORDERED, PAID, REJECTED, CANCELLED
}
