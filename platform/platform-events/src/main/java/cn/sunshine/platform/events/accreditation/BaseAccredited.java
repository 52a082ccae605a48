package cn.sunshine.platform.events.accreditation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code accreditation.base.accredited.v1}: a training base (培训基地) was accredited for named majors.
 *
 * @param baseId       our id of the base
 * @param name         legal name of the institution
 * @param creditCode   unified social credit code (GB 32100)
 * @param divisionCode county that accredited it
 * @param majors       the majors, with capacity and fee standard
 * @param validFrom    first day of validity (Asia/Shanghai)
 * @param validUntil   last day of validity (Asia/Shanghai)
 * @param accreditedAt when the decision was recorded
 * @param accreditedBy who recorded it (subject of the officer's token)
 */
public record BaseAccredited(String baseId, String name, String creditCode, String divisionCode,
                             List<AccreditedMajor> majors, LocalDate validFrom, LocalDate validUntil,
                             Instant accreditedAt, String accreditedBy) {
}
