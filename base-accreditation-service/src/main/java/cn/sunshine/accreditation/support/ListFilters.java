package cn.sunshine.accreditation.support;

import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.web.PageResult;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of a list, all of which must hold: what the caller may see first (their scope, or what is public),
 * then each filter the request gave — one it left out (null) filters nothing.
 */
public final class ListFilters {

    private final List<Criteria> all = new ArrayList<>();

    private ListFilters(Criteria first) {
        all.add(first);
    }

    /** Filters of what {@code first} lets the caller see. */
    public static ListFilters of(Criteria first) {
        return new ListFilters(first);
    }

    /** And this criterion. */
    public ListFilters and(Criteria criteria) {
        all.add(criteria);
        return this;
    }

    /** And {@code field} equal to {@code value}, when it is given. */
    public ListFilters is(String field, Object value) {
        return value == null ? this : and(Criteria.where(field).is(value));
    }

    /** And a {@code divisionCode} in {@code division} or below it, when it is given. */
    public ListFilters under(String division) {
        return division == null ? this
                : and(Criteria.where("divisionCode").regex("^" + DivisionCode.of(division).prefix()));
    }

    /** The page of {@code type} these filters select, in the given order ({@link PageResult#find}). */
    public <T> PageResult<T> page(MongoTemplate mongo, Class<T> type, Integer page, Integer size, Sort sort) {
        return PageResult.find(mongo, Query.query(new Criteria().andOperator(all)), type, page, size, sort);
    }
}
