package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * An H2 database whose collections are {@link IndexedH2Collection}s, whose documents are stored as BSON
 * ({@link DocumentDataType}), whose unique indexes are hash maps in memory ({@link HeapUniqueIndex}) and
 * whose non-unique indexes exist ({@link EqualityIndex}) instead of being ignored with a warning; every
 * index is rebuilt from the documents when the store is opened.
 */
public class IndexedH2Database extends H2Database {

    /** The store, for the collections the super constructor already opens (before our fields are set). */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> OPENING_NARROWING = new ThreadLocal<>();

    private final MVStore store;
    private final boolean narrowing;

    static IndexedH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry, boolean narrowing) {
        OPENING.set(store);
        OPENING_NARROWING.set(narrowing);
        try {
            return new IndexedH2Database(databaseName, store, cursorRegistry, narrowing);
        } finally {
            OPENING.remove();
            OPENING_NARROWING.remove();
        }
    }

    private IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry, boolean narrowing) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
        this.narrowing = narrowing;
    }

    private MVStore store() {
        return store != null ? store : OPENING.get();
    }

    private boolean narrowing() {
        return store != null ? narrowing : Boolean.TRUE.equals(OPENING_NARROWING.get());
    }

    /**
     * An {@code aggregate} command whose pipeline starts with a {@code $match} runs with that match as a hint
     * to its collection ({@link IndexedH2Collection#queryAllAsStream()}), which narrows it through an index.
     */
    @Override
    public Document handleCommand(io.netty.channel.Channel channel, String command, Document query,
                                  de.bwaldvogel.mongo.backend.DatabaseResolver resolver, de.bwaldvogel.mongo.oplog.Oplog oplog) {
        Document match = narrowing() && "aggregate".equalsIgnoreCase(command) ? leadingMatch(query) : null;
        if (match == null || !(query.get("aggregate") instanceof String collection)) {
            return super.handleCommand(channel, command, query, resolver, oplog);
        }
        IndexedH2Collection.AGGREGATION_MATCH.set(new IndexedH2Collection.AggregationMatch(getDatabaseName(), collection, match));
        try {
            return super.handleCommand(channel, command, query, resolver, oplog);
        } finally {
            IndexedH2Collection.AGGREGATION_MATCH.remove();
        }
    }

    private static Document leadingMatch(Document command) {
        if (command.get("pipeline") instanceof List<?> stages && !stages.isEmpty() && stages.get(0) instanceof Document first
                && first.size() == 1 && first.get("$match") instanceof Document match && !match.isEmpty()) {
            return match;
        }
        return null;
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        // The same map names as H2Database, so that a data file written by the stock backend opens here.
        String fullCollectionName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = store().openMap("databases." + fullCollectionName,
                new MVMap.Builder<Object, Document>().valueType(new DocumentDataType()));
        MVMap<String, Object> metaMap = store().openMap("meta." + fullCollectionName);
        return new IndexedH2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry, narrowing());
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        Index<Object> unique = narrowing() ? heapUniqueIndex(collectionName, indexName, keys, sparse)
                : super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
        if (keys.size() < 2) {
            return unique;
        }
        // A compound unique index also answers an equality on its first key (an index prefix).
        return new PrefixedUniqueIndex(unique, new EqualityIndex<>(indexName + "#prefix", keys, sparse,
                document -> Utils.getSubdocumentValue(document, "_id")), sparse);
    }

    /**
     * A unique index in memory ({@link HeapUniqueIndex}), filled from the documents as the collection opens.
     * The stock backend kept it as a map in the file: a file written before holds that map, which is
     * removed, so that nothing stale is left in the file (a stock backend opening it later finds no index
     * and builds it from the documents).
     */
    private Index<Object> heapUniqueIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        String storedName = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
        if (store().hasMap(storedName)) {
            store().removeMap(storedName);
        }
        return new HeapUniqueIndex(indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
        return new EqualityIndex<>(indexName, keys, sparse, document -> Utils.getSubdocumentValue(document, "_id"));
    }
}
