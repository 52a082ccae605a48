package cn.sunshine.platform.events.placement;

import java.time.Instant;
import java.util.List;

/**
 * {@code placement.follow-up.escalated.v1}: a follow-up contact (跟踪服务) reported unpaid wages or
 * another labour-rights problem, and an escalation case was opened for the county.
 *
 * @param caseId         our id of the escalation case
 * @param placementId    the placement followed up
 * @param enrollmentId   the trainee's enrollment
 * @param baseId         the base that placed the trainee
 * @param divisionCode   the base's county, which handles the case
 * @param problems       what was reported: {@code UNPAID_WAGES}, {@code NO_CONTRACT}, {@code UNSAFE_WORK},
 *                       {@code EXCESSIVE_HOURS}, {@code OTHER}
 * @param unpaidWagesFen the wages reported unpaid, in fen (0 when none)
 * @param openedAt       when the case was opened
 */
public record FollowUpEscalated(String caseId, String placementId, String enrollmentId, String baseId,
                                String divisionCode, List<String> problems, long unpaidWagesFen, Instant openedAt) {
}
