package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import java.util.List;
import java.util.function.Function;

/** A page of a list: {@code {items, page, size, total}}. Pages start at 0; size 50 by default, 500 at most. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public <R> PageResult<R> map(Function<T, R> f) {
        return new PageResult<>(items.stream().map(f).toList(), page, size, total);
    }

    /** Runs a query as a page: validates page and size, counts, applies the stable sort. */
    public static <T> PageResult<T> find(org.springframework.data.mongodb.core.MongoTemplate mongo,
                                         org.springframework.data.mongodb.core.query.Query query, Class<T> type,
                                         Integer page, Integer size, Sort sort) {
        PageRequest pr = request(page, size, sort);
        long total = mongo.count(query, type);
        List<T> items = mongo.find(query.with(pr), type);
        return new PageResult<>(items, pr.getPageNumber(), pr.getPageSize(), total);
    }

    /** Validates page and size and applies the stable sort (the given keys, then id). */
    public static PageRequest request(Integer page, Integer size, Sort sort) {
        int p = page == null ? 0 : page;
        int s = size == null ? DEFAULT_SIZE : size;
        if (p < 0) {
            throw DomainException.invalidField("page", Phrase.coded("problem.page",
                    "must be 0 or more"));
        }
        if (s < 1 || s > MAX_SIZE) {
            throw DomainException.invalidField("size", Phrase.coded("problem.page-size",
                    "must be between 1 and " + MAX_SIZE, MAX_SIZE));
        }
        return PageRequest.of(p, s, sort.and(Sort.by("_id")));
    }
}
