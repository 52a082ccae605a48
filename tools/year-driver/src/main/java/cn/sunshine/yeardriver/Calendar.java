package cn.sunshine.yeardriver;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The programme year's dates (Asia/Shanghai), as the seeds tell it: the plan and the tender in
 * March, a seven-day public notice, classes from April, completion and claims in June, placement,
 * follow-up through the summer, spot checks in September, the report in November.
 */
public record Calendar(int year) {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    LocalDate date(int month, int day) {
        return LocalDate.of(year, month, day);
    }

    /** 09:00 in the office on that day. */
    Instant at(int month, int day) {
        return date(month, day).atTime(LocalTime.of(9, 0)).atZone(CHINA).toInstant();
    }

    Instant midnight(int month, int day) {
        return date(month, day).atStartOfDay(CHINA).toInstant();
    }

    /**
     * The latest year that has been played out by today: its last stage (20 November) lies before
     * now, so the services' clock can end at the real time and a restart loses nothing.
     */
    public static int latestPlayableYear(Instant now) {
        LocalDate today = now.atZone(CHINA).toLocalDate();
        return today.isAfter(LocalDate.of(today.getYear(), 11, 21)) ? today.getYear() : today.getYear() - 1;
    }
}
