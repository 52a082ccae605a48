package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code accreditation.base.renewed.v1}: the annual review (年度再认定) renewed a base's
 * accreditation, possibly with conditions. It is published together with a new
 * {@code accreditation.base.accredited.v1} carrying the new validity, so consumers that keep only
 * majors and validity need not read this one.
 *
 * @param baseId       our id of the base
 * @param divisionCode the base's county
 * @param reviewId     the annual review that decided it
 * @param year         the program year reviewed
 * @param outcome      {@code RENEW} or {@code RENEW_WITH_CONDITIONS}
 * @param conditions   the conditions attached (empty for {@code RENEW})
 * @param reasons      why, in the officer's words
 * @param validFrom    first day of the new term (Asia/Shanghai)
 * @param validUntil   last day of the new term (Asia/Shanghai)
 * @param renewedAt    when it was decided
 * @param renewedBy    the deciding officer
 */
public record BaseRenewed(String baseId, String divisionCode, String reviewId, int year, String outcome,
                          List<String> conditions, String reasons, LocalDate validFrom, LocalDate validUntil,
                          Instant renewedAt, String renewedBy) {
}
