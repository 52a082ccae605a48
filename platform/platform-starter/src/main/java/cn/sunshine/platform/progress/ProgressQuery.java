package cn.sunshine.platform.progress;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/**
 * The query of every {@code GET /api/<area>/progress} (docs/reports.md), bound from the request's
 * parameters ({@code @Valid @ParameterObject ProgressQuery query}): one declaration of the contract's
 * parameters instead of one per service. A missing or malformed parameter is a 400 naming it.
 *
 * @param division the 6-digit division the figures cover (with everything below it)
 * @param from     the first day, Asia/Shanghai, inclusive
 * @param to       the last day, Asia/Shanghai, inclusive
 */
public record ProgressQuery(
        @NotNull @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
        @NotNull @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

    /** The period checked against the caller's role and jurisdiction (ProgressPeriod.check). */
    public ProgressPeriod period() {
        return ProgressPeriod.check(division, from, to);
    }
}
