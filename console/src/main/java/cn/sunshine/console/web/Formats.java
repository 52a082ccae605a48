package cn.sunshine.console.web;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the pages write money, dates and times ({@code ${@fmt.money(claim.totalFen)}} in a template). Money
 * arrives as integer fen and is written in yuan with two decimals and the grouping the reader expects:
 * {@code 126000} → {@code ¥1,260.00}. Dates are Asia/Shanghai calendar dates: {@code 2026年4月15日} in
 * Chinese, {@code 15 Apr 2026} in English; an instant is first placed in Asia/Shanghai.
 */
@Component("fmt")
public class Formats {

    public static final ZoneId PROGRAMME_ZONE = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter ZH_DATE = DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter ZH_DATE_TIME = DateTimeFormatter.ofPattern("yyyy年M月d日 HH:mm", Locale.SIMPLIFIED_CHINESE);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EN_DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ENGLISH);

    /** Fen → {@code ¥1,260.00} (negative: {@code -¥5.00}); null → an empty string. */
    public String money(Object fen) {
        if (fen == null) {
            return "";
        }
        long value = fen instanceof Number n ? n.longValue() : Long.parseLong(fen.toString().trim());
        DecimalFormat format = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        String yuan = format.format(BigDecimal.valueOf(Math.abs(value)).movePointLeft(2));
        return (value < 0 ? "-¥" : "¥") + yuan;
    }

    /** A calendar date ({@code 2026-04-15}) or an instant ({@code 2026-04-15T01:00:00Z}) as a date. */
    public String date(Object value) {
        LocalDate date = toDate(value);
        return date == null ? "" : date.format(chinese() ? ZH_DATE : EN_DATE);
    }

    /** An instant in Asia/Shanghai with hours and minutes ({@code 2026年4月15日 09:00}). */
    public String dateTime(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        String s = value.toString();
        if (s.length() == 10) {
            return date(s);
        }
        ZonedDateTime at = Instant.parse(s).atZone(PROGRAMME_ZONE);
        return at.format(chinese() ? ZH_DATE_TIME : EN_DATE_TIME);
    }

    static LocalDate toDate(Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof LocalDate d) {
            return d;
        }
        if (value instanceof Instant i) {
            return i.atZone(PROGRAMME_ZONE).toLocalDate();
        }
        String s = value.toString();
        return s.length() == 10 ? LocalDate.parse(s) : Instant.parse(s).atZone(PROGRAMME_ZONE).toLocalDate();
    }

    /**
     * A resident ID number as pages show it: {@code 420981********123X} (the first six and last four). An API that
     * already masked it is shown as it came.
     */
    public String maskId(Object idNumber) {
        if (idNumber == null) {
            return "";
        }
        String s = idNumber.toString();
        if (s.length() != 18 || s.contains("*")) {
            return s;
        }
        return s.substring(0, 6) + "********" + s.substring(14);
    }

    /** Basis points → {@code 94.41%}; null (no rate: nobody to divide by, or a part did not answer) → {@code —}. */
    public String percent(Object bp) {
        if (!(bp instanceof Number n)) {
            return "—";
        }
        return BigDecimal.valueOf(n.longValue()).movePointLeft(2).setScale(2, java.math.RoundingMode.UNNECESSARY) + "%";
    }

    /** A count with thousands separators ({@code 3,660}); null → {@code —}. */
    public String count(Object n) {
        if (!(n instanceof Number v)) {
            return "—";
        }
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(v.longValue());
    }

    /** The first characters of an opaque id, for a table (the full id is in the link). */
    public String shortId(Object id) {
        if (id == null) {
            return "";
        }
        String s = id.toString();
        return s.length() <= 8 ? s : s.substring(0, 8) + "…";
    }

    /** A count with the grouping the reader expects: {@code 3660} → {@code 3,660}; null → an empty string. */
    public String number(Object value) {
        if (value == null || value.toString().isBlank()) {
            return "";
        }
        long n = value instanceof Number num ? num.longValue() : Long.parseLong(value.toString().trim());
        return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
    }

    /** A rate in basis points as a percentage with two decimals: {@code 9441} → {@code 94.41%}; null → an empty string. */
    public String rateBp(Object bp) {
        if (bp == null || bp.toString().isBlank()) {
            return "";
        }
        long value = bp instanceof Number n ? n.longValue() : Long.parseLong(bp.toString().trim());
        return BigDecimal.valueOf(value).movePointLeft(2).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString() + "%";
    }

    private static boolean chinese() {
        return Locale.CHINESE.getLanguage().equals(LocaleContextHolder.getLocale().getLanguage());
    }
}
