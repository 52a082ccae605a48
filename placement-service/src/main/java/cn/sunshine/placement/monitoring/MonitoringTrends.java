package cn.sunshine.placement.monitoring;

import cn.sunshine.placement.monitoring.MonitoringDtos.NeedTrend;
import cn.sunshine.placement.monitoring.MonitoringDtos.Plan;
import cn.sunshine.placement.monitoring.MonitoringDtos.QuarterTrend;
import cn.sunshine.placement.monitoring.MonitoringDtos.TrendsView;
import cn.sunshine.placement.rate.PlacementRates;
import cn.sunshine.placement.rate.RateDtos.RateView;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trends of a division's monitoring points in a year, for the officials covering it (county, city, province):
 * per quarter the returns summed over the points that reported it, with the transfer rate; the needs surveys
 * summed by major; and beside them the programme's own figures for the division and year that placement keeps
 * (completers and placed trainees: placement holds no quota ledger).
 */
@Service
public class MonitoringTrends {

    /** Where {@link Plan} comes from: placement's completers (the enrollment's programme year) and placements. */
    static final String PLAN_SOURCE = "PLACEMENT_COMPLETERS_AND_PLACEMENTS";

    private final MongoTemplate mongo;
    private final PlacementRates rates;

    public MonitoringTrends(MongoTemplate mongo, PlacementRates rates) {
        this.mongo = mongo;
        this.rates = rates;
    }

    public TrendsView trends(String division, int year) {
        CurrentUser user = Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        String code = division != null ? division : user.division() == null ? null : user.division().value();
        if (code == null) {
            throw DomainException.invalidField("division", Phrase.coded("monitoring.division-required",
                    "is required"));
        }
        String prefix = Monitoring.divisionPrefix(code);
        if (!user.covers(code)) {
            throw DomainException.notFound("division " + code);
        }
        Criteria inDivision = Criteria.where("divisionCode").regex("^" + prefix);

        List<LabourReturn> returns = mongo.find(Query.query(new Criteria().andOperator(inDivision,
                Criteria.where("year").is(year))), LabourReturn.class);
        List<QuarterTrend> quarters = new ArrayList<>();
        for (int q = 1; q <= 4; q++) {
            int quarter = q;
            List<Figures> figures = returns.stream().filter(r -> r.getQuarter() == quarter).map(LabourReturn::getFigures).toList();
            quarters.add(sum(quarter, figures));
        }

        List<NeedsSurvey> surveys = mongo.find(Query.query(new Criteria().andOperator(inDivision,
                Criteria.where("year").is(year))), NeedsSurvey.class);
        Map<String, long[]> byMajor = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (NeedsSurvey s : surveys) {
            for (NeedsSurvey.Need n : s.getNeeds()) {
                long[] t = byMajor.computeIfAbsent(n.majorCode(), k -> new long[2]);
                t[0] += n.headCount();
                t[1]++;
                names.putIfAbsent(n.majorCode(), n.majorName());
            }
        }
        List<NeedTrend> needs = byMajor.entrySet().stream()
                .map(e -> new NeedTrend(e.getKey(), names.get(e.getKey()), e.getValue()[0], (int) e.getValue()[1]))
                .sorted(Comparator.comparingLong(NeedTrend::headCount).reversed().thenComparing(NeedTrend::majorCode))
                .toList();

        long active = mongo.count(Query.query(new Criteria().andOperator(inDivision,
                Criteria.where("status").is(MonitoringPoint.Status.ACTIVE))), MonitoringPoint.class);
        RateView rate = rates.rate(year, null, null, null, prefix, null, null);
        return new TrendsView(code, year, active, quarters, needs, surveys.size(),
                new Plan(PLAN_SOURCE, rate.completed(), rate.placed(), rate.rateBp()));
    }

    private static QuarterTrend sum(int quarter, List<Figures> figures) {
        long labourers = 0, male = 0, female = 0, transferred = 0, newly = 0, inCounty = 0, inProvince = 0, out = 0, back = 0;
        Map<String, Long> sectors = new LinkedHashMap<>();
        for (Figures.Sector s : Figures.Sector.values()) {
            sectors.put(s.name(), 0L);
        }
        for (Figures f : figures) {
            labourers += f.labourers();
            male += f.male();
            female += f.female();
            transferred += f.transferred();
            newly += f.newlyTransferred();
            inCounty += f.inCounty();
            inProvince += f.inProvince();
            out += f.outOfProvince();
            back += f.returnedHome();
            f.sectors().forEach((k, v) -> sectors.merge(k, (long) v, Long::sum));
        }
        return new QuarterTrend(quarter, figures.size(), labourers, male, female, transferred, newly, inCounty,
                inProvince, out, sectors, back, Figures.rateBp(transferred, labourers));
    }
}
