package cn.sunshine.placement.progress;

import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.placement.PlacementStatus;
import cn.sunshine.platform.progress.Tallies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * placement-service's placement figures as tallies (docs/reports.md): per county and day of report, recounted
 * from the placements as they change, so that a report over a province never reads every placement.
 */
@Configuration(proxyBeanMethods = false)
public class ProgressFigures {

    public static final String PLACED = "placement.placed";
    public static final String DISPROVED = "placement.disproved";

    /** Placements that count their trainee as placed (the first; never a disproved one), by day reported. */
    @Bean
    Tallies.Figure<Placement> placedFigure() {
        return new Tallies.Figure<>(PLACED, Placement.class, ProgressFigures::placeOf, Placement.countsAsPlaced(), null);
    }

    /** Placements reported on a day and since disproved by a spot check. */
    @Bean
    Tallies.Figure<Placement> disprovedFigure() {
        return new Tallies.Figure<>(DISPROVED, Placement.class, ProgressFigures::placeOf,
                Criteria.where("status").is(PlacementStatus.DISPROVED), null);
    }

    private static Tallies.Place placeOf(Placement p) {
        return p.getPlacedAt() == null ? null : new Tallies.Place(p.getDivisionCode(), Tallies.day(p.getPlacedAt()));
    }
}
