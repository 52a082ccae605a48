package cn.sunshine.platform.events.placement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code placement.spot-check.concluded.v1}: a round of phone spot checks of a base's reported
 * placements ended.
 *
 * @param spotCheckId  our id of the spot check
 * @param baseId       the base checked
 * @param divisionCode the base's county
 * @param year         the program year (Asia/Shanghai) of the period
 * @param periodFrom   first day of the period whose placements were sampled
 * @param periodTo     last day of that period
 * @param population   placements the base reported in the period
 * @param sampled      placements drawn
 * @param seed         the recorded seed of the draw (the same seed draws the same sample)
 * @param called       calls that reached the trainee
 * @param confirmed    calls that confirmed everything the base reported
 * @param findings     the kind of each finding (one entry per finding)
 * @param concludedAt  when the officer concluded it
 */
public record SpotCheckConcluded(String spotCheckId, String baseId, String divisionCode, int year,
                                 LocalDate periodFrom, LocalDate periodTo, int population, int sampled, long seed,
                                 int called, int confirmed, List<String> findings, Instant concludedAt) {
}
