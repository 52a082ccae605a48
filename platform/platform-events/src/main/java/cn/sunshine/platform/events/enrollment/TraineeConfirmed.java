package cn.sunshine.platform.events.enrollment;

import java.time.Instant;
import java.util.List;

/**
 * {@code enrollment.trainee.confirmed.v1}: a trainee answered, with the one-time code sent to their phone, the
 * statements the base's claim makes of them. Published once per enrollment (the answers are final).
 *
 * @param enrollmentId    the enrollment
 * @param classId         its class
 * @param baseId          the base
 * @param divisionCode    the base's county
 * @param year            the program year of the enrollment
 * @param outcome         {@code CONFIRMED} (no statement denied) or {@code DENIED}
 * @param attended        the trainee says they attended the training
 * @param completed       the trainee says they completed it (结业)
 * @param subsidyReceived {@code YES}, {@code NO} or {@code NOT_APPLICABLE}: received the subsidy, or the refund of
 *                        the fee paid (先收后补)
 * @param employerGiven   the trainee named where they work (the name stays in enrollment-service)
 * @param denied          the statements denied: {@code ATTENDED}, {@code COMPLETED}, {@code SUBSIDY_RECEIVED}
 * @param answeredAt      when
 */
public record TraineeConfirmed(String enrollmentId, String classId, String baseId, String divisionCode, int year,
                               String outcome, boolean attended, boolean completed, String subsidyReceived,
                               boolean employerGiven, List<String> denied, Instant answeredAt) {
}
