package cn.sunshine.placement.rate;

import cn.sunshine.placement.agreement.CommittedRate;
import cn.sunshine.placement.completer.Completer;
import cn.sunshine.placement.placement.Placement;
import cn.sunshine.placement.placement.PlacementStatus;
import cn.sunshine.placement.rate.RateDtos.RateView;
import cn.sunshine.placement.support.Access;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The placement rate of a year's completers, by class, base, major and county, against the base's commitment. */
@Service
public class PlacementRates {

    private final MongoTemplate mongo;

    public PlacementRates(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The rate over the completers the caller may see (their jurisdiction, or their base) and the selection. */
    public RateView rate(int year, String classId, String baseId, String majorCode, String divisionCode,
                         LocalDate completedFrom, LocalDate completedTo) {
        List<Criteria> and = new ArrayList<>();
        and.add(Access.listScope("baseId", "divisionCode"));
        and.add(Criteria.where("year").is(year));
        if (classId != null) {
            and.add(Criteria.where("classId").is(classId));
        }
        if (baseId != null) {
            and.add(Criteria.where("baseId").is(baseId));
        }
        if (majorCode != null) {
            and.add(Criteria.where("majorCode").is(majorCode));
        }
        if (divisionCode != null) {
            and.add(Criteria.where("divisionCode").regex("^" + divisionCode));
        }
        if (completedFrom != null) {
            and.add(Criteria.where("completedOn").gte(completedFrom));
        }
        if (completedTo != null) {
            and.add(Criteria.where("completedOn").lte(completedTo));
        }
        Criteria selection = new Criteria().andOperator(and);
        long completed = mongo.count(Query.query(selection), Completer.class);
        // a trainee counts once as placed: by the placement published as placed (a re-placement follows it),
        // unless a spot check disproved it
        long placed = mongo.count(Query.query(new Criteria().andOperator(selection, Placement.countsAsPlaced())),
                Placement.class);
        long disproved = mongo.count(Query.query(new Criteria().andOperator(selection,
                Criteria.where("status").is(PlacementStatus.DISPROVED))), Placement.class);
        Integer rateBp = completed == 0 ? null : (int) (placed * 10_000 / completed);

        String base = baseId;
        if (base == null && classId != null) {
            Completer any = mongo.findOne(Query.query(selection), Completer.class);
            base = any == null ? null : any.getBaseId();
        }
        Integer committed = null;
        Boolean shortfall = null;
        Long shortfallTrainees = null;
        if (base != null) {
            CommittedRate c = mongo.findById(CommittedRate.idOf(base, year), CommittedRate.class);
            if (c != null) {
                committed = c.getCommittedPlacementRateBp();
                if (rateBp != null) {
                    shortfall = rateBp < committed;
                    // placements needed to meet the commitment: ceil(committed × completed / 10 000) − placed
                    long needed = (committed * completed + 9_999) / 10_000;
                    shortfallTrainees = Math.max(0, needed - placed);
                }
            }
        }
        return new RateView(year, completedFrom, completedTo, classId, baseId, majorCode, divisionCode, completed, placed, disproved, rateBp, committed,
                shortfall, shortfallTrainees);
    }
}
