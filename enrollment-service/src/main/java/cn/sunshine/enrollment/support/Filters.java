package cn.sunshine.enrollment.support;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * The conditions of a list's query: the caller's scope (a {@code Jurisdiction} criterion), then each filter the caller
 * gave — a filter without a value (null) is left out.
 */
public final class Filters {

    private final List<Criteria> all = new ArrayList<>();

    private Filters(Criteria scope) {
        all.add(scope);
    }

    /** Records within this scope. */
    public static Filters within(Criteria scope) {
        return new Filters(scope);
    }

    /** Those whose field is the value, when one is given. */
    public Filters is(String field, Object value) {
        return value == null ? this : add(Criteria.where(field).is(value));
    }

    /** Those whose field is the value or after it, when one is given. */
    public Filters from(String field, Object value) {
        return value == null ? this : add(Criteria.where(field).gte(value));
    }

    /** Those whose field is before the value, when one is given. */
    public Filters before(String field, Object value) {
        return value == null ? this : add(Criteria.where(field).lt(value));
    }

    /** The query of all the conditions. */
    public Query query() {
        return Query.query(all.size() == 1 ? all.get(0) : new Criteria().andOperator(all));
    }

    private Filters add(Criteria criteria) {
        all.add(criteria);
        return this;
    }
}
