package cn.sunshine.enrollment.support;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** The program's calendar: days and program years are those of Asia/Shanghai. */
public final class ProgramCalendar {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ProgramCalendar() {
    }

    public static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** The program year of an instant: its calendar year in Asia/Shanghai. */
    public static int yearOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE).getYear();
    }
}
