package cn.sunshine.platform.test.app;

import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.progress.Tallies;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress tallies: a figure summed from per-division tallies equals what reading every aggregate gives, at once
 * after the writes (a sum recounts what is stale), under writes racing the recount, and for documents written
 * before they were tallied (the backfill).
 */
@SunshineServiceTest
class ProgressTalliesTest {

    @Autowired
    AggregateStore store;
    @Autowired
    Tallies tallies;
    @Autowired
    MongoTemplate mongo;

    private long scanFlagged(String prefix) {
        return mongo.count(Query.query(Criteria.where("division").regex("^" + prefix).and("flagged").is(true)), Parcel.class);
    }

    private long scanWeight(String prefix) {
        return mongo.find(Query.query(Criteria.where("division").regex("^" + prefix)), Parcel.class).stream()
                .mapToLong(p -> mongo.findById(p.getId(), org.bson.Document.class, "parcels").getLong("weightFen")).sum();
    }

    @Test
    void aFigureSummedFromTalliesEqualsTheScanEvenWhileWritesRaceTheRecount() throws Exception {
        String county = "4281" + (10 + (int) (Math.random() * 89));
        String other = county.substring(0, 4) + "99";
        List<Parcel> parcels = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            parcels.add(store.insert(Parcel.register(i < 45 ? county : other, 100 + i)));
        }
        assertThat(tallies.sum("parcels.weight", county, "2026", "2026")).isEqualTo(scanWeight(county));
        assertThat(tallies.sum("parcels.flagged", county, "2026", "2026")).isZero();

        // Flags written by eight threads while another recounts without pause: no write is lost, none counted twice.
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        try {
            Future<?> recounting = pool.submit(() -> {
                while (!stop.get()) {
                    tallies.refresh("parcels.flagged");
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int first = w;
                writers.add(pool.submit(() -> {
                    for (int i = first; i < 40; i += 8) {
                        // A guarded write through the store (no event: other tests count the flag events they send).
                        Parcel p = mongo.findById(parcels.get(i).getId(), Parcel.class);
                        assertThat(store.apply(p, new cn.sunshine.platform.outbox.GuardedWrite(
                                Criteria.where("flagged").is(false), new Update().set("flagged", true), "flag"))).isTrue();
                    }
                }));
            }
            for (Future<?> f : writers) {
                f.get();
            }
            stop.set(true);
            recounting.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(scanFlagged(county)).isEqualTo(40);
        assertThat(tallies.sum("parcels.flagged", county, "2026", "2026")).isEqualTo(40);
        assertThat(tallies.sum("parcels.flagged", county.substring(0, 4), "2026", "2026"))
                .as("a city: the sum of its counties").isEqualTo(scanFlagged(county.substring(0, 4)));
        assertThat(tallies.sum("parcels.flagged", county, "2027", "2027")).as("another year").isZero();

        // A parcel written before parcels were tallied (no keys on it): counted once the backfill has given it keys.
        Parcel old = store.insert(Parcel.register(county, 5_000));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(old.getId())),
                new Update().unset(Tallies.FIELD).set("flagged", true), Parcel.class);
        assertThat(tallies.backfill()).isPositive();
        assertThat(tallies.rebuild()).as("every key recounted from the documents").isPositive();
        assertThat(tallies.sum("parcels.flagged", county, "2026", "2026")).isEqualTo(41);
        assertThat(tallies.sum("parcels.weight", county, "2026", "2026")).isEqualTo(scanWeight(county));
    }
}
