package cn.sunshine.platform.test.app;

import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.Outbox;
import cn.sunshine.platform.outbox.OutboxProperties;
import cn.sunshine.platform.outbox.OutboxRelay;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.SunshineServiceTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A relay's lease expiring under load (issue #16's fault): two relays (two replicas) publish one
 * service's outbox while four writers keep adding aggregates; one relay stalls after the broker confirmed
 * an event and before it took the event out of the outbox (a long GC pause, a frozen node) — longer than its
 * lease — so the other takes the document over and publishes the same events again. The outcome must be
 * what a consumer needs: every event published (none lost), each applied once by the consumer (duplicates
 * are dropped by event id), every outbox and lease empty at the end.
 */
@SunshineServiceTest
@TestPropertySource(properties = "sunshine.outbox.relay-enabled=false")
class RelayLeaseExpiryTest extends OutboxTestSupport {

    private static final int WRITERS = 4;
    private static final int PARCELS_PER_WRITER = 40;
    private static final int MAX_PARCELS_PER_WRITER = 400;
    private static final int STALLS = 3;
    private static final Duration LEASE = Duration.ofMillis(250);


    @Test
    void aStalledRelaysLeaseIsTakenOverAndNothingIsLostOrAppliedTwice() throws Exception {
        String division = "42" + (1000 + (int) (Math.random() * 8000));
        OutboxProperties shortLease = new OutboxProperties();
        shortLease.setLease(LEASE);
        shortLease.setRetryDelay(Duration.ofMillis(100));
        shortLease.setBatchSize(20);
        shortLease.setIndexGrace(Duration.ofMillis(500));

        try (EventTap tap = EventTap.open(messaging.getExchange())) {
            StallingTemplate stalling = new StallingTemplate(rabbit, tap);
            OutboxRelay slow = new OutboxRelay(mongo, stalling, messaging, shortLease, java.time.Clock.systemUTC(),
                    "platform-test-app", new SimpleMeterRegistry());
            OutboxRelay healthy = new OutboxRelay(mongo, rabbit, messaging, shortLease, java.time.Clock.systemUTC(),
                    "platform-test-app", new SimpleMeterRegistry());

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<String> parcels = java.util.Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<?>> relays = List.of(pool.submit(() -> relayUntil(slow, writing, parcels)),
                        pool.submit(() -> relayUntil(healthy, writing, parcels)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    writers.add(pool.submit(() -> {
                        start.await();
                        // At least PARCELS_PER_WRITER each, and on until the slow relay has stalled past its lease
                        // STALLS times: how the two relays share the work is the scheduler's, the fault is the test's.
                        for (int i = 0; i < PARCELS_PER_WRITER
                                || stalling.stalls.get() < STALLS && i < MAX_PARCELS_PER_WRITER; i++) {
                            Parcel p = store.insert(Parcel.register(division, 100));
                            parcels.add(p.getId());
                            p.flag();
                            store.update(p);
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : writers) {
                    f.get(2, TimeUnit.MINUTES);
                }
                writing.set(false);
                for (Future<?> f : relays) {
                    f.get(2, TimeUnit.MINUTES);
                }
            } finally {
                writing.set(false);
                pool.shutdownNow();
            }

            int expected = parcels.size();
            assertThat(expected).isGreaterThanOrEqualTo(WRITERS * PARCELS_PER_WRITER);
            // the fault happened: the slow relay stalled past its lease, and each time the other took over
            assertThat(stalling.stalls.get()).as("stalls past the lease").isGreaterThanOrEqualTo(STALLS);
            assertThat(stalling.takenOver.get()).as("stalls whose document the other relay took over")
                    .isEqualTo(stalling.stalls.get());

            // none lost: every event of every parcel reached the exchange (a registration and a flag each)
            Set<String> ids = Set.copyOf(parcels);
            List<EventTap.Tapped> ours = tap.received().stream()
                    .filter(t -> ids.stream().anyMatch(t.body()::contains)).toList();
            Set<String> distinct = ours.stream().map(EventTap.Tapped::eventId).collect(Collectors.toSet());
            assertThat(distinct).hasSize(2 * expected);
            assertThat(ours.size()).as("published more than once during takeovers").isGreaterThan(distinct.size());

            // each applied once: the consumer's tally counts every parcel once, duplicates dropped by event id
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                ParcelTally t = mongo.findById(division, ParcelTally.class);
                return t != null && t.getCount() >= expected;
            });
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> {
                ParcelTally t = mongo.findById(division, ParcelTally.class);
                return t.getCount() == expected && t.getTotalWeightFen() == 100L * expected;
            });

            // every outbox empty, no lease left behind, nothing waiting in the index for these parcels
            for (String id : parcels) {
                Document doc = mongo.findById(id, Document.class, "parcels");
                assertThat(doc.getList(Outbox.FIELD, Document.class)).as(id).isEmpty();
                assertThat(doc).as(id).doesNotContainKey(Outbox.LEASE);
            }
            // an index entry whose document the other relay emptied stays for the index's grace, then goes
            Thread.sleep(600);
            for (int pass = 0; pass < Math.max(20, expected / 20 + 1); pass++) {   // a pass reads at most a batch (20) of index entries
                assertThat(healthy.relayOnce()).isZero();
            }
            assertThat(mongo.count(Query.query(Criteria.where("aggregateId").in(parcels)), Outbox.INDEX)).isZero();
        }
    }

    /** Relays until the writers are done and every parcel's outbox is empty. */
    private Void relayUntil(OutboxRelay relay, AtomicBoolean writing, List<String> parcels) throws InterruptedException {
        while (true) {
            boolean stillWriting = writing.get();
            int published = relay.relayOnce();
            if (!stillWriting && published == 0 && nothingWaits(parcels)) {
                return null;
            }
            if (published == 0) {
                Thread.sleep(10);
            }
        }
    }

    private boolean nothingWaits(List<String> parcels) {
        List<String> ids;
        synchronized (parcels) {
            ids = List.copyOf(parcels);
        }
        return !mongo.exists(Query.query(Criteria.where("_id").in(ids).and(Outbox.FIELD + ".0").exists(true)), "parcels");
    }

    /**
     * The stalled relay's broker client: every fifth publish, once the broker confirmed the event, it stops —
     * until the other relay, having found the lease expired, published the same event again (or 15 s).
     */
    static final class StallingTemplate extends RabbitTemplate {
        private final EventTap tap;
        private final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger stalls = new AtomicInteger();
        final AtomicInteger takenOver = new AtomicInteger();
        private final Set<String> seen = ConcurrentHashMap.newKeySet();

        StallingTemplate(RabbitTemplate delegate, EventTap tap) {
            super(delegate.getConnectionFactory());
            this.tap = tap;
        }

        @Override
        public <T> T invoke(OperationsCallback<T> action) {
            String[] eventId = new String[1];
            T result = super.invoke(ops -> {
                RabbitOperationsCapture capture = new RabbitOperationsCapture(ops, eventId);
                return action.doInRabbit(capture.proxy());
            });
            if (calls.incrementAndGet() % 5 == 0 && eventId[0] != null && seen.add(eventId[0])) {
                stalls.incrementAndGet();
                long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < until) {
                    if (tap.countOf(eventId[0]) >= 2) {
                        takenOver.incrementAndGet();
                        break;
                    }
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            return result;
        }
    }

    /** Notes the message id of what the relay sends through the operations it was given. */
    record RabbitOperationsCapture(org.springframework.amqp.rabbit.core.RabbitOperations ops, String[] eventId) {
        org.springframework.amqp.rabbit.core.RabbitOperations proxy() {
            return (org.springframework.amqp.rabbit.core.RabbitOperations) java.lang.reflect.Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[]{org.springframework.amqp.rabbit.core.RabbitOperations.class},
                    (p, method, args) -> {
                        if (method.getName().equals("send") && args != null && args.length == 3
                                && args[2] instanceof org.springframework.amqp.core.Message m) {
                            eventId[0] = m.getMessageProperties().getMessageId();
                        }
                        try {
                            return method.invoke(ops, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
