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
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The process dies between the write and the publish: here the writing process has no running
 * relay, and a new relay (as in a restarted or another replica) publishes what was left, once.
 */
@SunshineServiceTest
@TestPropertySource(properties = "sunshine.outbox.relay-enabled=false")
class RelayCrashTest extends OutboxTestSupport {

    @Autowired
    OutboxProperties outboxProperties;

    OutboxRelay newRelay() {
        return new OutboxRelay(mongo, rabbit, messaging, outboxProperties, java.time.Clock.systemUTC(),
                "platform-test-app", new SimpleMeterRegistry());
    }

    @Test
    void aNewRelayPublishesWhatADeadProcessLeftOnceAndInOrder() throws Exception {
        try (EventTap tap = EventTap.open(messaging.getExchange())) {
            Parcel parcel = store.insert(Parcel.register("420981", 5));
            parcel.flag();
            store.update(parcel);
            Thread.sleep(300);
            assertThat(tap.received()).noneMatch(t -> t.body().contains(parcel.getId()));

            int published = newRelay().relayOnce();
            assertThat(published).isGreaterThanOrEqualTo(2);
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream().filter(t -> t.body().contains(parcel.getId())).count() == 2);
            assertThat(tap.received().stream().filter(t -> t.body().contains(parcel.getId())).map(EventTap.Tapped::type))
                    .containsExactly("test.parcel.registered.v1", "test.parcel.flagged.v1");

            assertThat(newRelay().relayOnce()).isZero();
            Thread.sleep(300);
            assertThat(tap.received().stream().filter(t -> t.body().contains(parcel.getId())).count()).isEqualTo(2);
        }
    }

    @Test
    void aLeaseHeldByARelayThatDiedIsTakenOverWhenItExpires() throws Exception {
        try (EventTap tap = EventTap.open(messaging.getExchange())) {
            Parcel parcel = store.insert(Parcel.register("420982", 7));
            // A relay claimed the document and died before publishing.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(parcel.getId())), new Update().set(Outbox.LEASE,
                    new Document("owner", "dead-relay").append("until",
                            Date.from(Instant.now().plusMillis(1500)))), "parcels");

            assertThat(newRelay().relayOnce()).isZero();   // the lease is still valid: left alone

            Thread.sleep(1600);                            // the dead relay's lease expires
            assertThat(newRelay().relayOnce()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream().anyMatch(t -> t.body().contains(parcel.getId())));
            Document doc = mongo.findById(parcel.getId(), Document.class, "parcels");
            assertThat(doc.getList(Outbox.FIELD, Document.class)).isEmpty();
            assertThat(doc).doesNotContainKey(Outbox.LEASE);
        }
    }

    /**
     * A pass publishes every waiting document of a collection under one confirm of the broker (not one an event), and
     * a document whose event cannot be sent (here its payload is gone) holds back none of the others: it keeps its
     * event and its index entry, and goes once it is mended.
     */
    @Test
    void aPassPublishesTheWaitingDocumentsTogetherAndABrokenOneHoldsBackNoOther() throws Exception {
        try (EventTap tap = EventTap.open(messaging.getExchange())) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                ids.add(store.insert(Parcel.register("420983", 100 + i)).getId());
            }
            String broken = ids.get(7);
            mongo.updateFirst(Query.query(Criteria.where("_id").is(broken)),
                    new Update().unset(Outbox.FIELD + ".0." + Outbox.PAYLOAD), "parcels");
            java.util.concurrent.atomic.AtomicInteger confirms = new java.util.concurrent.atomic.AtomicInteger();
            org.springframework.amqp.rabbit.core.RabbitTemplate counting = beforeEachConfirm(n -> confirms.set(n));
            OutboxRelay relay = new OutboxRelay(mongo, counting, messaging, outboxProperties, java.time.Clock.systemUTC(),
                    "platform-test-app", new SimpleMeterRegistry());

            assertThat(relay.relayOnce()).isGreaterThanOrEqualTo(29);
            // one confirm for the parcels (a few more where other collections had events waiting, none an event)
            assertThat(confirms.get()).isLessThanOrEqualTo(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().filter(id -> !id.equals(broken))
                    .allMatch(id -> tap.received().stream().anyMatch(t -> t.body().contains(id))));
            assertThat(tap.received()).noneMatch(t -> t.body().contains(broken));
            assertThat(mongo.findById(broken, Document.class, "parcels").getList(Outbox.FIELD, Document.class)).hasSize(1);
            assertThat(mongo.exists(Query.query(Criteria.where("_id").is("parcels/" + broken)), Outbox.INDEX)).isTrue();
            for (String id : ids) {
                if (!id.equals(broken)) {
                    Document doc = mongo.findById(id, Document.class, "parcels");
                    assertThat(doc.getList(Outbox.FIELD, Document.class)).as(id).isEmpty();
                    assertThat(doc).as(id).doesNotContainKey(Outbox.LEASE);
                }
            }

            // mended (the payload put back), it goes at the next pass once its short hold has passed
            mongo.updateFirst(Query.query(Criteria.where("_id").is(broken)), new Update().set(
                    Outbox.FIELD + ".0." + Outbox.PAYLOAD, "{\"parcelId\":\"" + broken + "\",\"division\":\"420983\",\"weightFen\":107}"),
                    "parcels");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                relay.relayOnce();
                return tap.received().stream().anyMatch(t -> t.body().contains(broken));
            });
            assertThat(mongo.findById(broken, Document.class, "parcels").getList(Outbox.FIELD, Document.class)).isEmpty();
        }
    }

    /**
     * A pass confirms its documents in chunks: when the broker fails in the middle, what it confirmed before counts
     * (those documents are emptied) and the rest keep their events, held back a moment, for the next pass.
     */
    @Test
    void aBrokerFailingInTheMiddleOfAPassKeepsWhatItConfirmedBefore() throws Exception {
        try (EventTap tap = EventTap.open(messaging.getExchange())) {
            java.util.List<String> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 250; i++) {
                ids.add(store.insert(Parcel.register("420984", 1 + i)).getId());
            }
            org.springframework.amqp.rabbit.core.RabbitTemplate failingSecond = beforeEachConfirm(n -> {
                if (n == 2) {
                    throw new org.springframework.amqp.AmqpIOException(new java.io.IOException("broker gone"));
                }
            });
            OutboxRelay relay = new OutboxRelay(mongo, failingSecond, messaging, outboxProperties, java.time.Clock.systemUTC(),
                    "platform-test-app", new SimpleMeterRegistry());
            int published = relay.relayOnce();
            long emptied = ids.stream().filter(id -> mongo.findById(id, Document.class, "parcels")
                    .getList(Outbox.FIELD, Document.class).isEmpty()).count();
            // the first chunk (about 200 events: OutboxRelay.CONFIRM_CHUNK), confirmed before the failure, counts; the
            // second, refused, does not (every parcel waiting here is this test's: the class's other tests leave none)
            assertThat(published).as("the first chunk, confirmed before the failure").isGreaterThanOrEqualTo(200);
            assertThat(emptied).isGreaterThanOrEqualTo(200).isLessThan(250);
            for (String id : ids) {
                Document doc = mongo.findById(id, Document.class, "parcels");
                if (!doc.getList(Outbox.FIELD, Document.class).isEmpty()) {
                    assertThat(mongo.exists(Query.query(Criteria.where("_id").is("parcels/" + id)), Outbox.INDEX))
                            .as("%s still waits in the index", id).isTrue();
                }
            }

            // the next passes (the broker back) publish the rest, once the short hold has passed
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                relay.relayOnce();
                return ids.stream().allMatch(id -> mongo.findById(id, Document.class, "parcels")
                        .getList(Outbox.FIELD, Document.class).isEmpty());
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                    .allMatch(id -> tap.received().stream().anyMatch(t -> t.body().contains(id))));
        }
    }

    /** A broker client that tells {@code before} the number of each call (a publish and its confirm) first. */
    private org.springframework.amqp.rabbit.core.RabbitTemplate beforeEachConfirm(java.util.function.IntConsumer before) {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        return new org.springframework.amqp.rabbit.core.RabbitTemplate(rabbit.getConnectionFactory()) {
            @Override
            public <T> T invoke(OperationsCallback<T> action) {
                before.accept(calls.incrementAndGet());
                return super.invoke(action);
            }
        };
    }
}
