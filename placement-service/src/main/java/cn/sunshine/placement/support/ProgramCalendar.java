package cn.sunshine.placement.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The program's calendar: dates, days and years are those of Asia/Shanghai. */
public final class ProgramCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ProgramCalendar() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    public static int yearOf(Instant instant) {
        return dateOf(instant).getYear();
    }
}
