package cn.sunshine.platform.events.accreditation;

import java.time.Instant;

/**
 * {@code accreditation.base.revoked.v1}: a base's accreditation was revoked (取缔), effective at once.
 * Enrollment refuses its new trainees; subsidy holds its unpaid claims.
 */
public record BaseRevoked(String baseId, String divisionCode, String reason, Instant revokedAt, String revokedBy) {
}
