package cn.sunshine.platform.events.subsidy;

import java.time.Instant;
import java.util.List;

/**
 * {@code subsidy.recovery.ordered.v1}: money paid for some trainees of a base is to be recovered
 * (a false claim found by a spot check, a duplicate found later); the base's next payments are held
 * until it is settled.
 *
 * @param recoveryId    our id of the recovery order
 * @param baseId        the base it is against
 * @param divisionCode  the base's county
 * @param enrollmentIds the enrollments whose subsidy is recovered
 * @param amountFen     the amount to recover, in fen
 * @param reason        why, in the orderer's words or the finding's kind
 * @param findingId     the spot-check finding that caused it, or null
 * @param orderedBy     the officer (token subject), or {@code system} for a finding
 * @param orderedAt     when
 */
public record RecoveryOrdered(String recoveryId, String baseId, String divisionCode, List<String> enrollmentIds,
                              long amountFen, String reason, String findingId, String orderedBy, Instant orderedAt) {
}
