package cn.sunshine.subsidy.payment;

/**
 * PENDING (stored, waiting to be sent: the bureau may be down, the base held) → SENDING (one relay
 * holds a lease on it) → PAID (the bureau paid it; settled) — or back to PENDING after a failed send.
 * ACCEPTED: the bureau took it but has not paid yet (polled). REFUSED: the bureau refused it for good
 * (an operator looks at it; nothing is re-sent automatically). CANCELLED: withdrawn before it was ever
 * sent (a claim held by its base's revocation and cancelled by the county): the bureau never saw it.
 */
public enum InstructionStatus {
    PENDING, SENDING, ACCEPTED, PAID, REFUSED, CANCELLED
}
