package cn.sunshine.platform.events.subsidy;

import java.time.Instant;
import java.util.List;

/**
 * {@code subsidy.payment.settled.v1}: the finance bureau paid one payment instruction (拨款).
 *
 * @param instructionId   our id of the instruction (the bureau's idempotency key)
 * @param claimId         the claim it pays
 * @param baseId          the base
 * @param divisionCode    the base's county
 * @param payeeType       {@code BASE} or {@code TRAINEE} (直补学员)
 * @param payeeId         the base id, or the trainee's enrollment id
 * @param enrollmentIds   the enrollments this payment covers
 * @param amountFen       the amount paid, in fen
 * @param bureauReference the bureau's reference of the payment
 * @param paidAt          when the bureau paid
 */
public record PaymentSettled(String instructionId, String claimId, String baseId, String divisionCode,
                             String payeeType, String payeeId, List<String> enrollmentIds, long amountFen,
                             String bureauReference, Instant paidAt) {
}
