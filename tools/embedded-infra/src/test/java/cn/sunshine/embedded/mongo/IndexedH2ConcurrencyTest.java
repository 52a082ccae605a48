package cn.sunshine.embedded.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers and writers on separate connections at once, as the services' tests and the devstack
 * have them (event consumers writing while a request counts and pages): the indexes are shared
 * state, and no read may see one half-changed. A count ({@code countDocuments} is an aggregation
 * whose leading {@code $match} the collection narrows, the {@code count} command another path)
 * once read an index's position set while a writer grew it, and failed inside the server with an
 * {@code ArrayIndexOutOfBoundsException}.
 */
class IndexedH2ConcurrencyTest {

    private static final String[] CLASSES = {"c-1", "c-2", "c-3", "c-4"};
    private static final int PRELOADED = 4000;
    private static final int COHORTS = 40;
    private static final int WRITERS = 2;
    private static final int READERS = 3;
    private static final long RUN_MILLIS = 3000;

    private IndexedH2Backend backend;
    private MongoServer server;
    private final List<MongoClient> clients = new ArrayList<>();

    @BeforeEach
    void start() {
        backend = IndexedH2Backend.inMemory();
        server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        server.shutdownNow();
    }

    /** Its own connection pool per thread, so that the server serves them on different threads. */
    private com.mongodb.client.MongoDatabase database() {
        var a = server.getLocalAddress();
        MongoClient client = MongoClients.create("mongodb://" + a.getHostString() + ":" + a.getPort());
        synchronized (clients) {
            clients.add(client);
        }
        return client.getDatabase("t");
    }

