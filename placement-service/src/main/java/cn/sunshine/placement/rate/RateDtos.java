package cn.sunshine.placement.rate;

import java.time.LocalDate;

/** What the placement-rate endpoint answers. */
public final class RateDtos {

    private RateDtos() {
    }

    public record RateView(int year, LocalDate completedFrom, LocalDate completedTo, String classId, String baseId, String majorCode, String divisionCode,
                           long completed, long placed, long disproved, Integer rateBp, Integer committedRateBp,
                           Boolean shortfall, Long shortfallTrainees) {
    }
}
