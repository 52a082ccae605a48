package cn.sunshine.platform.usecase;

import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a list, all of which must hold: what the caller may see first (their scope, e.g.
 * {@code Jurisdiction.scope("divisionCode")}, or what is public), then each filter the request gave — one it left
 * out (null) filters nothing:
 * <pre>{@code
 * Filters.within(Jurisdiction.scope("divisionCode")).is("baseId", baseId).from("year", from).page(mongo, Klass.class, page, size, sort)
 * }</pre>
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

    /** And this criterion. */
    public Filters and(Criteria criteria) {
        all.add(criteria);
        return this;
    }

    /** Those whose field is the value, when one is given. */
    public Filters is(String field, Object value) {
        return value == null ? this : and(Criteria.where(field).is(value));
    }

    /** Those whose field is the value or after it, when one is given. */
    public Filters from(String field, Object value) {
        return value == null ? this : and(Criteria.where(field).gte(value));
    }

    /** Those whose field is before the value, when one is given. */
    public Filters before(String field, Object value) {
        return value == null ? this : and(Criteria.where(field).lt(value));
    }

    /** Those whose {@code divisionCode} is the division or below it, when one is given. */
    public Filters under(String division) {
        return division == null ? this
                : and(Criteria.where("divisionCode").regex("^" + DivisionCode.of(division).prefix()));
    }

    /** The query of all the conditions (one alone as itself, so an index on its field serves it). */
    public Query query() {
        return Query.query(all.size() == 1 ? all.get(0) : new Criteria().andOperator(all));
    }

    /** The page of {@code type} these filters select, in the given order ({@link PageResult#find}). */
    public <T> PageResult<T> page(MongoTemplate mongo, Class<T> type, Integer page, Integer size, Sort sort) {
        return PageResult.find(mongo, query(), type, page, size, sort);
    }
}
