package cn.sunshine.enrollment.funding;

import cn.sunshine.enrollment.trainee.OtherFunding;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** What enrollment asks before admitting people: whom the imported lists fund for overlapping days. */
@Component
public class FundingRegister implements OtherFunding.Register {

    private final MongoTemplate mongo;

    public FundingRegister(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, OtherFunding> overlapping(Collection<String> personKeys, LocalDate from, LocalDate to) {
        Map<String, OtherFunding> out = new LinkedHashMap<>();
        if (personKeys.isEmpty()) {
            return out;
        }
        Set<String> asked = new HashSet<>(personKeys);
        Query q = Query.query(Criteria.where("people.personKey").in(asked)).with(
                org.springframework.data.domain.Sort.by("importedAt", "_id"));
        for (FundingList l : mongo.find(q, FundingList.class)) {
            for (FundingList.Funded f : l.getPeople()) {
                OtherFunding funding = new OtherFunding(f.programme(), f.periodStart(), f.periodEnd(), l.getId());
                if (asked.contains(f.personKey()) && funding.overlaps(from, to)) {
                    out.putIfAbsent(f.personKey(), funding);
                }
            }
        }
        return out;
    }
}
