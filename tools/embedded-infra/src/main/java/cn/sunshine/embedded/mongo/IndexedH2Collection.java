package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * mongo-java-server's H2 collection with two changes that make it behave like MongoDB where the
 * platform depends on it.
 *
 * <p><b>Reads return copies.</b> The stock collection hands out the very {@link Document} it stores
 * and updates it in place, so a reply being encoded on one connection can show a document that an
 * update on another connection has half rewritten (a quota ledger with the new {@code allocated} and
 * the old {@code version}). Here {@link #matchDocumentsFromStream(Document, Stream, int, int, int,
 * Comparator, Document)} — the one method every query, count, distinct, findAndModify, update and
 * delete goes through — returns deep copies of the matching documents. An update then changes its
 * copy and {@code handleUpdate} stores that copy in place of the old document, so a stored document
 * is never changed after it is stored: whoever holds one holds a consistent snapshot.
 *
 * <p><b>Queries use the indexes.</b> The stock planner uses an index only when the query is exactly
 * that index's keys (so {@code {_id, version}}, the optimistic-lock update, scans the collection).
 * Here {@link #queryDocuments} looks for an equality (top level or inside {@code $and}) that an
 * index can answer — {@code _id}, all the keys of a unique index, the first key of a compound
 * unique index ({@link PrefixedUniqueIndex}) or of a non-unique index ({@link EqualityIndex}) —
 * takes the candidates from the index with the fewest, and matches
 * only those against the whole query. Queries without such an equality scan as before.
 *
 * <p><b>One lock per collection.</b> The indexes ({@link EqualityIndex}'s maps and sets, the list of
 * indexes) are plain collections, read and written only under the collection's lock: the stock
 * {@code synchronized} methods (queries, inserts, updates, deletes, findAndModify) and the overrides
 * here of the entry points the stock class leaves unsynchronised but which read the indexes — the
 * {@code count} command ({@link #count(Document, int, int)}), an aggregation's read of the collection
 * ({@link #queryAllAsStream()}, also {@code countDocuments}), adding and dropping indexes, stats. (A
 * count once copied an index's position set while an update on another connection grew it: an
 * {@code ArrayIndexOutOfBoundsException} inside the server.)
 */
public class IndexedH2Collection extends H2Collection {

    private final boolean narrowing;
    private final MVMap<Object, Document> dataMap;

    public IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                               MVMap<Object, Document> dataMap, MVMap<String, Object> metaMap,
                               CursorRegistry cursorRegistry, boolean narrowing) {
        super(database, collectionName, options, dataMap, metaMap, cursorRegistry);
        this.narrowing = narrowing;
        this.dataMap = dataMap;
    }

    /**
     * The leading {@code $match} of the aggregation running on this thread, and the collection it runs on
     * (set by {@link IndexedH2Database#handleCommand} around an {@code aggregate} command).
     */
    record AggregationMatch(String database, String collection, Document match) {
    }

    static final ThreadLocal<AggregationMatch> AGGREGATION_MATCH = new ThreadLocal<>();

    /** Full scans: queries and aggregations no index could narrow (for the tests). */
    private final java.util.concurrent.atomic.AtomicLong fullScans = new java.util.concurrent.atomic.AtomicLong();

    long fullScans() {
        return fullScans.get();
    }

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(IndexedH2Collection.class);

    /** A scan of a large collection is logged once per shape of query (its fields and operators, no values). */
    static final int LARGE_COLLECTION = 1_000;

    private final java.util.Set<String> scansLogged = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Logs the first scan of this collection by a query of this shape once the collection is large: such a
     * query is a missing index (or a query MongoDB would scan too), and the province's year shows it as
     * time that grows with the year. The shape names the fields and operators only, never a value.
     */
    private void noteScan(Document query) {
        if (!narrowing || query == null || query.isEmpty() || count() < LARGE_COLLECTION) { // the stock planner scans by design
            return;
        }
        String shape = QueryNarrowing.shape(query);
        if (scansLogged.size() < 100 && scansLogged.add(shape)) {
            log.warn("scan: {}.{} ({} documents) for a query no index narrows: {}", getDatabaseName(),
                    getCollectionName(), count(), shape);
        }
    }

    /**
     * An aggregation reads the whole collection and filters it in its first stage; the stock server does
     * so for {@code countDocuments} and {@code exists} too (a {@code $match}, a {@code $limit}, a
     * {@code $group}). When the pipeline starts with a {@code $match} an index can narrow, the stage gets
     * only the documents that match it (narrowed like a find): the {@code $match} then keeps them all.
     */
    @Override
    public synchronized Stream<Document> queryAllAsStream() {
        AggregationMatch hint = AGGREGATION_MATCH.get();
        if (narrowing && hint != null && hint.collection().equals(getCollectionName())
                && hint.database().equals(getDatabaseName()) && candidates(hint.match()) != null) {
            List<Document> matched = new ArrayList<>();
            handleQuery(hint.match()).forEach(matched::add);
            return matched.stream();
        }
        if (hint != null && hint.collection().equals(getCollectionName())) {
            noteScan(hint.match());
        }
        return super.queryAllAsStream(); // an empty query: counted as a full scan there

    }

    /** The {@code count} command's path: it plans through the indexes, so under the lock like a query. */
    @Override
    public synchronized int count(Document query, int skip, int limit) {
        return super.count(query, skip, limit);
    }

    /**
     * The stock {@code addIndex} fills an index from the documents only when the index is empty. A
     * compound unique index opened from the store's file is not (its unique part is kept in the
     * file), but its {@link PrefixedUniqueIndex prefix} lives in memory and starts empty after a
     * restart: it is filled here, or every query by the first key alone would find nothing.
     */
    @Override
    public synchronized void addIndex(Index<Object> index) {
        super.addIndex(index);
        if (index instanceof PrefixedUniqueIndex prefixed && prefixed.prefixNeedsLoading()
                && getIndexes().stream().anyMatch(added -> added == index)) {
            streamAllDocumentsWithPosition().forEach(d -> prefixed.loadPrefix(d.getDocument(), d.getPosition()));
        }
    }

    @Override
    public synchronized void dropIndex(String indexName) {
        super.dropIndex(indexName);
    }

    @Override
    public synchronized void drop() {
        super.drop();
    }

    @Override
    public synchronized Document getStats() {
        return super.getStats();
    }

    @Override
    public synchronized Document validate() {
        return super.validate();
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                                         int batchSize, Document fieldSelector) {
        if (narrowing && query != null && !query.isEmpty()) {
            Collection<Object> candidates = candidates(query);
            if (candidates != null) {
                // In the order a scan would have found them (the store's key order), so that a query
                // without a sort answers the same list narrowed or not.
                List<Object> ordered = new ArrayList<>(candidates);
                Comparator<Object> keyOrder = (a, b) -> dataMap.getKeyType().compare(Missing.ofNullable(a), Missing.ofNullable(b));
                ordered.sort(isNaturalDescending(orderBy) ? keyOrder.reversed() : keyOrder);
                return matchDocuments(query, ordered, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            }
        }
        fullScans.incrementAndGet();
        noteScan(query);
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /**
     * The positions of the only documents that can match {@code query}, from the index that gives
     * the fewest, or null when no index can narrow it. Every matching document is among them.
     */
    Collection<Object> candidates(Document query) {
        List<QueryNarrowing.Equality> equalities = QueryNarrowing.equalities(query);
        List<QueryNarrowing.In> ins = QueryNarrowing.ins(query);
        List<QueryNarrowing.Prefix> prefixes = QueryNarrowing.prefixes(query);
        if (equalities.isEmpty() && ins.isEmpty() && prefixes.isEmpty()) {
            return null;
        }
        // Sizes first, positions of the best index only: a non-unique index's positions for a common value
        // (a status, a county) are thousands, and copying them only to find them not the fewest cost more
        // than the query.
        Index<Object> best = null;
        QueryNarrowing.In bestIn = null;
        QueryNarrowing.Prefix bestPrefix = null;
        int fewest = Integer.MAX_VALUE;
        for (Index<Object> index : getIndexes()) {
            int size = equalities.isEmpty() ? -1 : size(index, equalities);
            if (size >= 0 && size < fewest) {
                best = index;
                bestIn = null;
                bestPrefix = null;
                fewest = size;
                if (size <= 1) {
                    break;
                }
            }
            // A prefix (an anchored regex of plain text: a division and everything below it) on an equality index.
            if (index instanceof EqualityIndex<Object> equalityIndex) {
                for (QueryNarrowing.Prefix prefix : prefixes) {
                    if (prefix.field().equals(equalityIndex.field())) {
                        int n = equalityIndex.countWithPrefix(prefix.prefix());
                        if (n < fewest) {
                            best = index;
                            bestIn = null;
                            bestPrefix = prefix;
                            fewest = n;
                        }
                    }
                }
            }
            // An $in: the union of what the index gives for each of its values (a batch's ids by the _id index).
            for (QueryNarrowing.In in : ins) {
                int sum = sizeOfAll(index, in);
                if (sum >= 0 && sum < fewest) {
                    best = index;
                    bestIn = in;
                    bestPrefix = null;
                    fewest = sum;
                }
            }
        }
        if (best == null) {
            return null;
        }
        if (bestPrefix != null) {
            return ((EqualityIndex<Object>) best).positionsWithPrefix(bestPrefix.prefix());
        }
        if (bestIn == null) {
            return positions(best, equalities);
        }
        java.util.Set<Object> union = new java.util.LinkedHashSet<>();
        for (QueryNarrowing.Equality alternative : bestIn.alternatives()) {
            union.addAll(positions(best, List.of(alternative)));
        }
        return union;
    }

    /** How many positions the index gives for all the values of the {@code $in} together, or -1 when it cannot. */
    private static int sizeOfAll(Index<Object> index, QueryNarrowing.In in) {
        int sum = 0;
        for (QueryNarrowing.Equality alternative : in.alternatives()) {
            int size = size(index, List.of(alternative));
            if (size < 0) {
                return -1;
            }
            sum += size;
        }
        return sum;
    }

    /** How many positions {@link #positions} would give for this index, or -1 when it cannot narrow the query. */
    private static int size(Index<Object> index, List<QueryNarrowing.Equality> equalities) {
        if (index instanceof EqualityIndex<Object> equalityIndex) {
            Object value = indexableValueOf(equalityIndex.field(), equalities);
            return value == null ? -1 : equalityIndex.countOf(value);
        }
        if (index instanceof PrefixedUniqueIndex prefixed) {
            Collection<Object> all = positions(prefixed.unique(), equalities);
            if (all != null) {
                return all.size();
            }
            Object value = indexableValueOf(prefixed.prefixField(), equalities);
            return value == null ? -1 : prefixed.prefixCount(value);
        }
        Collection<Object> positions = positions(index, equalities); // a unique index: one document at most
        return positions == null ? -1 : positions.size();
    }

    /** The value an equality of the query gives {@code field}, when an index can look it up; else null. */
    private static Object indexableValueOf(String field, List<QueryNarrowing.Equality> equalities) {
        for (QueryNarrowing.Equality e : equalities) {
            if (e.field().equals(field) && EqualityIndex.indexable(e.value())) {
                return e.value();
            }
        }
        return null;
    }

    private static Collection<Object> positions(Index<Object> index, List<QueryNarrowing.Equality> equalities) {
        if (index instanceof EqualityIndex<Object> equalityIndex) {
            for (QueryNarrowing.Equality e : equalities) {
                if (e.field().equals(equalityIndex.field()) && EqualityIndex.indexable(e.value())) {
                    return equalityIndex.positionsOf(e.value());
                }
            }
            return null;
        }
        if (index instanceof PrefixedUniqueIndex prefixed) {
            Collection<Object> all = positions(prefixed.unique(), equalities);
            if (all != null) {
                return all;
            }
            for (QueryNarrowing.Equality e : equalities) {
                if (e.field().equals(prefixed.prefixField()) && EqualityIndex.indexable(e.value())) {
                    return prefixed.prefixPositions(e.value());
                }
            }
            return null;
        }
        if (index instanceof AbstractUniqueIndex<Object>) {
            Document keyQuery = new Document();
            for (IndexKey key : index.getKeys()) {
                Object value = valueOf(key.getKey(), equalities);
                boolean wholeDocument = value instanceof Document && index.getKeys().size() == 1;
                if (!EqualityIndex.indexable(value) && !wholeDocument) {
                    return null;
                }
                keyQuery.put(key.getKey(), value);
            }
            if (!index.canHandle(keyQuery)) {
                return null;
            }
            List<Object> positions = new ArrayList<>();
            for (Object position : index.getPositions(keyQuery)) {
                positions.add(position);
            }
            return positions;
        }
        return null;
    }

    private static Object valueOf(String field, List<QueryNarrowing.Equality> equalities) {
        for (QueryNarrowing.Equality e : equalities) {
            if (e.field().equals(field)) {
                return e.value();
            }
        }
        return null;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Iterable<Object> positions, Document orderBy,
                                         int numberToSkip, int limit, int batchSize, Document fieldSelector) {
        List<Document> documents = new ArrayList<>();
        for (Object position : positions) {
            Document document = getDocument(position);
            if (document != null) {
                documents.add(document);
            }
        }
        return matchDocumentsFromStream(documents.stream(), query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult matchDocumentsFromStream(Document query, Stream<Document> documentStream,
                                                   int numberToSkip, int limit, int batchSize,
                                                   Comparator<Document> documentComparator,
                                                   Document fieldSelector) {
        // Match against the stored documents, then copy only the ones that matched; the rest
        // (sorting, skip, limit, projection) works on the copies, with a query that matches all.
        Stream<Document> copies = documentStream
                .filter(Objects::nonNull)
                .filter(document -> documentMatchesQuery(document, query))
                .map(Document::cloneDeeply);
        return super.matchDocumentsFromStream(new Document(), copies, numberToSkip, limit, batchSize,
                documentComparator, fieldSelector);
    }
}
