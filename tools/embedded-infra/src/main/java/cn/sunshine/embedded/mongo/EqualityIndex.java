package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A non-unique (secondary) index in memory, which mongo-java-server 1.47 does not have (it ignores
 * such an index with a warning): a map from the value of the index's <em>first</em> key to the
 * positions of the documents that hold it. Arrays are indexed element by element (and as a whole),
 * like MongoDB's multikey indexes, so that an equality {@code {field: v}} finds a document whose
 * {@code field} is {@code v} or an array containing {@code v}. Values are normalised the way the
 * server's own unique indexes normalise them (numbers as doubles), so {@code 1}, {@code 1L} and
 * {@code 1.0} meet.
 *
 * <p>It only narrows: {@link IndexedH2Collection} still matches every candidate against the whole
 * query. It never rejects a document ({@link #checkAdd} does nothing) and is rebuilt from the
 * collection when the store is opened (it is not persisted). Not thread-safe by itself: the
 * collection calls it under its own lock.
 */
final class EqualityIndex<P> extends Index<P> {

    private final String field;
    private final Map<KeyValue, Set<P>> positionsByValue = new HashMap<>();
    private final Map<P, Set<KeyValue>> valuesByPosition = new HashMap<>();
    /**
     * Every value's text in order ({@code toString()}, as the server's matcher reads a value for a regular
     * expression: a string, but also a number, or an array's elements and the array itself): prefix lookups.
     */
    private final java.util.TreeMap<String, Set<P>> positionsByText = new java.util.TreeMap<>();
    private final Map<P, Set<String>> textsByPosition = new HashMap<>();
    private final java.util.function.Function<Document, P> positionOf;

    EqualityIndex(String name, List<IndexKey> keys, boolean sparse, java.util.function.Function<Document, P> positionOf) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.positionOf = positionOf;
    }

    /** The field whose equalities this index answers. */
    String field() {
        return field;
    }

    /** The positions of the documents whose {@link #field()} equals {@code value} (or holds it in an array). */
    Collection<P> positionsOf(Object value) {
        Set<P> positions = positionsByValue.get(key(value));
        return positions == null ? List.of() : List.copyOf(positions);
    }

    /** How many documents {@link #positionsOf} would name, without copying them. */
    int countOf(Object value) {
        Set<P> positions = positionsByValue.get(key(value));
        return positions == null ? 0 : positions.size();
    }

    /**
     * The positions of the documents whose {@link #field()} reads as a text starting with {@code prefix} (or holds
     * such a value in an array): every document an anchored regular expression ({@code ^4209}) can match.
     */
    Collection<P> positionsWithPrefix(String prefix) {
        Set<P> out = new LinkedHashSet<>();
        for (Map.Entry<String, Set<P>> e : positionsByText.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.addAll(e.getValue());
        }
        return out;
    }

    /** How many positions {@link #positionsWithPrefix} would give at most (a document in two values counts twice). */
    int countWithPrefix(String prefix) {
        int n = 0;
        for (Map.Entry<String, Set<P>> e : positionsByText.tailMap(prefix, true).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            n += e.getValue().size();
        }
        return n;
    }

    /**
     * Whether an index can answer an equality with {@code value}: plain values (strings, numbers,
     * booleans, object ids, dates, UUIDs), not null, arrays, documents or regular expressions, whose
     * matching is not plain equality.
     */
    static boolean indexable(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean
                || value instanceof ObjectId || value instanceof java.util.Date || value instanceof java.time.Instant
                || value instanceof java.util.UUID;
    }

    private static KeyValue key(Object value) {
        return new KeyValue(value).normalized();
    }

    private Set<KeyValue> keysOf(Document document) {
        Set<KeyValue> keys = new LinkedHashSet<>();
        collect(Utils.getSubdocumentValueCollectionAware(document, field), keys);
        return keys;
    }

    private static void collect(Object value, Set<KeyValue> keys) {
        if (value == null || value instanceof Missing) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            keys.add(key(value));
            for (Object element : collection) {
                collect(element, keys);
            }
        } else {
            keys.add(key(value));
        }
    }

    private static void collectTexts(Object value, Set<String> texts) {
        if (value == null || value instanceof Missing) {
            return;
        }
        texts.add(value.toString());
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                collectTexts(element, texts);
            }
        }
    }

    @Override
    public P getPosition(Document document) {
        P position = positionOf.apply(document);
        return valuesByPosition.containsKey(position) ? position : null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // never rejects a document
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        Set<KeyValue> keys = keysOf(document);
        valuesByPosition.put(position, keys);
        for (KeyValue key : keys) {
            positionsByValue.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(position);
        }
        Set<String> texts = new LinkedHashSet<>();
        collectTexts(Utils.getSubdocumentValueCollectionAware(document, field), texts);
        textsByPosition.put(position, texts);
        for (String text : texts) {
            positionsByText.computeIfAbsent(text, t -> new LinkedHashSet<>()).add(position);
        }
    }

    @Override
    public P remove(Document document) {
        P position = positionOf.apply(document);
        Set<KeyValue> keys = valuesByPosition.remove(position);
        if (keys == null) {
            return null;
        }
        unlink(position, keys);
        return position;
    }

    private void unlink(P position, Set<KeyValue> keys) {
        unlink(positionsByValue, keys, position);
        Set<String> texts = textsByPosition.remove(position);
        if (texts != null) {
            unlink(positionsByText, texts, position);
        }
    }

    /** Takes the position out of each key's set, and a set left empty out of the map. */
    private static <K, P> void unlink(Map<K, Set<P>> positionsByKey, Set<K> keys, P position) {
        for (K key : keys) {
            Set<P> positions = positionsByKey.get(key);
            if (positions != null) {
                positions.remove(position);
                if (positions.isEmpty()) {
                    positionsByKey.remove(key);
                }
            }
        }
    }

    @Override
    public boolean canHandle(Document query) {
        return false; // the collection's own planning asks positionsOf(value) instead
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        Object value = query.get(field);
        return indexable(value) ? positionsOf(value) : Collections.emptyList();
    }

    @Override
    public long getCount() {
        return valuesByPosition.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // never rejects a document
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
        Set<KeyValue> old = valuesByPosition.remove(position);
        if (old != null) {
            unlink(position, old);
        }
        add(newDocument, position, collection);
    }

    @Override
    public void drop() {
        positionsByValue.clear();
        valuesByPosition.clear();
        positionsByText.clear();
        textsByPosition.clear();
    }
}
