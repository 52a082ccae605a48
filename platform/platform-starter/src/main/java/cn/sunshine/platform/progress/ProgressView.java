package cn.sunshine.platform.progress;

import java.time.LocalDate;
import java.util.Map;

/**
 * A service's part of a progress report (docs/reports.md): integer figures (counts, fen, basis
 * points) for a division and an inclusive period; a figure that cannot be computed (a rate without
 * a denominator) is null, never 0.
 */
public record ProgressView(String division, LocalDate from, LocalDate to, Map<String, Long> figures) {

    public static ProgressView of(ProgressPeriod period, Map<String, Long> figures) {
        return new ProgressView(period.division().value(), period.from(), period.to(), figures);
    }
}
