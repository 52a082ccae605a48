package cn.sunshine.embedded.bench;

import cn.sunshine.embedded.mongo.IndexedH2Backend;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * What a conditional update ({@code _id} + {@code version}, the optimistic lock of every aggregate
 * save) and a find by an indexed field cost on the embedded MongoDB-wire server, at 1k, 10k and 100k
 * documents, through the MongoDB driver on a loopback port of its own — with the indexed backend and
 * with the stock planner (every query but an exact {@code {_id}} scans). Prints figures; asserts
 * nothing. Run (docs/performance.md):
 *
 * <pre>
 * ./mvnw -B -o -q test-compile -pl tools/embedded-infra -am
 * ./mvnw -B -o -q exec:java -pl tools/embedded-infra -Dexec.classpathScope=test \
 *     -Dexec.mainClass=cn.sunshine.embedded.bench.StoreBenchmark [-Dexec.args="1000 10000 100000"]
 * </pre>
 */
public final class StoreBenchmark {

    private static final int PER_VALUE = 10; // documents per value of the indexed field: a find returns 10

    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[]{1_000, 10_000, 100_000};
        System.out.printf(Locale.ROOT, "embedded MongoDB-wire store, %d documents per indexed value; %d CPUs; java %s%n",
                PER_VALUE, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-10s %9s %14s %14s %14s %14s%n", "planner", "documents",
                "update p50 µs", "update mean µs", "find p50 µs", "find mean µs");
        for (boolean narrowing : new boolean[]{true, false}) {
            for (int n : sizes) {
                run(narrowing, n);
            }
        }
    }

    private static void run(boolean narrowing, int n) {
        MongoServer server = new MongoServer(IndexedH2Backend.inMemory(narrowing));
        server.bind("127.0.0.1", 0);
        String address = server.getLocalAddress().getHostString() + ":" + server.getLocalAddress().getPort();
        try (MongoClient client = MongoClients.create("mongodb://" + address)) {
            MongoCollection<Document> c = client.getDatabase("bench").getCollection("ledgers");
            c.createIndex(Indexes.ascending("division"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                batch.add(new Document("_id", "ledger-" + i).append("version", 0L)
                        .append("division", "d-" + (i / PER_VALUE)).append("allocated", 0).append("remaining", 1000)
                        .append("note", "a ledger of the benchmark, with a little text to carry"));
                if (batch.size() == 1000) {
                    c.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                c.insertMany(batch);
            }
            long[] versions = new long[n];
            Random random = new Random(7);
            // The stock planner at 100k takes tens of ms an operation: fewer of them, same warm-up share.
            int ops = narrowing ? 2000 : Math.max(20, Math.min(2000, 2_000_000 / n));
            int warmup = ops / 2;
            long[] updates = new long[ops];
            long[] finds = new long[ops];
            for (int k = 0; k < warmup + ops; k++) {
                int i = random.nextInt(n);
                long t0 = System.nanoTime();
                var r = c.updateOne(Filters.and(Filters.eq("_id", "ledger-" + i), Filters.eq("version", versions[i])),
                        Updates.combine(Updates.inc("allocated", 1), Updates.inc("remaining", -1), Updates.set("version", versions[i] + 1)));
                long t1 = System.nanoTime();
                if (r.getModifiedCount() != 1) {
                    throw new IllegalStateException("conditional update missed ledger-" + i);
                }
                versions[i]++;
                List<Document> found = c.find(Filters.eq("division", "d-" + random.nextInt(n / PER_VALUE))).into(new ArrayList<>());
                long t2 = System.nanoTime();
                if (found.size() != PER_VALUE) {
                    throw new IllegalStateException("indexed find returned " + found.size());
                }
                if (k >= warmup) {
                    updates[k - warmup] = t1 - t0;
                    finds[k - warmup] = t2 - t1;
                }
            }
            System.out.printf(Locale.ROOT, "%-10s %9d %14.0f %14.0f %14.0f %14.0f%n", narrowing ? "indexed" : "stock", n,
                    p50(updates) / 1e3, mean(updates) / 1e3, p50(finds) / 1e3, mean(finds) / 1e3);
        } finally {
            server.shutdownNow();
        }
    }

    private static double p50(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double mean(long[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    private StoreBenchmark() {
    }
}
