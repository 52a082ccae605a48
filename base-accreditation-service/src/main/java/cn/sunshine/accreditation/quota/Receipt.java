package cn.sunshine.accreditation.quota;

import java.time.Instant;

/**
 * What a ledger received from its parent (or, for the province, its plan): the allocation that
 * set it, the one that allocation replaced, and the amount from then on. A receipt that arrives
 * after the one replacing it is kept but not current.
 */
public record Receipt(String allocationId, String replaces, String fromLedgerId, String fromDivision, int amount,
                      boolean current, Instant at, String by) {
}
