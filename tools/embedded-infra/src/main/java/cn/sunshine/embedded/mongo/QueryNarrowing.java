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

    /** A field that must be a string starting with {@code prefix}: an anchored regular expression of plain text. */
    record Prefix(String field, String prefix) {
    }

    /** The query's conditions that require a field to start with a literal text ({@code ^4209}, {@code ^\Q4209\E}). */
    static List<Prefix> prefixes(Document query) {
        List<Prefix> found = new ArrayList<>();
        eachField(query, (field, value) -> {
            String prefix = literalPrefix(value);
            if (prefix != null) {
                found.add(new Prefix(field, prefix));
            }
        });
        return found;
    }

    /**
     * The text a regular expression requires a value to start with, when it is nothing but that: {@code ^} then
     * letters, digits, '-' or '_', or {@code ^\Q…\E} (Java's quoting, which the platform's jurisdiction filters
     * use), without options. Anything else (an alternation, a class, a flag) gives null: the query is not narrowed.
     */
    static String literalPrefix(Object value) {
        Object regex = value;
        if (value instanceof Document d) {
            Object options = d.get("$options");
            if (!d.containsKey("$regex") || d.size() > 2 || d.size() == 2 && !"".equals(options)) {
                return null;
            }
            regex = d.get("$regex");
        }
        String pattern;
        if (regex instanceof de.bwaldvogel.mongo.bson.BsonRegularExpression r) {
            if (r.getOptions() != null && !r.getOptions().isEmpty()) {
                return null;
            }
            pattern = r.getPattern();
        } else if (regex instanceof java.util.regex.Pattern p && p.flags() == 0) {
            pattern = p.pattern();
        } else if (regex instanceof String text && value instanceof Document) {
            pattern = text;
        } else {
            return null;
        }
        if (!pattern.startsWith("^")) {
            return null;
        }
        String rest = pattern.substring(1);
        if (rest.startsWith("\\Q") && rest.endsWith("\\E") && rest.length() >= 4) {
            String literal = rest.substring(2, rest.length() - 2);
            return literal.isEmpty() || literal.contains("\\E") ? null : literal;
        }
        return !rest.isEmpty() && rest.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_') ? rest : null;
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
