package cn.sunshine.platform.test.app;

import cn.sunshine.platform.progress.Tallies;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a province's figure costs over 100,000 aggregates on the embedded store: the scan the progress endpoints
 * used to make (a division prefix and the figure's rule, every document read) against the sum of the tallies.
 * Prints its figures (docs/performance.md); asserts only that both give the same answer. Run on demand:
 * {@code ./mvnw -B -o -pl platform/platform-starter,platform/platform-test verify -Dtest=ProgressTalliesBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dsunshine.benchmark=true}.
 */
@SunshineServiceTest
@EnabledIfSystemProperty(named = "sunshine.benchmark", matches = "true")
class ProgressTalliesBenchmark {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Tallies tallies;

    @Test
    void aProvinceFigureOver100000Aggregates() {
        int n = Integer.getInteger("sunshine.benchmark.aggregates", 100_000);
        String province = "43";  // a province of its own: the other tests' parcels are elsewhere
        java.util.Set<String> allKeys = new java.util.LinkedHashSet<>();
        long t0 = System.nanoTime();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String county = province + String.format("%04d", 100 + i % 42);
            Parcel p = Parcel.register(county, 100 + i % 7);
            List<String> k = tallies.keysOf(p);
            allKeys.addAll(k);
            batch.add(new Document("_id", p.getId()).append("division", county).append("weightFen", 100L + i % 7)
                    .append("flagged", i % 10 == 0).append("version", 0L).append(Tallies.FIELD, k));
            if (batch.size() == 5_000) {
                mongo.insert(batch, "parcels");
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            mongo.insert(batch, "parcels");
        }
        long loaded = System.nanoTime();
        tallies.markStale(new ArrayList<>(allKeys));
        tallies.refresh("parcels.flagged");
        long counted = System.nanoTime();

        long scanStart = System.nanoTime();
        long scanned = mongo.count(Query.query(Criteria.where("division").regex("^" + province).and("flagged").is(true)), "parcels");
        long scanMs = (System.nanoTime() - scanStart) / 1_000_000;
        long sumStart = System.nanoTime();
        long summed = tallies.sum("parcels.flagged", province, "2026", "2026");
        long sumMs = (System.nanoTime() - sumStart) / 1_000_000;
        long againStart = System.nanoTime();
        tallies.sum("parcels.flagged", province, "2026", "2026");
        long againMs = (System.nanoTime() - againStart) / 1_000_000;

        System.out.printf("%n%,d aggregates in 42 counties (loaded in %d s; every tally recounted from them in %d s):%n"
                        + "  the scan (division prefix and rule, every document read): %d ms -> %d%n"
                        + "  the sum of %d tallies: %d ms (again: %d ms) -> %d%n%n", n, (loaded - t0) / 1_000_000_000,
                (counted - loaded) / 1_000_000_000, scanMs, scanned, allKeys.size() / 2, sumMs, againMs, summed);
        assertThat(summed).isEqualTo(scanned).isEqualTo(n / 10);
    }
}
