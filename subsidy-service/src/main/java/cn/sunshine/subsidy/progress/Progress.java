package cn.sunshine.subsidy.progress;

import cn.sunshine.platform.progress.ProgressPeriod;
import cn.sunshine.platform.progress.ProgressQuery;
import cn.sunshine.platform.progress.ProgressView;
import cn.sunshine.platform.progress.Tallies;
import cn.sunshine.subsidy.fund.Fund;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * subsidy-service's part of the progress reports (docs/reports.md). One rule per figure:
 * <ul>
 *   <li><b>programme-year figures</b> follow the programme year of the fund or claim, whenever the money
 *   moved: {@code subsidyCommittedFen} (what approvals hold in the funds of the years the period falls
 *   in, net of releases), {@code subsidyPaidFen} (what the finance bureau paid for claims of those years),
 *   {@code subsidyRecoveredFen} (what settled recoveries brought back into those years' funds). A year's
 *   payments made after its 31 December still count in its report;</li>
 *   <li><b>period figures</b> follow the date the money moved: {@code subsidyCommittedInPeriodFen} (approvals
 *   net of releases recorded within the period) and {@code subsidyPaidInPeriodFen} (paid by the bureau within
 *   the period, whatever the programme year).</li>
 * </ul>
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
        Criteria ofYears = Criteria.where("year").gte(period.from().getYear()).lte(period.to().getYear());
        long committedOfYears = 0;
        long recoveredOfYears = 0;
        for (Fund f : mongo.find(Query.query(new Criteria().andOperator(inDivision, ofYears)), Fund.class)) {
            committedOfYears += f.getCommittedFen();
            recoveredOfYears += f.getRecoveredFen();
        }
        long committedInPeriod = 0;
        for (Fund f : mongo.find(Query.query(inDivision), Fund.class)) {
            for (Fund.Commitment c : f.getCommitments()) {
                if (!c.at().isBefore(period.start()) && c.at().isBefore(period.end())) {
                    committedInPeriod += c.amountFen();
                }
            }
        }
        // Sums of per-county tallies (ProgressFigures), recounted from the instructions as they change.
        long paidOfYears = tallies.sumOfYears(ProgressFigures.PAID_OF_YEAR, period);
        long paidInPeriod = tallies.sum(ProgressFigures.PAID_ON_DAY, period);
        Map<String, Long> figures = new LinkedHashMap<>();
        figures.put("subsidyCommittedFen", committedOfYears);
        figures.put("subsidyPaidFen", paidOfYears);
        figures.put("subsidyRecoveredFen", recoveredOfYears);
        figures.put("subsidyCommittedInPeriodFen", committedInPeriod);
        figures.put("subsidyPaidInPeriodFen", paidInPeriod);
        return ProgressView.of(period, figures);
    }
}
