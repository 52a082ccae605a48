package cn.sunshine.embedded.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend with {@link IndexedH2Database}s: reads return copies, queries use
 * the indexes (unique and non-unique), as on MongoDB. {@link #inMemory()} for tests; a file for the
 * local run. Documents are written to the file as BSON ({@link DocumentDataType}) and every index is
 * kept in memory, rebuilt from the documents when the file opens ({@link HeapUniqueIndex},
 * {@link EqualityIndex}). A data file of the stock backend opens unchanged; once written here, it is
 * this backend's (the stock one cannot read a BSON document).
 *
 * <p>{@code narrowing=false} keeps the stock planner (every query but an exact {@code {_id}} scans);
 * the copies and the secondary indexes stay. Only for comparing the two (the benchmark, the test
 * that narrowed and unnarrowed queries return the same documents).
 */
public class IndexedH2Backend extends H2Backend {

    private final MVStore store;
    private final boolean narrowing;

    private IndexedH2Backend(MVStore store, boolean narrowing) {
        super(store);
        this.store = store;
        this.narrowing = narrowing;
    }

    /** An in-memory store (nothing on disk), narrowing queries through the indexes. */
    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(MVStore.open(null), true);
    }

    /** An in-memory store; {@code narrowing=false} for the stock planner (comparisons only). */
    public static IndexedH2Backend inMemory(boolean narrowing) {
        return new IndexedH2Backend(MVStore.open(null), narrowing);
    }

    /**
     * A store in the MVStore file {@code fileName}, kept across restarts, with a page cache of a quarter of the
     * heap ({@link #cacheMegabytes()}).
     */
    public static IndexedH2Backend file(String fileName) {
        return new IndexedH2Backend(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes()).open(), true);
    }

    /**
     * The page cache, in MB: a quarter of the JVM's maximum heap, at least H2's default of 16. The default alone
     * held a few thousand trainees' documents: past it, a province's year read most pages back from the file.
     */
    static int cacheMegabytes() {
        return (int) Math.max(16, Runtime.getRuntime().maxMemory() / 4 / (1024 * 1024));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, store != null ? store : getMvStore(), getCursorRegistry(),
                store != null ? narrowing : true);
    }
}
