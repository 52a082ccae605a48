package cn.sunshine.platform.events.enrollment;

import java.time.Instant;
import java.util.List;

/**
 * {@code enrollment.funding-list.imported.v1}: a county imported another programme's list of people funded for
 * training (雨露计划, 再就业培训, …), against which enrollment refuses double funding. No person is named.
 *
 * @param listId       our id of the list
 * @param divisionCode the importing county
 * @param year         the programme year
 * @param programmes   the programmes the list names
 * @param people       rows imported
 * @param importedAt   when
 * @param importedBy   the county officer (token subject)
 */
public record FundingListImported(String listId, String divisionCode, int year, List<String> programmes, int people,
                                  Instant importedAt, String importedBy) {
}
