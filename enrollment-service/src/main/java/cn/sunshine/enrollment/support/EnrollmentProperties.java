package cn.sunshine.enrollment.support;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The program's rules that a province sets, and the key of the person registry.
 *
 * @param minAge          youngest age at enrollment (16 by default)
 * @param maxAge          oldest age at enrollment (60 by default)
 * @param provinceCode    the province's 2-digit division prefix: a trainee's household lies inside it
 * @param passMark        the lowest passing score of the theory exam and of the skill test
 * @param personKeySecret the HMAC secret that turns an ID number into the registry's key (at least 32 characters)
 * @param minimumAttendanceBp the least share of the recorded teaching hours a trainee attends to complete, in basis
 *                        points (8000 = 80 %, by default)
 */
@ConfigurationProperties("sunshine.enrollment")
public record EnrollmentProperties(@DefaultValue("16") int minAge, @DefaultValue("60") int maxAge,
                                   @DefaultValue("42") String provinceCode, @DefaultValue("60") int passMark,
                                   String personKeySecret, @DefaultValue("8000") int minimumAttendanceBp) {

    public EnrollmentProperties {
        if (personKeySecret == null || personKeySecret.length() < 32) {
            throw new IllegalStateException("sunshine.enrollment.person-key-secret must be set (32 characters or more): "
                    + "it keys the one-subsidy-per-person registry");
        }
        if (minAge < 0 || maxAge < minAge) {
            throw new IllegalStateException("sunshine.enrollment.min-age/max-age are not a range");
        }
        if (minimumAttendanceBp < 0 || minimumAttendanceBp > 10_000) {
            throw new IllegalStateException("sunshine.enrollment.minimum-attendance-bp must be 0..10000 (basis points)");
        }
        if (provinceCode == null || !provinceCode.matches("\\d{2}")) {
            throw new IllegalStateException("sunshine.enrollment.province-code must be 2 digits");
        }
    }
}
