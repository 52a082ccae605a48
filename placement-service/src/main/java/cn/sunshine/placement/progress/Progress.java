package cn.sunshine.placement.progress;

import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.placement.PlacementStatus;
import cn.sunshine.placement.spotcheck.SpotCheck;
import cn.sunshine.placement.spotcheck.SpotCheckItem;
import cn.sunshine.platform.progress.ProgressPeriod;
import cn.sunshine.platform.progress.ProgressQuery;
import cn.sunshine.platform.progress.ProgressView;
import cn.sunshine.platform.progress.Tallies;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * placement-service's part of the progress reports (docs/reports.md): completers placed (转移人数)
 * and the spot-check calls (抽查) in a division and period. {@code placed} counts the placements that
 * count a trainee as placed (the first; a re-placement is the same trainee) reported in the period,
 * never one a spot check disproved ({@code disproved} counts those, informative); {@code spotChecks} counts trainees
 * phoned (calls recorded) in the period, {@code findings} those calls that found a problem.
 */
@Service
public class Progress {

    private final MongoTemplate mongo;
    private final Tallies tallies;

    public Progress(MongoTemplate mongo, Tallies tallies) {
        this.mongo = mongo;
        this.tallies = tallies;
    }

    /** The figures of the query's period and division (the caller's jurisdiction is checked by the query). */
    public ProgressView of(ProgressQuery query) {
        ProgressPeriod period = query.period();
        Criteria inDivision = Criteria.where("divisionCode").regex(period.divisionPattern());
        // Sums of per-county, per-day tallies (ProgressFigures), recounted from the placements as they change.
        long placed = tallies.sum(ProgressFigures.PLACED, period);
        // reported in the period and since disproved by a spot check (informative: not in placed)
        long disproved = tallies.sum(ProgressFigures.DISPROVED, period);
        // spot checks drawn before the period's end and not concluded before its start may hold its calls
        List<SpotCheck> checks = mongo.find(Query.query(new Criteria().andOperator(inDivision,
                Criteria.where("drawnAt").lt(period.end()),
                new Criteria().orOperator(Criteria.where("concludedAt").is(null),
                        Criteria.where("concludedAt").gte(period.start())))), SpotCheck.class);
        long called = 0;
        long withFindings = 0;
        for (SpotCheck s : checks) {
            for (SpotCheckItem i : s.getItems()) {
                if (i.call() != null && within(i.call().recordedAt(), period)) {
                    called++;
                    if (!i.call().findingKinds().isEmpty()) {
                        withFindings++;
                    }
                }
            }
        }
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("placed", placed);
        figures.put("spotChecks", called);
        figures.put("findings", withFindings);
        figures.put("disproved", disproved);
        return ProgressView.of(period, figures);
    }

    private static boolean within(Instant at, ProgressPeriod period) {
        return at != null && !at.isBefore(period.start()) && at.isBefore(period.end());
    }
}
