package cn.sunshine.accreditation.quota;

import cn.sunshine.accreditation.base.Decision;

/**
 * One allocation record of a ledger: to a division below, or (from a county) to a base for a major.
 * A reallocation is a new record that {@code replaces} the current one, which becomes SUPERSEDED
 * and stays; {@code amount} is the recipient's quota from then on.
 *
 * @param idempotencyKey     the client's Idempotency-Key, if it sent one
 * @param requestFingerprint SHA-256 of the request's content, to recognise the same request
 */
public record Allocation(String id, String idempotencyKey, String requestFingerprint, String toDivision, String baseId,
                         String majorCode, int amount, int previousAmount, String replaces, Status status,
                         String supersededBy, Decision decision) {

    public enum Status { CURRENT, SUPERSEDED }

    public boolean isFor(Recipient r) {
        return r.matches(toDivision, baseId, majorCode);
    }

    Allocation supersededBy(String newId) {
        return new Allocation(id, idempotencyKey, requestFingerprint, toDivision, baseId, majorCode, amount,
                previousAmount, replaces, Status.SUPERSEDED, newId, decision);
    }
}
