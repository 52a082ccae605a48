package cn.sunshine.platform.time;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The programme's calendar: dates, days and programme years are those of Asia/Shanghai, whatever
 * the machine's zone. Every service reads "today" and "the year of" through it, with the injected
 * {@link Clock} (the programme clock).
 */
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

    /** The programme year of an instant: its calendar year in Asia/Shanghai. */
    public static int yearOf(Instant instant) {
        return dateOf(instant).getYear();
    }

    /** 00:00 of the day in Shanghai. */
    public static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant();
    }

    /**
     * The day {@code days} working days after {@code from} (from itself not counted): Monday to Friday, public
     * holidays not being known to the platform. Due days of complaints and rectification orders.
     */
    public static LocalDate workingDaysAfter(LocalDate from, int days) {
        LocalDate d = from;
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
                left--;
            }
        }
        return d;
    }
}
