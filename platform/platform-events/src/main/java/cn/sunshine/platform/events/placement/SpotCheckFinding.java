package cn.sunshine.platform.events.placement;

import java.time.Instant;

/**
 * {@code placement.finding.recorded.v1}: a spot-check call (抽查) found a discrepancy against what a
 * base reported. Subsidy recovers the money paid for it; accreditation counts it at re-accreditation.
 *
 * @param findingId    our id of the finding
 * @param spotCheckId  the spot check
 * @param placementId  the placement reported by the base
 * @param enrollmentId the trainee's enrollment
 * @param baseId       the base the finding is against
 * @param divisionCode the base's county
 * @param year         the program year of the spot check
 * @param kind         {@code NOT_TRAINED} (did not attend), {@code NOT_EMPLOYED_AS_REPORTED},
 *                     {@code FEE_CHARGED} (paid a fee the subsidy covers) or {@code SUBSIDY_NOT_RECEIVED}
 * @param note         what the officer wrote down, or null
 * @param recordedAt   when the call was recorded
 * @param recordedBy   the county officer who called (token subject)
 */
public record SpotCheckFinding(String findingId, String spotCheckId, String placementId, String enrollmentId,
                               String baseId, String divisionCode, int year, String kind, String note,
                               Instant recordedAt, String recordedBy) {
}
