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
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backend's two promises: a query narrowed through an index returns exactly the documents the
 * stock planner's scan returns (same documents, same order), and a reader never sees a document
 * half updated by a concurrent writer.
 */
class IndexedH2BackendTest {

    private static final int DOCUMENTS = 3000;

    private static IndexedH2Backend narrowedBackend;
    private static MongoServer narrowedServer;
    private static MongoServer scanningServer;
    private static MongoClient narrowedClient;
    private static MongoClient scanningClient;
    private static MongoCollection<Document> narrowed;
    private static MongoCollection<Document> scanning;

    @BeforeAll
    static void load() {
        narrowedBackend = IndexedH2Backend.inMemory();
        narrowedServer = new MongoServer(narrowedBackend);
        scanningServer = new MongoServer(IndexedH2Backend.inMemory(false));
        narrowedClient = MongoClients.create("mongodb://" + address(narrowedServer));
        scanningClient = MongoClients.create("mongodb://" + address(scanningServer));
        narrowed = narrowedClient.getDatabase("t").getCollection("trainees");
        scanning = scanningClient.getDatabase("t").getCollection("trainees");
        List<Document> documents = documents();
        for (MongoCollection<Document> c : List.of(narrowed, scanning)) {
            c.createIndex(Indexes.ascending("division"));
            c.createIndex(Indexes.ascending("address.county"));
            c.createIndex(Indexes.ascending("tags"));
            c.createIndex(Indexes.ascending("classId", "seq"), new IndexOptions().unique(true));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("year"), Indexes.descending("status")));
            c.insertMany(documents);
        }
    }

    private static String address(MongoServer server) {
        server.bind("127.0.0.1", 0);
        var a = server.getLocalAddress();
        return a.getHostString() + ":" + a.getPort();
    }

    private static List<Document> documents() {
        Random random = new Random(42);
        String[] divisions = {"420981", "420982", "420984", "420923"};
        String[] statuses = {"ENROLLED", "COMPLETED", "PLACED", "WITHDRAWN"};
        List<Document> list = new ArrayList<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Object id = switch (i % 3) {
                case 0 -> "t-" + (DOCUMENTS - i);          // strings, not in insertion order
                case 1 -> (long) i;                          // numbers
                default -> new org.bson.types.ObjectId();
            };
            Document d = new Document("_id", id)
                    .append("division", divisions[random.nextInt(divisions.length)])
                    .append("year", 2024 + random.nextInt(3))
                    .append("status", statuses[random.nextInt(statuses.length)])
                    .append("classId", "c-" + (i / 50))
                    .append("seq", i % 50)
                    .append("version", random.nextInt(4))
                    .append("amount", random.nextInt(30000) / 100.0)
                    .append("address", new Document("county", divisions[random.nextInt(divisions.length)])
                            .append("village", "v" + random.nextInt(40)));
            if (i % 5 != 0) {
                d.append("tags", List.of("tier-" + (1 + random.nextInt(3)), i % 2 == 0 ? "even" : "odd"));
            }
            if (i % 7 == 0) {
                d.append("division", 420981); // the same county as a number: never equal to the string
            }
            if (i % 11 == 0) {
                d.append("year", 2025L);      // a long: equal to the int 2025
            }
            list.add(d);
        }
        return list;
    }

    @AfterAll
    static void stop() {
        narrowedClient.close();
        scanningClient.close();
        narrowedServer.shutdownNow();
        scanningServer.shutdownNow();
    }

    private static List<Bson> queries() {
        return List.of(
                Filters.eq("_id", "t-300"),
                Filters.eq("_id", 301L),
                Filters.eq("_id", 301),                                            // int finds the long
                Filters.and(Filters.eq("_id", 301L), Filters.eq("version", 1)),   // the optimistic lock
                Filters.and(Filters.eq("_id", "t-300"), Filters.eq("version", 99)),
                Filters.and(Filters.eq("_id", 4L), Filters.in("status", "ENROLLED", "PLACED")),
                new Document("$and", List.of(new Document("_id", 7L), new Document("$and", List.of(new Document("year", new Document("$gte", 2020))))))
                        .append("amount", new Document("$lt", 1000)),
                Filters.eq("division", "420981"),
                Filters.eq("division", 420981),
                Filters.eq("division", 420981.0),
                Filters.and(Filters.eq("division", "420982"), Filters.gte("amount", 100.0), Filters.lt("amount", 200.0)),
                Filters.and(Filters.eq("division", "420982"), Filters.or(Filters.eq("status", "PLACED"), Filters.eq("year", 2024))),
                Filters.or(Filters.eq("division", "420982"), Filters.eq("_id", 10L)),
                Filters.in("division", "420981", "420923"),
                Filters.eq("address.county", "420984"),
                Filters.and(Filters.eq("address.county", "420984"), Filters.eq("address.village", "v3")),
                Filters.eq("address", new Document("county", "420984").append("village", "v3")),
                Filters.eq("tags", "tier-2"),
                Filters.and(Filters.eq("tags", "tier-2"), Filters.eq("tags", "odd")),
                Filters.eq("tags", List.of("tier-2", "odd")),
                Filters.all("tags", List.of("tier-1", "even")),
                Filters.exists("tags", false),
                Filters.eq("tags", null),
                Filters.and(Filters.eq("classId", "c-7"), Filters.eq("seq", 12)),
                Filters.and(Filters.eq("classId", "c-7"), Filters.gt("seq", 40)),
                Filters.eq("classId", "c-9"),
                Filters.eq("year", 2025),
                Filters.and(Filters.eq("year", 2025), Filters.eq("status", "COMPLETED")),
                Filters.eq("status", new Document("$eq", "COMPLETED")),
                new Document("division", new Document("$eq", "420923")).append("version", new Document("$ne", 2)),
                Filters.regex("division", "^4209"),
                Filters.and(Filters.eq("division", "420981"), Filters.not(Filters.eq("status", "WITHDRAWN"))),
                Filters.nor(Filters.eq("division", "420981")),
                Filters.eq("division", "nowhere"),
                Filters.in("_id", "t-300", 301L, 7L, "nope"),                      // a batch's ids
                Filters.in("_id", 301, 302.0),                                      // numbers of other types
                Filters.and(Filters.in("_id", 4L, 5L, 6L, 40L), Filters.eq("status", "ENROLLED")),
                Filters.and(Filters.in("division", "420981", "420923"), Filters.eq("year", 2025)),
                Filters.in("tags", "tier-2", "odd"),                                // arrays hold the values
                Filters.in("classId", "c-7", "c-9"),                                // a unique index's prefix
                Filters.regex("division", "^4209"),                                 // prefixes: by the index's values in order
                Filters.regex("division", "^\\Q420981\\E"),
                Filters.regex("division", "^42098|23$"),                            // not a plain prefix: scanned
                Filters.regex("division", "^4209", "i"),
                Filters.regex("division", "^\\Q42\\E.*1$"),
                Filters.and(Filters.regex("address.county", "^42098"), Filters.eq("year", 2025)),
                Filters.regex("tags", "^tier-"),                                   // in arrays
                Filters.regex("division", "^5"),                                    // no value starts so
                Filters.in("_id", List.of()),                                       // matches nothing
                Filters.in("_id", "t-300", null),                                   // null: left to the matcher
                new Document());
    }

    @Test
    void narrowedQueriesReturnWhatTheScanReturns() {
        int nonEmpty = 0;
        for (Bson query : queries()) {
            List<Document> expected = scanning.find(query).into(new ArrayList<>());
            List<Document> actual = narrowed.find(query).into(new ArrayList<>());
            if (!actual.equals(expected)) {
                System.err.println("DIFF " + query + " expected " + expected.size() + " actual " + actual.size()
                        + " first: " + expected.stream().limit(3).map(d -> d.get("_id") + "").toList()
                        + " / " + actual.stream().limit(3).map(d -> d.get("_id") + "").toList());
                for (int k = 0; k < Math.min(actual.size(), expected.size()); k++) {
                    if (!actual.get(k).equals(expected.get(k))) {
                        System.err.println("DIFF at " + k + ": " + expected.get(k).toJson() + " vs " + actual.get(k).toJson());
                        break;
                    }
                }
            }
            assertThat(narrowed.find(query).into(new ArrayList<>())).as("find %s", query).isEqualTo(expected);
            assertThat(narrowed.find(query).sort(Sorts.descending("amount")).limit(17).into(new ArrayList<>()))
                    .as("sorted %s", query)
                    .isEqualTo(scanning.find(query).sort(Sorts.descending("amount")).limit(17).into(new ArrayList<>()));
            assertThat(narrowed.countDocuments(query)).as("count %s", query).isEqualTo(scanning.countDocuments(query));
            if (!expected.isEmpty()) {
                nonEmpty++;
            }
        }
        assertThat(nonEmpty).isGreaterThan(25);
    }

    @Test
    void narrowedUpdatesChangeWhatTheScanChanges() {
        List<Bson> selectors = List.of(
                Filters.and(Filters.eq("_id", 31L), Filters.eq("version", 0)),
                Filters.and(Filters.eq("_id", 31L), Filters.eq("version", 3)),
                Filters.eq("division", "420923"),
                Filters.and(Filters.eq("tags", "tier-3"), Filters.eq("address.county", "420982")));
        for (Bson selector : selectors) {
            for (MongoCollection<Document> c : List.of(narrowed, scanning)) {
                c.updateMany(selector, Updates.combine(Updates.inc("version", 10), Updates.set("touched", true)));
            }
            Bson touched = Filters.eq("touched", true);
            assertThat(narrowed.find(touched).into(new ArrayList<>())).as("after %s", selector)
                    .isEqualTo(scanning.find(touched).into(new ArrayList<>()));
            // an indexed field changed by an update is found under its new value only
            for (MongoCollection<Document> c : List.of(narrowed, scanning)) {
                c.updateMany(Filters.eq("touched", true), Updates.combine(Updates.set("division", "moved"), Updates.unset("touched")));
            }
            assertThat(narrowed.find(Filters.eq("division", "moved")).into(new ArrayList<>()))
                    .isEqualTo(scanning.find(Filters.eq("division", "moved")).into(new ArrayList<>()));
        }
        for (MongoCollection<Document> c : List.of(narrowed, scanning)) {
            c.deleteMany(Filters.eq("division", "moved"));
        }
        assertThat(narrowed.countDocuments(Filters.eq("division", "moved"))).isZero();
        assertThat(narrowed.find().into(new ArrayList<>())).isEqualTo(scanning.find().into(new ArrayList<>()));
    }

    @Test
    void anOptimisticLockQueryLooksAtOneDocument() {
        IndexedH2Collection c = (IndexedH2Collection) narrowedBackend.resolveDatabase("t").resolveCollection("trainees", false);
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("_id", 301L).append("version", 1))).hasSize(1);
        Collection<Object> byDivision = c.candidates(new de.bwaldvogel.mongo.bson.Document("division", "420984"));
        assertThat(byDivision).isNotNull().hasSizeLessThan(DOCUMENTS / 2);
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("classId", "c-9")))   // a unique index's prefix
                .isNotEmpty().hasSize((int) scanning.countDocuments(Filters.eq("classId", "c-9")));
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("classId", "c-9").append("seq", 3))).hasSizeLessThanOrEqualTo(1);
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("seq", 3))).isNull();    // not a prefix: a scan
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("amount", 12.0))).isNull(); // no index: a scan
        // a batch's ids: one candidate an id, whatever else the query holds
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("_id", new de.bwaldvogel.mongo.bson.Document("$in",
                List.of(301L, 304L, 307L, "none"))).append("status", "ENROLLED"))).hasSize(3);
        assertThat(c.candidates(new de.bwaldvogel.mongo.bson.Document("division", new de.bwaldvogel.mongo.bson.Document("$in",
                List.of("420984", "420923"))))).isNotNull().hasSize((int) scanning.countDocuments(Filters.in("division", "420984", "420923")));
    }

    /**
     * {@code countDocuments} and {@code exists} are aggregations on the server ({@code $match} first): one
     * whose match an index can narrow reads only its candidates, like a find; the rest still scan.
     */
    @Test
    void aCountByAnIndexedEqualityDoesNotScan() {
        IndexedH2Collection c = (IndexedH2Collection) narrowedBackend.resolveDatabase("t").resolveCollection("trainees", false);
        long before = c.fullScans();
        for (Bson query : List.of(Filters.and(Filters.eq("_id", 301L), Filters.exists("version")),
                Filters.eq("division", "420984"), Filters.and(Filters.eq("classId", "c-7"), Filters.gt("seq", 40)))) {
            assertThat(narrowed.countDocuments(query)).as("count %s", query).isEqualTo(scanning.countDocuments(query));
            assertThat(narrowed.find(query).limit(1).first() != null).isEqualTo(scanning.countDocuments(query) > 0);
        }
        assertThat(c.fullScans()).as("narrowed counts and finds scan nothing").isEqualTo(before);
        // an anchored regex of plain text (a division and everything below it) is narrowed by the index's values in order
        for (Bson query : List.of(Filters.regex("division", "^4209"), Filters.regex("division", "^\\Q42098\\E"),
                Filters.regex("tags", "^tier"))) {
            assertThat(narrowed.countDocuments(query)).as("count %s", query).isEqualTo(scanning.countDocuments(query));
        }
        assertThat(c.fullScans()).as("a count by a prefix scans nothing").isEqualTo(before);
        assertThat(narrowed.countDocuments(Filters.regex("division", "098")))
                .isEqualTo(scanning.countDocuments(Filters.regex("division", "098")));
        assertThat(c.fullScans()).as("a count no index can narrow scans").isGreaterThan(before);
    }

    /**
     * A ledger whose two halves always add up to 1,000 on every write; readers on other
     * connections must never see them not adding up (the stock memory backend's live documents did).
     */
    @Test
    void aReaderNeverSeesAHalfUpdatedDocument() throws Exception {
        MongoCollection<Document> ledgers = narrowedClient.getDatabase("t").getCollection("ledgers");
        ledgers.insertOne(new Document("_id", "L").append("allocated", 0).append("remaining", 1000).append("version", 0)
                .append("lines", new ArrayList<>()));
        AtomicBoolean stop = new AtomicBoolean();
        ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (MongoClient writerClient = MongoClients.create("mongodb://" + narrowedServer.getLocalAddress().getHostString()
                + ":" + narrowedServer.getLocalAddress().getPort())) {
            MongoCollection<Document> writer = writerClient.getDatabase("t").getCollection("ledgers");
            for (int r = 0; r < 2; r++) {
                pool.submit(() -> {
                    while (!stop.get()) {
                        Document d = ledgers.find(Filters.eq("_id", "L")).first();
                        int allocated = d.getInteger("allocated");
                        int remaining = d.getInteger("remaining");
                        int lines = d.getList("lines", Object.class).size();
                        if (allocated + remaining != 1000 || lines != d.getInteger("version") % 20) {
                            torn.add(d.toJson());
                        }
                    }
                    return null;
                });
            }
            for (int v = 0; v < 500; v++) {
                Document current = writer.find(Filters.eq("_id", "L")).first();
                int version = current.getInteger("version");
                int allocated = (version + 1) % 1000;
                List<Object> lines = new ArrayList<>(current.getList("lines", Object.class));
                if ((version + 1) % 20 == 0) {
                    lines.clear();
                } else {
                    lines.add(Map.of("n", version));
                }
                var result = writer.updateOne(Filters.and(Filters.eq("_id", "L"), Filters.eq("version", version)),
                        Updates.combine(Updates.set("allocated", allocated), Updates.set("remaining", 1000 - allocated),
                                Updates.set("lines", lines), Updates.set("version", version + 1)));
                assertThat(result.getModifiedCount()).isEqualTo(1);
            }
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(torn).isEmpty();
    }
}
