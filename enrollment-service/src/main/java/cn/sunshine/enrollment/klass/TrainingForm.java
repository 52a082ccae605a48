package cn.sunshine.enrollment.klass;

/** How a class is paid for and whom it serves. */
public enum TrainingForm {
    /** 免费培训: no fee. */
    FREE,
    /** 减免收费: a fee reduced by the subsidy (以降代补). */
    REDUCED_FEE,
    /** 收费: the full fee; the subsidy is refunded after completion (先收后补). */
    FEE_PAYING,
    /** 订单培训: trained for a named employer's order. */
    ORDER
}
