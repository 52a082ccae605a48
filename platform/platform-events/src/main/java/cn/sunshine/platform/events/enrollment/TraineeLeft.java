package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * The body of {@code enrollment.trainee.withdrawn.v1} (the trainee left before finishing, at their
 * or the base's request: the place and the year's subsidy are released) and of
 * {@code enrollment.trainee.dropped.v1} (the trainee dropped out during training: the place stays
 * used, the person may not enroll again that year).
 *
 * @param enrollmentId   our id of the enrollment
 * @param classId        the class
 * @param baseId         the base
 * @param divisionCode   the base's county
 * @param majorCode      the major
 * @param year           the program year of the enrollment
 * @param name           the trainee's name
 * @param maskedIdNumber masked resident ID number
 * @param reason         why, in the recorder's words
 * @param at             when it was recorded
 * @param by             who recorded it (token subject)
 */
public record TraineeLeft(String enrollmentId, String classId, String baseId, String divisionCode, String majorCode,
                          int year, String name, String maskedIdNumber, String reason, Instant at, String by) {
}
