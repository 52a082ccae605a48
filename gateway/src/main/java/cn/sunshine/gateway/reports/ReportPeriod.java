package cn.sunshine.gateway.reports;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The period of a progress report, in Asia/Shanghai calendar dates, both inclusive: a month
 * ({@code 2026-10}, reported monthly to the city), a quarter ({@code 2026-Q4}, quarterly to the
 * province) or a year ({@code 2026}, the annual acceptance).
 */
public record ReportPeriod(String label, LocalDate from, LocalDate to) {

    static final int FIRST_YEAR = 2000;
    static final int LAST_YEAR = 2100;
    static final String FORMAT = "a month (2026-10), a quarter (2026-Q4) or a year (2026)";

    private static final Pattern SHAPE = Pattern.compile("(\\d{4})(?:-(?:(\\d{2})|Q(\\d)))?");

    /** The period, or empty when the text is none of the three forms (or out of range). */
    public static Optional<ReportPeriod> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            return Optional.empty();
        }
        if (m.group(2) != null) {
            int month = Integer.parseInt(m.group(2));
            if (month < 1 || month > 12) {
                return Optional.empty();
            }
            YearMonth ym = YearMonth.of(year, month);
            return Optional.of(new ReportPeriod(text, ym.atDay(1), ym.atEndOfMonth()));
        }
        if (m.group(3) != null) {
            int quarter = Integer.parseInt(m.group(3));
            if (quarter < 1 || quarter > 4) {
                return Optional.empty();
            }
            YearMonth first = YearMonth.of(year, quarter * 3 - 2);
            return Optional.of(new ReportPeriod(text, first.atDay(1), first.plusMonths(2).atEndOfMonth()));
        }
        return Optional.of(new ReportPeriod(text, LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
    }
}
