package cn.sunshine.platform.events.accreditation;

import java.time.Instant;

/**
 * {@code accreditation.quota.allocated.v1}: a level allocated (or reallocated) part of the annual
 * training-and-transfer quota (培训转移任务) it received: to a division below it, or — from a
 * county — to a base for a major. A reallocation names the allocation it replaces; the recipient's
 * quota is then {@code amount} (not a sum).
 *
 * @param allocationId         our id of this allocation record
 * @param ledgerId             the allocating level's ledger
 * @param year                 the program year
 * @param fromDivision         the allocating division
 * @param toDivision           the receiving division (for a base: the county)
 * @param baseId               the receiving base, or null for a division
 * @param majorCode            the major, for a base; null for a division
 * @param amount               the recipient's quota from now on (trainees)
 * @param previousAmount       its quota before (0 for a first allocation)
 * @param replacesAllocationId the allocation this one replaces, or null
 * @param reason               why, in the officer's words
 * @param allocatedAt          when
 * @param allocatedBy          the allocating officer
 */
public record QuotaAllocated(String allocationId, String ledgerId, int year, String fromDivision, String toDivision,
                             String baseId, String majorCode, int amount, int previousAmount,
                             String replacesAllocationId, String reason, Instant allocatedAt, String allocatedBy) {
}
