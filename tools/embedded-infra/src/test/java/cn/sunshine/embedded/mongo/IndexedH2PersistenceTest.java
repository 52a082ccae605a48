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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The devstack keeps its store in a file across restarts: what was written before a restart is
 * found after it, through every kind of index (the {@code _id}, a compound unique index and its
 * first key, a non-unique index), as it was found before. Only the documents are kept in the file;
 * every index is rebuilt from them when the store opens.
 */
class IndexedH2PersistenceTest {

    private static final String[] DIVISIONS = {"420900", "420981", "420982", "420984"};
    private static final String[] STATUSES = {"OPEN", "CLOSED"};

    @TempDir
    Path dir;

    /** Opens the store in the file, lets {@code work} use a collection of it, and closes it as the devstack does. */
    private void withLedgers(Path file, Consumer<MongoCollection<Document>> work) {
        withLedgers(IndexedH2Backend.file(file.toString()), work);
    }

    private void withLedgers(de.bwaldvogel.mongo.MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", 0);
        var a = server.getLocalAddress();
        try (MongoClient client = MongoClients.create("mongodb://" + a.getHostString() + ":" + a.getPort())) {
            work.accept(client.getDatabase("accreditation").getCollection("quota_ledgers"));
        } finally {
            server.shutdown(); // closes the backend, which writes and closes the file
        }
    }

    private static List<Document> ledgers() {
        List<Document> list = new ArrayList<>();
        int n = 0;
        for (String division : DIVISIONS) {
            for (int year = 2022; year <= 2026; year++) {
                list.add(new Document("_id", "L-" + division + "-" + year)
                        .append("divisionCode", division)
                        .append("year", year)
                        .append("status", STATUSES[n % 2])
                        .append("total", 100 * (n + 1))
                        .append("version", 0));
                n++;
            }
        }
        return list;
    }

    private record Check(String name, Bson query, Predicate<Document> matches) {
    }

    private static List<Check> checks() {
        return List.of(
                new Check("by _id", Filters.eq("_id", "L-420981-2024"), d -> d.get("_id").equals("L-420981-2024")),
                new Check("by the unique key", Filters.and(Filters.eq("divisionCode", "420982"), Filters.eq("year", 2025)),
                        d -> d.get("divisionCode").equals("420982") && d.getInteger("year") == 2025),
                new Check("by the unique key's first field", Filters.eq("divisionCode", "420981"),
                        d -> d.get("divisionCode").equals("420981")),
                new Check("by the first field, in $and with a range", Filters.and(Filters.eq("divisionCode", "420984"), Filters.gte("year", 2024)),
                        d -> d.get("divisionCode").equals("420984") && d.getInteger("year") >= 2024),
                new Check("by a non-unique index", Filters.eq("status", "OPEN"), d -> d.get("status").equals("OPEN")),
                new Check("by a non-unique index and a range", Filters.and(Filters.eq("status", "CLOSED"), Filters.lt("total", 1200)),
                        d -> d.get("status").equals("CLOSED") && d.getInteger("total") < 1200),
                new Check("a range only", Filters.gte("year", 2025), d -> d.getInteger("year") >= 2025),
                new Check("everything", new Document(), d -> true));
    }

    /** Every check answers what a scan of {@code all} answers: the documents, sorted, paged and counted. */
    private static void assertFindsAsBefore(MongoCollection<Document> ledgers, List<Document> all, String when) {
        Comparator<Document> byYearDescThenDivision = Comparator.<Document>comparingInt(d -> d.getInteger("year")).reversed()
                .thenComparing(d -> d.getString("divisionCode"));
        for (Check check : checks()) {
            List<Document> expected = all.stream().filter(check.matches()).sorted(byYearDescThenDivision).toList();
            assertThat(expected).as("%s: the check finds something", check.name()).isNotEmpty();
            Bson sort = Sorts.orderBy(Sorts.descending("year"), Sorts.ascending("divisionCode"));
            assertThat(ledgers.find(check.query()).sort(sort).into(new ArrayList<>()))
                    .as("%s %s", when, check.name()).isEqualTo(expected);
            assertThat(ledgers.find(check.query()).sort(sort).skip(1).limit(2).into(new ArrayList<>()))
                    .as("%s %s, a page", when, check.name()).isEqualTo(expected.stream().skip(1).limit(2).toList());
            assertThat(ledgers.countDocuments(check.query())).as("%s %s, counted", when, check.name()).isEqualTo(expected.size());
        }
    }

