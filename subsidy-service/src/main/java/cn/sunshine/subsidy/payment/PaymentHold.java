package cn.sunshine.subsidy.payment;

import java.util.Optional;

/**
 * A reason to hold a base's payments (a revocation, an unsettled recovery order). Instructions of a
 * held base stay PENDING and are not sent; they go out once every hold is lifted.
 */
public interface PaymentHold {

    /** Why the base's payments are held now, or empty. */
    Optional<String> holdOf(String baseId);
}
