package cn.sunshine.accreditation.agreement;

/** How the trainee's subsidy reaches them. */
public enum PaymentMode {
    /** 以降代补: the fee is reduced by the subsidy at enrollment. */
    REDUCED_FEE,
    /** 先收后补: the full fee is collected and the subsidy refunded at completion. */
    REFUND_AFTER
}
