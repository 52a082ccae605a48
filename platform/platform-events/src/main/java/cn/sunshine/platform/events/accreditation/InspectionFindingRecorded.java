package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code accreditation.inspection.finding-recorded.v1}: a county officer's inspection visit (督查, 年中检查 or
 * 年终验收) found something wrong at a base. It becomes a finding of the base's year in the annual review
 * (base-accreditation-service's {@code BasePerformance}); a finding that involves money (虚报冒领, fees charged
 * against the rules) with the trainees' enrollments named opens a recovery order in subsidy-service for what was
 * paid for them.
 *
 * @param findingId             our id of the finding (also the id of its rectification order, when it has one)
 * @param visitId               the inspection visit
 * @param baseId                the base inspected
 * @param divisionCode          the base's county
 * @param year                  the programme year of the visit (Asia/Shanghai)
 * @param kind                  the visit's kind: {@code SUPERVISION}, {@code MID_YEAR} or {@code ACCEPTANCE}
 * @param itemCode              the checklist item the finding is about, or null
 * @param description           what was found
 * @param rectificationDeadline the day the base must have corrected it by (null: no rectification ordered)
 * @param involvesMoney         true when subsidy money is involved
 * @param amountFen             the amount involved as the officer estimated it (null when not known)
 * @param enrollmentIds         the trainees' enrollments the money was paid for, when known (empty otherwise)
 * @param recordedAt            when the visit was recorded
 * @param recordedBy            the officer who recorded it (token subject)
 */
public record InspectionFindingRecorded(String findingId, String visitId, String baseId, String divisionCode, int year,
                                        String kind, String itemCode, String description, LocalDate rectificationDeadline,
                                        boolean involvesMoney, Long amountFen, List<String> enrollmentIds,
                                        Instant recordedAt, String recordedBy) {
}
