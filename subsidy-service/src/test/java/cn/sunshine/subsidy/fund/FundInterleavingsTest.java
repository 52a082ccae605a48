package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property over random interleavings of every money movement on one fund, run concurrently by four
 * threads against the service's store (seeded: a failing seed replays): deposits recorded and confirmed,
 * commitments (some with a per-base limit), releases of whole claims and of lines, recovery credits, each
 * also repeated. Whatever the interleaving, the fund's identities hold — available + committed =
 * deposited + recovered, committed = Σ commitments, available ≥ 0 — every claim is committed at most
 * once, every release key applied at most once and only against a commitment, and the per-base totals
 * add up to what is committed.
 */
@SunshineServiceTest
class FundInterleavingsTest extends ServiceTestSupport {

    @Autowired
    Funds funds;
    @Autowired
    AggregateStore store;
    @Autowired
    MongoTemplate mongo;

    private static final Instant T = Instant.parse("2026-06-30T02:00:00Z");
    private static final String[] BASES = {"base-a", "base-b", "base-c"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void theFundsIdentitiesHoldWhateverTheInterleaving(long seed) throws Exception {
        String county = "420981";
        int year = 2100 - (int) seed; // a fund of its own per seed
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(Fund.key(county, year))), Fund.class);
        store.insert(Fund.open(county, year));

        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Random random = new Random(seed * 31 + t);
            threads.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < 40; i++) {
                    step(random, county, year);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : threads) {
            f.get();
        }
        pool.shutdown();

        Fund f = funds.find(county, year);
        assertThat(f.brokenIdentities()).as("seed " + seed).isEmpty();
        Map<String, Integer> positive = new HashMap<>();
        Map<String, Integer> releases = new HashMap<>();
        Map<String, Long> perBase = new HashMap<>();
        for (Fund.Commitment c : f.getCommitments()) {
            if (c.amountFen() > 0) {
                positive.merge(c.claimId(), 1, Integer::sum);
            } else {
                releases.merge(c.releaseKey(), 1, Integer::sum);
                assertThat(positive).as("a release follows its claim's commitment").containsKey(c.claimId());
            }
            perBase.merge(c.baseId(), c.amountFen(), Long::sum);
        }
        assertThat(positive.values()).as("each claim committed once").allMatch(n -> n == 1);
        assertThat(releases.values()).as("each release key once").allMatch(n -> n == 1);
        for (String base : BASES) {
            assertThat(f.committedToBase(base)).isEqualTo(perBase.getOrDefault(base, 0L));
        }
        assertThat(f.getAvailableFen()).isNotNegative();
        assertThat(f.getDeposits()).as("the run moved money: deposits confirmed").isNotEmpty();
        assertThat(positive).as("claims committed").isNotEmpty();
        assertThat(releases).as("releases made").isNotEmpty();
        assertThat(f.getRecoveries()).as("recoveries credited").isNotEmpty();
    }

    /** One random money movement (or a repeat of one): what it answers does not matter, what it leaves does. */
    private void step(Random random, String county, int year) {
        int claim = random.nextInt(12);
        String claimId = "claim-" + claim;
        String base = BASES[claim % BASES.length];
        long amount = (claim % 5 + 1) * 10_000L;
        try {
            switch (random.nextInt(6)) {
                case 0 -> {
                    int n = random.nextInt(6);
                    Fund f = funds.find(county, year);
                    store.apply(f, f.recordDeposit("dep-" + n, "CENTRAL", (n + 1) * 25_000L, "ref-" + n, "maker", T));
                }
                case 1 -> {
                    int n = random.nextInt(6);
                    Fund f = funds.find(county, year);
                    store.apply(f, f.confirmDeposit("dep-" + n, "ref-" + n, (n + 1) * 25_000L, "checker", T));
                }
                case 2 -> funds.commit(county, year, claimId, base, amount, random.nextBoolean() ? 60_000L : null,
                        "leader", "approved");
                case 3 -> funds.release(county, year, claimId, claimId, base, amount, "leader", "rejected");
                case 4 -> funds.creditRecovery(county, year, "rec-" + random.nextInt(4), base, 5_000L, "checker");
                default -> {
                    // A stopped line gives back part of a claim (at most once per line); then the rest may go.
                    String line = claimId + "/enr-" + random.nextInt(2);
                    funds.release(county, year, line, claimId, base, 1_000L, "system", "line stopped");
                }
            }
        } catch (cn.sunshine.platform.domain.DomainException refused) {
            // insufficient, decided meanwhile, not found: a clear refusal that changed nothing
        }
    }
}
