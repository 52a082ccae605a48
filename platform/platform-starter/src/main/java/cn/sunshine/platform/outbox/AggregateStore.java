package cn.sunshine.platform.outbox;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.PendingEvent;
import cn.sunshine.platform.messaging.EventJson;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.data.mapping.PersistentProperty;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Writes aggregates together with the events they recorded, in one single-document write: the
 * state change and its events are stored atomically without a multi-document transaction (the
 * transactional outbox). The {@link OutboxRelay} publishes the events afterwards.
 *
 * <p>Updates set the aggregate's fields and push new events onto the outbox array; they never
 * replace the document, so the relay's removal of published events never races with them.
 * Every update is conditional on the version read (optimistic locking).
 */
public class AggregateStore {

    /**
     * Records, before the aggregate's write, that its outbox may hold events (Outbox.INDEX): the
     * relay finds waiting events there without scanning collections. A fresh token on every write
     * keeps the relay from removing an entry a newer write relies on. An entry whose write then fails
     * points at nothing waiting and is removed by the relay.
     */
    private void markWaiting(String collection, Object id) {
        Query entry = Query.query(Criteria.where("_id").is(collection + "/" + id));
        Update mark = new Update().set("collection", collection).set("aggregateId", id)
                .set("token", java.util.UUID.randomUUID().toString()).set("at", new java.util.Date());
        try {
            mongo.upsert(entry, mark, Outbox.INDEX);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Two writers of one aggregate upserted its entry at once and the other inserted it first:
            // it exists now, so this is an update. Never let it surface: a caller would read a duplicate
            // key as its own (an idempotent replay, an aggregate that exists).
            mongo.upsert(entry, mark, Outbox.INDEX);
        }
    }

    private final MongoTemplate mongo;
    private final EventJson json;
    // Resolved once, at the first write that finds them (a provider resolves its bean anew on every call, which
    // the province's year measured at a tenth of subsidy-service's CPU: three resolutions a write).
    private final SingletonSupplier<Tracer> tracer;
    private final SingletonSupplier<OutboxRelay> relay;
    private final SingletonSupplier<cn.sunshine.platform.progress.Tallies> tallies;

    public AggregateStore(MongoTemplate mongo, EventJson json, ObjectProvider<Tracer> tracer,
                          ObjectProvider<OutboxRelay> relay) {
        this(mongo, json, tracer, relay, null);
    }

    /**
     * @param tallies the progress tallies (cn.sunshine.platform.progress.Tallies), when the service keeps any: every
     *                write of a tallied aggregate stores its tally keys with it and marks them stale just before
     */
    public AggregateStore(MongoTemplate mongo, EventJson json, ObjectProvider<Tracer> tracer,
                          ObjectProvider<OutboxRelay> relay, ObjectProvider<cn.sunshine.platform.progress.Tallies> tallies) {
        this.mongo = mongo;
        this.json = json;
        this.tracer = SingletonSupplier.of(tracer::getIfAvailable);
        this.relay = SingletonSupplier.of(relay::getIfAvailable);
        this.tallies = SingletonSupplier.of(() -> tallies == null ? null : tallies.getIfAvailable());
    }

    /** The aggregate's tally keys, marked stale now (before its write); null when its type is not tallied. */
    private List<String> tallyKeys(AggregateRoot aggregate) {
        cn.sunshine.platform.progress.Tallies t = tallies.get();
        if (t == null || !t.tallies(aggregate.getClass())) {
            return null;
        }
        List<String> keys = t.keysOf(aggregate);
        t.markStale(keys);
        return keys;
    }

    /** Inserts a new aggregate (version 0) with its events. A unique index violation surfaces as DuplicateKeyException. */
    public <T extends AggregateRoot> T insert(T aggregate) {
        doInsert(aggregate, null);
        return aggregate;
    }

