package cn.sunshine.placement.placement;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow-up schedule after a placement: {@code contacts} contacts, one every {@code interval}
 * from the start date (monthly for six months by default); a contact may be recorded from
 * {@code earlyDays} before its due date and is overdue {@code graceDays} after it.
 */
@ConfigurationProperties("sunshine.placement.follow-up")
public record FollowUpProperties(Integer contacts, Period interval, Integer graceDays, Integer earlyDays) {

    public FollowUpProperties {
        contacts = contacts == null ? 6 : contacts;
        interval = interval == null ? Period.ofMonths(1) : interval;
        graceDays = graceDays == null ? 7 : graceDays;
        earlyDays = earlyDays == null ? 7 : earlyDays;
        if (contacts < 1 || contacts > 60) {
            throw new IllegalArgumentException("sunshine.placement.follow-up.contacts must be 1 to 60");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("sunshine.placement.follow-up.interval must be positive");
        }
    }

    /** The schedule of a placement starting on {@code start}. */
    public List<FollowUp> scheduleFrom(LocalDate start) {
        List<FollowUp> schedule = new ArrayList<>();
        for (int n = 1; n <= contacts; n++) {
            schedule.add(new FollowUp(n, start.plus(interval.multipliedBy(n)), FollowUp.Status.DUE, null));
        }
        return schedule;
    }
}
