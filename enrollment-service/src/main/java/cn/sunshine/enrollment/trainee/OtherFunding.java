package cn.sunshine.enrollment.trainee;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * Double funding (重复享受培训补贴): people another programme (雨露计划, 再就业培训, …) funds for training, by the
 * person key of the registry (never the ID number). Kept by another feature, which implements {@link Register}.
 *
 * @param programme   the other programme's name
 * @param periodStart the first day of the training it funds (Asia/Shanghai)
 * @param periodEnd   its last day
 * @param listId      the imported list that names the person
 */
public record OtherFunding(String programme, LocalDate periodStart, LocalDate periodEnd, String listId) {

    /** Whether the funded period overlaps the days {@code from}..{@code to}. */
    public boolean overlaps(LocalDate from, LocalDate to) {
        return !periodStart.isAfter(to) && !periodEnd.isBefore(from);
    }

    public String period() {
        return periodStart + "~" + periodEnd;
    }

    /** The register of other programmes' lists. */
    public interface Register {
        /** For each of the person keys funded elsewhere for days overlapping {@code from}..{@code to}: one such funding. */
        Map<String, OtherFunding> overlapping(Collection<String> personKeys, LocalDate from, LocalDate to);
    }
}