    /**
     * Inserts an aggregate created by a consumed event, recording the event id in the same write.
     *
     * @return true when inserted, false when this event had created it before
     * @throws org.springframework.dao.DuplicateKeyException when another event created it
     */
    public <T extends AggregateRoot> boolean insertOnce(T aggregate, String consumedEventId) {
        try {
            doInsert(aggregate, consumedEventId);
            return true;
        } catch (org.springframework.dao.DuplicateKeyException e) {
            if (hasConsumed(aggregate.getClass(), aggregate.getId(), consumedEventId)) {
                return false;
            }
            throw e;
        }
    }

    private void doInsert(AggregateRoot aggregate, String consumedEventId) {
        if (aggregate.getId() == null) {
            throw new IllegalArgumentException("an aggregate is given its id before it is stored");
        }
        MongoPersistentEntity<?> entity = entity(aggregate);
        Document doc = new Document();
        mongo.getConverter().write(aggregate, doc);
        doc.put(versionField(entity), 0L);
        List<Document> entries = outboxEntries(aggregate);
        doc.put(Outbox.FIELD, entries);
        if (consumedEventId != null) {
            doc.put(Outbox.PROCESSED, new ArrayList<>(List.of(consumedEventId)));
        }
        List<String> tally = tallyKeys(aggregate);
        if (tally != null) {
            doc.put(cn.sunshine.platform.progress.Tallies.FIELD, tally);
        }
        if (!entries.isEmpty()) {
            markWaiting(entity.getCollection(), aggregate.getId());
        }
        mongo.insert(doc, entity.getCollection());
        boolean hadEvents = !aggregate.pendingEvents().isEmpty();
        aggregate.markStored(0L);
        if (hadEvents) {
            wakeRelay();
        }
    }

    /**
     * Updates an aggregate read at {@code aggregate.getVersion()}, appending its events.
     *
     * @throws DomainException 412 when someone else changed it since it was read
     */
    public <T extends AggregateRoot> T update(T aggregate) {
        if (!write(aggregate, null)) {
            throw DomainException.staleVersion("this record");
        }
        return aggregate;
    }

    /**
     * Applies a change caused by a consumed event exactly once: the update and the record of the
     * event id are one conditional write.
     *
     * @return true when applied, false when the event had been applied before
     * @throws org.springframework.dao.OptimisticLockingFailureException when the version moved (retry)
     */
    public <T extends AggregateRoot> boolean updateOnce(T aggregate, String consumedEventId) {
        return write(aggregate, consumedEventId);
    }

    /**
     * Runs a transition the aggregate decided as a {@link GuardedWrite}: one update of its document
     * matched by its id and the write's guard, which also increments the version and appends the
     * events the aggregate recorded for this transition to its outbox. The aggregate object itself is
     * not changed (read it again to see the new state).
     *
     * @return true when the guard held and the write landed; false when it matched nothing (the
     *         invariant no longer holds, or the act was done before): nothing was written
     */
    public <T extends AggregateRoot> boolean apply(T aggregate, GuardedWrite write) {
        MongoPersistentEntity<?> entity = entity(aggregate);
        Update update = write.change();
        update.inc(versionField(entity), 1L);
        List<Document> entries = outboxEntries(aggregate);
        if (!entries.isEmpty()) {
            update.push(Outbox.FIELD).each(entries.toArray());
            markWaiting(entity.getCollection(), aggregate.getId());
        }
        List<String> tally = tallyKeys(aggregate);
        if (tally != null) {
            update.set(cn.sunshine.platform.progress.Tallies.FIELD, tally);
        }
        Criteria criteria = Criteria.where("_id").is(aggregate.getId()).andOperator(write.guard());
        long matched = mongo.updateFirst(Query.query(criteria), update, entity.getCollection()).getMatchedCount();
        if (matched == 0) {
            return false;
        }
        aggregate.markStored(aggregate.getVersion() == null ? 0L : aggregate.getVersion() + 1);
        if (!entries.isEmpty()) {
            wakeRelay();
        }
        return true;
    }

