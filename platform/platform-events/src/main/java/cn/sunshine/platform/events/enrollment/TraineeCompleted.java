package cn.sunshine.platform.events.enrollment;

import java.time.Instant;

/**
 * {@code enrollment.trainee.completed.v1}: a trainee completed (结业) with a certificate.
 *
 * @param enrollmentId           our id of the enrollment
 * @param classId                the class
 * @param baseId                 the base
 * @param divisionCode           the base's county
 * @param majorCode              the major
 * @param year                   the program year of the enrollment
 * @param name                   the trainee's name
 * @param maskedIdNumber         masked resident ID number
 * @param certificateNumber      the completion certificate (结业证书) number
 * @param skillCertificateNumber the vocational skill certificate (技能鉴定) number, or null
 * @param skillLevel             its level (e.g. 初级), or null
 * @param completedAt            when
 * @param completedBy            who recorded it (token subject)
 */
public record TraineeCompleted(String enrollmentId, String classId, String baseId, String divisionCode,
                               String majorCode, int year, String name, String maskedIdNumber,
                               String certificateNumber, String skillCertificateNumber, String skillLevel,
                               Instant completedAt, String completedBy) {
}
