package cn.sunshine.platform.test.app;

import cn.sunshine.platform.events.CloudEventHeaders;
import cn.sunshine.platform.messaging.DeadLetters;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.Outbox;
import cn.sunshine.platform.outbox.OutboxRelay;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox publishes once per state change; consumers apply each event once; failures dead-letter and replay. */
@SunshineServiceTest
class OutboxAndConsumerTest extends OutboxTestSupport {

    @Autowired
    DeadLetters deadLetters;
    @Autowired
    OutboxRelay relay;
    @Autowired
    cn.sunshine.platform.messaging.EventJson json;
    @Autowired
    org.springframework.context.ApplicationContext beans;

    static EventTap tap;

    @BeforeAll
    static void openTap(@Autowired MessagingProperties messaging) {
        tap = EventTap.open(messaging.getExchange());
    }

    @AfterAll
    static void closeTap() {
        tap.close();
    }

    @BeforeEach
    void reset() {
        PlatformTestApp.FLAG_HANDLER_BROKEN.set(false);
        tap.clear();
    }

    @Test
    void aBatchIsInsertedInOneWriteAndEveryEventOfItIsPublishedOnce() {
        List<Parcel> batch = List.of(Parcel.register("420981", 100), Parcel.register("420981", 200),
                Parcel.register("420981", 300));
        store.insertAll(batch);
        assertThat(batch).allSatisfy(p -> assertThat(p.getVersion()).isZero());
        await().atMost(Duration.ofSeconds(10)).until(() -> batch.stream().allMatch(p -> outboxSize(p.getId()) == 0));
        relay.relayOnce();
        for (Parcel p : batch) {
            assertThat(tap.ofType("test.parcel.registered.v1").stream().filter(x -> x.body().contains(p.getId())).count())
                    .as("published once: " + p.getId()).isEqualTo(1);
        }

        // A duplicate in the batch: those before it are stored, it and those after are not (the caller retries them).
        Parcel fresh = Parcel.register("420981", 400);
        Parcel after = Parcel.register("420981", 500);
        assertThatThrownBy(() -> store.insertAll(List.of(fresh, mongo.findById(batch.get(0).getId(), Parcel.class), after)))
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);
        assertThat(mongo.findById(fresh.getId(), Parcel.class)).isNotNull();
        assertThat(mongo.findById(after.getId(), Parcel.class)).isNull();
    }

    @Test
    void aStateChangeIsPublishedOnceWithItsEnvelopeAndLeavesTheOutbox() {
        Parcel parcel = store.insert(Parcel.register("420981", 12_000));

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("test.parcel.registered.v1").stream()
                .anyMatch(t -> t.body().contains(parcel.getId())));
        EventTap.Tapped t = tap.ofType("test.parcel.registered.v1").stream()
                .filter(x -> x.body().contains(parcel.getId())).findFirst().orElseThrow();
        assertThat(t.routingKey()).isEqualTo("test.parcel.registered.v1");
        assertThat(t.headers()).containsKeys(CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TIME,
                CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.DATA_CONTENT_TYPE);
        assertThat(t.headers().get(CloudEventHeaders.SUBJECT).toString()).isEqualTo(parcel.getId());
        assertThat(t.headers().get(CloudEventHeaders.DIVISION).toString()).isEqualTo("420981");
        assertThat(t.headers().get(CloudEventHeaders.SOURCE).toString()).isEqualTo("/sunshine/platform-test-app");
        assertThat(t.body()).isEqualTo("{\"parcelId\":\"" + parcel.getId() + "\",\"division\":\"420981\",\"weightFen\":12000}");

        await().atMost(Duration.ofSeconds(5)).until(() -> outboxSize(parcel.getId()) == 0);
        // Give a second relay pass time to (wrongly) publish again.
        relay.relayOnce();
        assertThat(tap.countOf(t.eventId())).isEqualTo(1);
    }

    @Test
    void anUpdateKeepsEventsThatWaitAndUnsetsFieldsThatBecameNull() {
        Parcel parcel = store.insert(Parcel.register("420982", 1));
        parcel.flag();
        store.update(parcel);

        Document doc = mongo.findById(parcel.getId(), Document.class, "parcels");
        assertThat(doc).doesNotContainKey("note");
        assertThat(doc.getLong("version")).isEqualTo(1L);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream()
                .filter(x -> x.body().contains(parcel.getId())).count() == 2);
        assertThat(tap.received().stream().filter(x -> x.body().contains(parcel.getId())).map(EventTap.Tapped::type))
                .containsExactly("test.parcel.registered.v1", "test.parcel.flagged.v1");
    }

    @Test
    void theSameMessageDeliveredTwiceChangesStateOnce() {
        String division = "42" + (1000 + (int) (Math.random() * 8000));
        Message m = event("test.parcel.registered.v1", UUID.randomUUID().toString(),
                "{\"parcelId\":\"p-1\",\"division\":\"" + division + "\",\"weightFen\":500}");
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1", m);
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1", m);
        Message other = event("test.parcel.registered.v1", UUID.randomUUID().toString(),
                "{\"parcelId\":\"p-2\",\"division\":\"" + division + "\",\"weightFen\":700}");
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1", other);
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1", m);

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ParcelTally t = mongo.findById(division, ParcelTally.class);
            return t != null && t.getCount() == 2;
        });
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> {
            ParcelTally t = mongo.findById(division, ParcelTally.class);
            return t.getCount() == 2 && t.getTotalWeightFen() == 1200;
        });
    }

    /**
     * A read model that every event of a county touches keeps the ids of its latest consumed events in itself (at
     * least {@link Outbox#PROCESSED_KEPT}, at most {@link Outbox#PROCESSED_SLACK} more): its document stays small
     * however long the year. The older ids are moved out, not forgotten: an early event delivered again, after
     * more than a thousand later ones (a relay that stalled past its lease), still changes nothing, whichever
     * replica of the service receives it.
     */
    @Test
    void aReadModelKeepsItsLatestConsumedEventIdsAndMovesTheOlderOnesOut() {
        String division = "43" + (1000 + (int) (Math.random() * 8000));
        String first = UUID.randomUUID().toString();
        store.insertOnce(ParcelTally.first(division, 1), first);
        int later = Outbox.PROCESSED_KEPT + Outbox.PROCESSED_SLACK + 5;
        String last = null;
        for (int i = 0; i < later; i++) {
            ParcelTally t = mongo.findById(division, ParcelTally.class);
            t.add(1);
            last = UUID.randomUUID().toString();
            assertThat(store.updateOnce(t, last)).isTrue();
        }
        Document stored = mongo.findById(division, Document.class, mongo.getCollectionName(ParcelTally.class));
        java.util.List<String> kept = stored.getList(Outbox.PROCESSED, String.class);
        assertThat(kept).hasSizeBetween(Outbox.PROCESSED_KEPT, Outbox.PROCESSED_KEPT + Outbox.PROCESSED_SLACK)
                .doesNotContain(first).endsWith(last);
        assertThat(stored.get(Outbox.PROCESSED_SIZE, Number.class).intValue()).isEqualTo(kept.size());
        assertThat(store.hasConsumed(ParcelTally.class, division, first)).isTrue();

        ParcelTally again = mongo.findById(division, ParcelTally.class);
        again.add(1);
        assertThat(store.updateOnce(again, last)).as("the latest event delivered again").isFalse();
        assertThat(store.updateOnce(again, first)).as("the first event delivered again, moved out since").isFalse();
        AggregateStore otherReplica = new AggregateStore(mongo, json, beans.getBeanProvider(io.micrometer.tracing.Tracer.class),
                beans.getBeanProvider(OutboxRelay.class));
        assertThat(otherReplica.updateOnce(again, first)).as("the first event, at a replica that saw no move").isFalse();
        assertThat(mongo.findById(division, ParcelTally.class).getCount()).isEqualTo(later + 1);

        String fresh = UUID.randomUUID().toString();
        assertThat(otherReplica.updateOnce(again, fresh)).as("a new event at that replica").isTrue();
        assertThat(mongo.findById(division, ParcelTally.class).getCount()).isEqualTo(later + 2);
    }

    @Test
    void aConsumerIgnoresAnUnknownField() {
        String division = "43" + (1000 + (int) (Math.random() * 8000));
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1", event("test.parcel.registered.v1",
                UUID.randomUUID().toString(),
                "{\"parcelId\":\"p-9\",\"division\":\"" + division + "\",\"weightFen\":300,\"addedLater\":{\"x\":1}}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(division, ParcelTally.class) != null);
    }

    @Test
    void aMessageThatAlwaysFailsIsDeadLetteredAndReplayedOnceFixed() {
        int handledBefore = PlatformTestApp.FLAG_HANDLED.get();
        PlatformTestApp.FLAG_HANDLER_BROKEN.set(true);
        String eventId = UUID.randomUUID().toString();
        rabbit.send(messaging.getExchange(), "test.parcel.flagged.v1", event("test.parcel.flagged.v1", eventId,
                "{\"parcelId\":\"p-3\",\"division\":\"420981\",\"weightFen\":1}"));

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters.list(50).messages().stream()
                .anyMatch(d -> eventId.equals(d.eventId())));
        DeadLetters.DeadLetter dl = deadLetters.list(50).messages().stream().filter(d -> eventId.equals(d.eventId()))
                .findFirst().orElseThrow();
        assertThat(dl.reason()).contains("downstream unavailable");
        assertThat(((Number) dl.attempts()).intValue()).isEqualTo(messaging.getMaxAttempts());
        assertThat(PlatformTestApp.FLAG_HANDLED.get()).isEqualTo(handledBefore);

        PlatformTestApp.FLAG_HANDLER_BROKEN.set(false);
        assertThat(deadLetters.replay(eventId)).isEqualTo(1);

        await().atMost(Duration.ofSeconds(10)).until(() -> PlatformTestApp.FLAG_HANDLED.get() == handledBefore + 1);
        assertThat(deadLetters.list(50).messages()).noneMatch(d -> eventId.equals(d.eventId()));
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterQueueAtOnce() {
        String eventId = UUID.randomUUID().toString();
        rabbit.send(messaging.getExchange(), "test.parcel.registered.v1",
                event("test.parcel.registered.v1", eventId, "{not json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> deadLetters.list(50).messages().stream()
                .anyMatch(d -> eventId.equals(d.eventId()) && d.reason().startsWith("unreadable event")));
        // Leave the queue clean for the other tests: a poison message is not replayed, it is inspected.
        deadLetters.list(50);
    }

    /**
     * The relay finds waiting events through the outbox index (no collection scan): a write records
     * its entry first; a document written without one (before the index existed, or by a writer that
     * stopped between its two writes) is found by the sweep; entries of published documents go away.
     */
    @Test
    void waitingEventsAreFoundThroughTheIndexAndDocumentsWithoutAnEntryByTheSweep() {
        Parcel parcel = store.insert(Parcel.register("420981", 300));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize(parcel.getId()) == 0);
        assertThat(tap.ofType("test.parcel.registered.v1").stream().filter(t -> t.body().contains(parcel.getId())))
                .hasSize(1);
        // Its entry is removed once the grace has passed (the test profile's grace is the default 10 s at most).
        await().atMost(Duration.ofSeconds(20)).until(() ->
                !mongo.exists(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("parcels/" + parcel.getId())),
                        Outbox.INDEX));

        // An event left in a document that has no index entry: only the sweep can find it.
        String eventId = UUID.randomUUID().toString();
        Parcel orphan = store.insert(Parcel.register("420982", 500));
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize(orphan.getId()) == 0);
        mongo.getCollection(Outbox.INDEX).deleteOne(new Document("_id", "parcels/" + orphan.getId()));
        mongo.getCollection("parcels").updateOne(new Document("_id", orphan.getId()), new Document("$push",
                new Document(Outbox.FIELD, new Document(Outbox.EVENT_ID, eventId).append(Outbox.TYPE, "test.parcel.registered.v1")
                        .append(Outbox.SUBJECT, orphan.getId()).append(Outbox.DIVISION, "420982")
                        .append(Outbox.TIME, new java.util.Date())
                        .append(Outbox.PAYLOAD, "{\"parcelId\":\"" + orphan.getId() + "\",\"division\":\"420982\",\"weightFen\":500}"))));
        assertThat(relay.pending()).as("not in the index, so not counted").isZero();
        relay.sweepNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize(orphan.getId()) == 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream().anyMatch(t ->
                eventId.equals(String.valueOf(t.headers().get(CloudEventHeaders.ID)))));
    }

    private long outboxSize(String id) {
        Document doc = mongo.findById(id, Document.class, "parcels");
        return doc == null || doc.get(Outbox.FIELD) == null ? 0 : doc.getList(Outbox.FIELD, Document.class).size();
    }

    static Message event(String type, String id, String body) {
        MessageProperties mp = new MessageProperties();
        mp.setMessageId(id);
        mp.setContentType("application/json");
        mp.setHeader(CloudEventHeaders.ID, id);
        mp.setHeader(CloudEventHeaders.TYPE, type);
        mp.setHeader(CloudEventHeaders.SOURCE, "/sunshine/test");
        mp.setHeader(CloudEventHeaders.TIME, "2026-06-30T02:00:00Z");
        mp.setHeader(CloudEventHeaders.SUBJECT, "p");
        mp.setHeader(CloudEventHeaders.DIVISION, "420981");
        return new Message(body.getBytes(StandardCharsets.UTF_8), mp);
    }
}
