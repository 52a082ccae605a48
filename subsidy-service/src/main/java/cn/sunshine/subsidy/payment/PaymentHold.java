package cn.sunshine.subsidy.payment;

import java.util.Optional;

/**
 * A reason to hold a payment to a base (a revocation, an unsettled recovery order). Held instructions
 * stay PENDING and are not sent; they go out once every hold is lifted (or the claim's hold is released
 * by the county with a second person's confirmation). Refunds owed to trainees (先收后补, payee TRAINEE)
 * are never held: the base's standing or debts are not the trainee's.
 */
public interface PaymentHold {

    /** Why this payment to the base of claim {@code claimId} is held now, or empty. */
    Optional<String> holdOf(String baseId, String claimId);
}
