package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * {@code enrollment.trainee.assessed.v1}: a trainee's theory exam and skill test were recorded.
 * A resit is a later event for the same enrollment.
 *
 * @param enrollmentId    our id of the enrollment
 * @param classId         the class
 * @param baseId          the base
 * @param divisionCode    the base's county
 * @param majorCode       the major
 * @param name            the trainee's name
 * @param maskedIdNumber  masked resident ID number
 * @param theoryScore     0–100
 * @param practicalScore  0–100
 * @param theoryPassed    whether the theory exam was passed
 * @param practicalPassed whether the skill test was passed
 * @param passed          both passed: the trainee may complete
 * @param assessedAt      when
 * @param assessedBy      who recorded it (token subject)
 */
public record TraineeAssessed(String enrollmentId, String classId, String baseId, String divisionCode,
                              String majorCode, String name, String maskedIdNumber, int theoryScore,
                              int practicalScore, boolean theoryPassed, boolean practicalPassed, boolean passed,
                              Instant assessedAt, String assessedBy) {
}
