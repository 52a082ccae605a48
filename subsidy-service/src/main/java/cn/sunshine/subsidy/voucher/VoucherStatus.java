package cn.sunshine.subsidy.voucher;

/** ISSUED at the class opening → REDEEMED by the base for the trainee's enrollment → VOID (withdrawn, recovered). */
public enum VoucherStatus {
    ISSUED, REDEEMED, VOID
}
