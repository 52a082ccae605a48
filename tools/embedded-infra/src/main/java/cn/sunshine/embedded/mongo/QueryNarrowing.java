package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The equalities of a query that an index may answer: {@code {field: value}} and
 * {@code {field: {$eq: value}}} at the top level of the query and inside {@code $and} (at any
 * depth). Everything else ({@code $or}, {@code $in}, ranges, {@code $ne}, regular expressions,
 * {@code $elemMatch}, …) is left to the matcher, which the collection applies to every candidate
 * anyway: an equality only ever narrows the documents looked at, never decides a match.
 */
final class QueryNarrowing {

    /** One equality of a query: the field (a dotted path) and the value it must equal. */
    record Equality(String field, Object value) {
    }

    /** One {@code $in} of a query whose values an index can look up: the field must equal one of them. */
    record In(String field, List<Object> values) {

        /** The equality each value stands for. */
        List<Equality> alternatives() {
            return values.stream().map(v -> new Equality(field, v)).toList();
        }
    }

    /**
     * The {@code {field: {$in: [...]}}} of a query (top level and inside {@code $and}, as for equalities) whose
     * values are all plain ({@link EqualityIndex#indexable}): a batch's ids, a claim's vouchers. An empty list
     * matches nothing, and is left to the matcher.
     */
    static List<In> ins(Document query) {
        List<In> found = new ArrayList<>();
        eachField(query, (field, value) -> {
            if (value instanceof Document d && d.size() == 1 && d.get("$in") instanceof Collection<?> values
                    && !values.isEmpty() && values.stream().allMatch(EqualityIndex::indexable)) {
                found.add(new In(field, List.copyOf(values)));
            }
        });
        return found;
    }

    private QueryNarrowing() {
    }

    static List<Equality> equalities(Document query) {
        List<Equality> found = new ArrayList<>();
        eachField(query, (field, value) -> {
            Object equal = equalityValue(value);
            if (equal != NONE) {
                found.add(new Equality(field, equal));
            }
        });
        return found;
    }

    /** Each field's condition of the query, at the top level and inside {@code $and} (at any depth). */
    private static void eachField(Document query, java.util.function.BiConsumer<String, Object> visit) {
        for (Map.Entry<String, Object> entry : query.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.equals("$and") && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document d) {
                        eachField(d, visit);
                    }
                }
            } else if (!key.startsWith("$")) {
                visit.accept(key, value);
            }
        }
    }

    private static final Object NONE = new Object();

    /** The value an entry's value requires equality with, or NONE when it is an operator expression. */
    private static Object equalityValue(Object value) {
        if (value instanceof Document d) {
            if (d.size() == 1 && d.containsKey("$eq")) {
                return d.get("$eq");
            }
            for (String k : d.keySet()) {
                if (k.startsWith("$")) {
                    return NONE; // an operator expression ($gt, $in, $regex, $elemMatch, …)
                }
            }
            return d; // an embedded document compared whole
        }
        return value;
    }

    /**
     * A query's shape: its fields and operators with every value replaced by {@code ?}, e.g.
     * {@code {divisionCode: {$regex: ?}, year: ?}} (for logs: it names no personal data).
     */
    static String shape(Object query) {
        if (query instanceof Map<?, ?> map) {
            StringBuilder out = new StringBuilder("{");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (out.length() > 1) {
                    out.append(", ");
                }
                out.append(e.getKey()).append(": ").append(shape(e.getValue()));
            }
            return out.append('}').toString();
        }
        if (query instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof Map<?, ?>) {
            StringBuilder out = new StringBuilder("[");
            for (Object element : list) {
                out.append(out.length() > 1 ? ", " : "").append(shape(element));
            }
            return out.append(']').toString();
        }
        return "?";
    }
}
