package cn.sunshine.accreditation.complaint;

import java.time.DayOfWeek;
import java.time.LocalDate;

/** Deadlines in working days: Monday to Friday (public holidays are not known to the service). */
final class WorkingDays {

    private WorkingDays() {
    }

    /** The day {@code days} working days after {@code from} (from itself not counted). */
    static LocalDate after(LocalDate from, int days) {
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