    /** The collection with a non-unique index, a compound unique one (and so its prefix) and its documents. */
    private MongoCollection<Document> preloaded() {
        MongoCollection<Document> placements = database().getCollection("placements");
        placements.createIndex(Indexes.ascending("classId"));
        placements.createIndex(Indexes.ascending("cohort", "seq"), new IndexOptions().unique(true));
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < PRELOADED; i++) {
            documents.add(document("p-" + i, i));
        }
        placements.insertMany(documents);
        return placements;
    }

    @Test
    void countsAndPagesOnIndexedFieldsStayCorrectWhileOthersWrite() throws Exception {
        MongoCollection<Document> setup = preloaded();

        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(WRITERS + READERS);
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> futures = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            futures.add(pool.submit(loop(ready, stop, failures, () -> {
                MongoCollection<Document> c = database().getCollection("placements");
                AtomicInteger next = new AtomicInteger();
                return () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    int n = PRELOADED + writer * 1_000_000 + next.getAndIncrement();
                    c.insertOne(document("w" + writer + "-" + n, n));
                    // moves documents from one class to another: out of one position set, into another
                    c.updateOne(Filters.eq("_id", "p-" + random.nextInt(PRELOADED)),
                            Updates.combine(Updates.set("classId", CLASSES[random.nextInt(CLASSES.length)]), Updates.inc("version", 1)));
                    c.updateMany(Filters.eq("cohort", "k-" + random.nextInt(COHORTS)),
                            Updates.combine(Updates.set("classId", CLASSES[random.nextInt(CLASSES.length)]), Updates.inc("version", 1)));
                    if (n % 3 == 0) {
                        c.deleteOne(Filters.eq("_id", "w" + writer + "-" + (n - 1)));
                    }
                    writes.incrementAndGet();
                };
            })));
        }
        for (int r = 0; r < READERS; r++) {
            futures.add(pool.submit(loop(ready, stop, failures, () -> {
                com.mongodb.client.MongoDatabase database = database();
                MongoCollection<Document> c = database.getCollection("placements");
                return () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    String classId = CLASSES[random.nextInt(CLASSES.length)];
                    long count = c.countDocuments(Filters.eq("classId", classId));
                    List<Document> page = c.find(Filters.eq("classId", classId)).sort(Sorts.descending("seq"))
                            .skip(5).limit(20).into(new ArrayList<>());
                    Document byCommand = database.runCommand(
                            new Document("count", "placements").append("query", new Document("classId", classId)));
                    long byCohort = c.countDocuments(Filters.eq("cohort", "k-" + random.nextInt(COHORTS)));
                    assertThat(count).isNotNegative();        // a class may (rarely) have lost all its documents
                    assertThat(byCommand.get("n", Number.class).longValue()).isNotNegative();
                    assertThat(byCohort).isGreaterThanOrEqualTo(PRELOADED / COHORTS); // a cohort's preloaded ones stay
                    assertThat(page).hasSizeLessThanOrEqualTo(20).allSatisfy(d -> assertThat(d.get("classId")).isEqualTo(classId));
                    for (int k = 1; k < page.size(); k++) {
                        assertThat(page.get(k - 1).getInteger("seq")).isGreaterThan(page.get(k).getInteger("seq"));
                    }
                    reads.incrementAndGet();
                };
            })));
        }
        Thread.sleep(RUN_MILLIS);
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : futures) {
            f.get();
        }
        assertThat(failures).as("failures under concurrent reads and writes").isEmpty();
        assertThat(reads.get()).isPositive();
        assertThat(writes.get()).isPositive();

        // and the indexes still agree with the documents
        for (String classId : CLASSES) {
            long scanned = setup.find().into(new ArrayList<>()).stream().filter(d -> classId.equals(d.get("classId"))).count();
            assertThat(setup.countDocuments(Filters.eq("classId", classId))).as(classId).isEqualTo(scanned);
        }
    }

    /**
     * The same race without the wire, so that it is met within a second rather than by luck: the
     * server's own entry points — {@code count} (the {@code count} command), {@code queryAllAsStream}
     * with an aggregation's leading {@code $match} ({@code countDocuments}), an update moving many
     * documents between index keys — called from threads at once, as the server's worker threads do.
     */
    @Test
    void theServersCountPathsReadTheIndexesOnlyUnderTheCollectionsLock() throws Exception {
        preloaded();
        IndexedH2Collection collection = (IndexedH2Collection) backend.resolveDatabase("t").resolveCollection("placements", true);

        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger reads = new AtomicInteger();
        CountDownLatch ready = new CountDownLatch(1 + READERS);
        ExecutorService pool = Executors.newFixedThreadPool(1 + READERS);
        List<Future<?>> futures = new ArrayList<>();
        futures.add(pool.submit(loop(ready, stop, failures, () -> () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            collection.updateDocuments(new de.bwaldvogel.mongo.bson.Document("cohort", "k-" + random.nextInt(COHORTS)),
                    new de.bwaldvogel.mongo.bson.Document("$set", new de.bwaldvogel.mongo.bson.Document("classId",
                            CLASSES[random.nextInt(CLASSES.length)])),
                    de.bwaldvogel.mongo.backend.ArrayFilters.empty(), true, false, de.bwaldvogel.mongo.oplog.NoopOplog.get());
        })));
        for (int r = 0; r < READERS; r++) {
            boolean aggregation = r % 2 == 0;
            futures.add(pool.submit(loop(ready, stop, failures, () -> () -> {
                String classId = CLASSES[ThreadLocalRandom.current().nextInt(CLASSES.length)];
                de.bwaldvogel.mongo.bson.Document match = new de.bwaldvogel.mongo.bson.Document("classId", classId);
                long count;
                if (aggregation) {
                    IndexedH2Collection.AGGREGATION_MATCH.set(new IndexedH2Collection.AggregationMatch("t", "placements", match));
                    try {
                        count = collection.queryAllAsStream().count();
                    } finally {
                        IndexedH2Collection.AGGREGATION_MATCH.remove();
                    }
                } else {
                    count = collection.count(match, 0, 1);
                }
                assertThat(count).isNotNegative();
                reads.incrementAndGet();
            })));
        }
        long deadline = System.currentTimeMillis() + RUN_MILLIS;
        while (System.currentTimeMillis() < deadline && failures.isEmpty()) {
            Thread.sleep(20);
        }
        stop.set(true);
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        for (Future<?> f : futures) {
            f.get();
        }
        assertThat(failures).as("failures under concurrent counts and updates").isEmpty();
        assertThat(reads.get()).isPositive();
    }

    private static Document document(String id, int n) {
        return new Document("_id", id)
                .append("classId", CLASSES[n % CLASSES.length])
                .append("cohort", "k-" + (n % COHORTS))
                .append("seq", n)
                .append("version", 0)
                .append("rate", (n % 100) / 100.0);
    }

    private static Callable<Void> loop(CountDownLatch ready, AtomicBoolean stop, ConcurrentLinkedQueue<Throwable> failures,
                                       Callable<Runnable> setUp) {
        return () -> {
            Runnable step = setUp.call();
            ready.countDown();
            ready.await();
            while (!stop.get() && failures.isEmpty()) {
                try {
                    step.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }
            return null;
        };
    }
}
