package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * {@code enrollment.confirmation.requested.v1}: a trainee was asked, for the first time, to confirm what the base
 * claims of them (a one-time code sent by SMS). A code sent again for the same enrollment publishes nothing: a
 * trainee is asked once, however many codes it takes.
 *
 * @param enrollmentId the enrollment the trainee confirms
 * @param classId      its class
 * @param baseId       the base
 * @param divisionCode the base's county
 * @param year         the program year of the enrollment
 * @param requestedAt  when the first code was sent
 * @param requestedBy  the county officer who asked (token subject)
 */
public record ConfirmationRequested(String enrollmentId, String classId, String baseId, String divisionCode, int year,
                                    Instant requestedAt, String requestedBy) {
}
