package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * {@code enrollment.trainee.enrolled.v1}: a trainee was enrolled in a class at a base. Carries the
 * masked resident ID number and the name only; a service that must reach the person asks
 * enrollment-service's audited contact lookup.
 *
 * @param enrollmentId   our id of the enrollment (the ledger row)
 * @param classId        the class
 * @param baseId         the base
 * @param divisionCode   the base's county
 * @param majorCode      the major
 * @param year           the program year (Asia/Shanghai calendar year of {@code enrolledAt})
 * @param name           the trainee's name
 * @param maskedIdNumber e.g. {@code 420981********123X}
 * @param gender         {@code MALE} or {@code FEMALE}
 * @param trainingForm   the class's training form
 * @param feeFen         the fee standard, in fen
 * @param subsidyTier    {@code TIER_1}, {@code TIER_2} or {@code TIER_3}
 * @param subsidyFen     the subsidy amount recorded in the ledger, in fen
 * @param enrolledAt     when
 * @param enrolledBy     the base staff account (token subject)
 */
public record TraineeEnrolled(String enrollmentId, String classId, String baseId, String divisionCode,
                              String majorCode, int year, String name, String maskedIdNumber, String gender,
                              String trainingForm, long feeFen, String subsidyTier, long subsidyFen,
                              Instant enrolledAt, String enrolledBy) {
}