    /** True when the aggregate of this type and id has already consumed the event. */
    public boolean hasConsumed(Class<? extends AggregateRoot> type, String id, String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id).and(Outbox.PROCESSED).is(eventId)), type);
    }

    private <T extends AggregateRoot> boolean write(T aggregate, String consumedEventId) {
        MongoPersistentEntity<?> entity = entity(aggregate);
        String versionField = versionField(entity);
        Document doc = new Document();
        mongo.getConverter().write(aggregate, doc);
        doc.remove("_id");
        doc.remove(versionField);
        Update update = new Update();
        doc.forEach(update::set);
        for (MongoPersistentProperty p : entity) {
            String field = p.getFieldName();
            if (!p.isIdProperty() && !p.isVersionProperty() && !doc.containsKey(field)) {
                update.unset(field);
            }
        }
        update.inc(versionField, 1L);
        List<Document> entries = outboxEntries(aggregate);
        if (!entries.isEmpty()) {
            update.push(Outbox.FIELD).each(entries.toArray());
        }
        List<String> tally = tallyKeys(aggregate);
        if (tally != null) {
            update.set(cn.sunshine.platform.progress.Tallies.FIELD, tally);
        }
        Criteria criteria = Criteria.where("_id").is(aggregate.getId()).and(versionField).is(aggregate.getVersion());
        if (consumedEventId != null) {
            criteria = criteria.and(Outbox.PROCESSED).ne(consumedEventId);
            update.push(Outbox.PROCESSED).slice(-Outbox.PROCESSED_KEPT).each(consumedEventId);
        }
        if (!entries.isEmpty()) {
            markWaiting(entity.getCollection(), aggregate.getId());
        }
        long matched = mongo.updateFirst(Query.query(criteria), update, entity.getCollection()).getMatchedCount();
        if (matched == 0) {
            if (consumedEventId != null && hasConsumed(aggregate.getClass(), aggregate.getId(), consumedEventId)) {
                return false;
            }
            if (consumedEventId != null) {
                throw new org.springframework.dao.OptimisticLockingFailureException(
                        "version of " + entity.getCollection() + " " + aggregate.getId() + " moved");
            }
            return false;
        }
        aggregate.markStored(aggregate.getVersion() + 1);
        if (!entries.isEmpty()) {
            wakeRelay();
        }
        return true;
    }

    private List<Document> outboxEntries(AggregateRoot aggregate) {
        List<Document> entries = new ArrayList<>();
        String traceparent = traceparent().orElse(null);
        for (PendingEvent e : aggregate.pendingEvents()) {
            Document d = new Document()
                    .append(Outbox.EVENT_ID, e.id())
                    .append(Outbox.TYPE, e.type().name())
                    .append(Outbox.SUBJECT, e.subject())
                    .append(Outbox.DIVISION, e.division())
                    .append(Outbox.TIME, Date.from(e.time()))
                    .append(Outbox.PAYLOAD, json.write(e.payload()));
            if (traceparent != null) {
                d.append(Outbox.TRACEPARENT, traceparent);
            }
            entries.add(d);
        }
        return entries;
    }

    private Optional<String> traceparent() {
        Tracer t = tracer.get();
        Span span = t == null ? null : t.currentSpan();
        if (span == null) {
            return Optional.empty();
        }
        return Optional.of("00-" + span.context().traceId() + "-" + span.context().spanId() + "-01");
    }

    private MongoPersistentEntity<?> entity(AggregateRoot aggregate) {
        return mongo.getConverter().getMappingContext().getRequiredPersistentEntity(aggregate.getClass());
    }

    private static String versionField(MongoPersistentEntity<?> entity) {
        PersistentProperty<?> v = entity.getVersionProperty();
        return v == null ? "version" : ((MongoPersistentProperty) v).getFieldName();
    }

    private void wakeRelay() {
        OutboxRelay r = relay.get();
        if (r != null) {
            r.wakeUp();
        }
    }
}
