package cn.sunshine.platform.events.accreditation;

import java.time.Instant;

/**
 * {@code accreditation.acceptance.recorded.v1}: the year-end acceptance (年终验收) of a base was recorded from an
 * acceptance visit: its score against the province's checklist, passed or failed, and the conclusion. It joins
 * the base's year in the annual review (a failed acceptance is a finding there).
 *
 * @param acceptanceId     our id of the acceptance record ({@code <baseId>:<year>})
 * @param visitId          the acceptance visit it was recorded from
 * @param baseId           the base
 * @param divisionCode     the base's county
 * @param year             the programme year accepted
 * @param checklistVersion the checklist's version the visit scored against
 * @param score            the visit's total
 * @param passingScore     the checklist's passing score
 * @param passed           score at or above the passing score
 * @param conclusion       the officer's conclusion (验收结论)
 * @param recordedAt       when it was recorded
 * @param recordedBy       the officer (token subject)
 */
public record AcceptanceRecorded(String acceptanceId, String visitId, String baseId, String divisionCode, int year,
                                 String checklistVersion, int score, int passingScore, boolean passed,
                                 String conclusion, Instant recordedAt, String recordedBy) {
}
