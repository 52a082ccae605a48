package cn.sunshine.platform.events.subsidy;

import java.time.Instant;
import java.util.List;

/**
 * {@code subsidy.claim.approved.v1}: the finance bureau officer re-checked (复核) a base's claim after
 * the county verified (核准) and the leader approved (审批): payment instructions are ordered.
 *
 * @param claimId        our id of the claim
 * @param baseId         the base
 * @param divisionCode   the base's county
 * @param classId        the class claimed for
 * @param year           the program year
 * @param paymentMode    {@code REDUCED_FEE} (paid to the base) or {@code REFUND_AFTER} (paid to each trainee)
 * @param enrollmentIds  the enrollments the claim pays for
 * @param totalFen       the claim's total, in fen
 * @param verifiedBy     the county officer who verified
 * @param approvedBy     the county leader who approved
 * @param recheckedBy    the finance officer who re-checked
 * @param approvedAt     when the re-check was recorded
 * @param part           which part of the vouchers' amounts the claim pays: {@code COMPLETION} (the county's
 *                       completion share, all of it without a split) or {@code PLACEMENT} (the rest, for trainees
 *                       reported placed); optional, added within v1: null in events published before it existed
 *                       (those were almost all {@code COMPLETION}; a reader that needs to know asks subsidy-service)
 */
public record ClaimApproved(String claimId, String baseId, String divisionCode, String classId, int year,
                            String paymentMode, List<String> enrollmentIds, long totalFen, String verifiedBy,
                            String approvedBy, String recheckedBy, Instant approvedAt, String part) {
}