    /** A collection whose indexes were declared before a restart and whose first documents come after it. */
    @Test
    void aCollectionWithIndexesButNoDocumentsBeforeARestartFillsItsIndexesAfterIt() {
        Path file = dir.resolve("mongo.mv");
        withLedgers(file, ledgers -> {
            ledgers.createIndex(Indexes.ascending("divisionCode", "year"), new IndexOptions().name("division_year").unique(true));
            ledgers.createIndex(Indexes.ascending("status"));
        });
        List<Document> all = ledgers();
        withLedgers(file, ledgers -> {
            ledgers.insertMany(all);
            assertFindsAsBefore(ledgers, all, "first written after the restart:");
        });
        withLedgers(file, ledgers -> assertFindsAsBefore(ledgers, all, "after one more restart:"));
    }

    @Test
    void whatWasWrittenBeforeARestartIsFoundAfterItThroughEveryIndex() {
        Path file = dir.resolve("mongo.mv");
        List<Document> all = ledgers();
        withLedgers(file, ledgers -> {
            ledgers.createIndex(Indexes.ascending("divisionCode", "year"), new IndexOptions().name("division_year").unique(true));
            ledgers.createIndex(Indexes.ascending("status"));
            ledgers.insertMany(all);
            assertFindsAsBefore(ledgers, all, "before the restart:");
        });

        withLedgers(file, ledgers -> {
            assertFindsAsBefore(ledgers, all, "after the restart:");

            // the indexes go on following writes after the restart
            ledgers.updateOne(Filters.eq("_id", "L-420981-2024"), Updates.combine(Updates.set("status", "CLOSED"),
                    Updates.set("divisionCode", "420923"), Updates.inc("version", 1)));
            ledgers.insertOne(new Document("_id", "L-420981-2027").append("divisionCode", "420981").append("year", 2027)
                    .append("status", "OPEN").append("total", 50).append("version", 0));
            ledgers.deleteOne(Filters.eq("_id", "L-420982-2022"));
        });

        List<Document> changed = new ArrayList<>();
        for (Document d : all) {
            if (d.get("_id").equals("L-420982-2022")) {
                continue;
            }
            if (d.get("_id").equals("L-420981-2024")) {
                d = new Document(d).append("status", "CLOSED").append("divisionCode", "420923").append("version", 1);
            }
            changed.add(d);
        }
        changed.add(new Document("_id", "L-420981-2027").append("divisionCode", "420981").append("year", 2027)
                .append("status", "OPEN").append("total", 50).append("version", 0));
        withLedgers(file, ledgers -> {
            // a service's start declares its indexes again (Spring Data's auto-index-creation): they exist already
            ledgers.createIndex(Indexes.ascending("divisionCode", "year"), new IndexOptions().name("division_year").unique(true));
            ledgers.createIndex(Indexes.ascending("status"));
            assertFindsAsBefore(ledgers, changed, "after a second restart:");
            assertThat(ledgers.countDocuments(Filters.eq("divisionCode", "420923"))).isEqualTo(1);
            // the unique index still holds across the restarts
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledgers.insertOne(new Document("_id", "dup")
                            .append("divisionCode", "420981").append("year", 2027)))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
        });
    }

    /**
     * A data file of an earlier devstack (the stock backend: documents in Java serialization, unique indexes
     * in the file) opens: everything is found through every index, the unique index still refuses a duplicate,
     * and what changes is written as BSON and found again after another restart.
     */
    @Test
    void aDataFileOfTheStockBackendOpensAndGoesOnBeingWritten() {
        Path file = dir.resolve("mongo.mv");
        List<Document> all = ledgers();
        withLedgers(new de.bwaldvogel.mongo.backend.h2.H2Backend(file.toString()), ledgers -> {
            ledgers.createIndex(Indexes.ascending("divisionCode", "year"), new IndexOptions().name("division_year").unique(true));
            ledgers.createIndex(Indexes.ascending("status"));
            ledgers.insertMany(all);
        });
        withLedgers(file, ledgers -> {
            assertFindsAsBefore(ledgers, all, "the stock backend's file:");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledgers.insertOne(new Document("_id", "dup")
                            .append("divisionCode", "420981").append("year", 2024)))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledgers.insertOne(new Document("_id", "L-420981-2024")))
                    .isInstanceOf(com.mongodb.MongoWriteException.class);
            ledgers.updateOne(Filters.eq("_id", "L-420984-2026"), Updates.combine(Updates.set("status", "OPEN"), Updates.inc("version", 1)));
        });
        List<Document> changed = all.stream().map(d -> d.get("_id").equals("L-420984-2026")
                ? new Document(d).append("status", "OPEN").append("version", 1) : d).toList();
        withLedgers(file, ledgers -> assertFindsAsBefore(ledgers, changed, "rewritten, after a restart:"));
    }
}
