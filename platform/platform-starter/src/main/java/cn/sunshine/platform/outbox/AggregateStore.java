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
        Query entry = Query.query(Criteria.where("_id").is(documentKey(collection, id)));
        Update mark = waitingMark(collection, id);
        try {
            mongo.upsert(entry, mark, Outbox.INDEX);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            // Two writers of one aggregate upserted its entry at once and the other inserted it first:
            // it exists now, so this is an update. Never let it surface: a caller would read a duplicate
            // key as its own (an idempotent replay, an aggregate that exists).
            mongo.upsert(entry, mark, Outbox.INDEX);
        }
    }

    private static Update waitingMark(String collection, Object id) {
        return new Update().set("collection", collection).set("aggregateId", id)
                .set("token", java.util.UUID.randomUUID().toString()).set("at", new java.util.Date());
    }

    private final MongoTemplate mongo;
    private final EventJson json;
    // Resolved once, at the first write that finds them (a provider resolves its bean anew on every call, which
    // the province's year measured at a tenth of subsidy-service's CPU: three resolutions a write).
    private final SingletonSupplier<Tracer> tracer;
    private final SingletonSupplier<OutboxRelay> relay;
    private final SingletonSupplier<cn.sunshine.platform.progress.Tallies> tallies;
    /** How many times ids were moved out of a document's consumed list, as last seen (collection/id). */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> movesSeen = new java.util.concurrent.ConcurrentHashMap<>();

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

    /**
     * Inserts a new aggregate (version 0) with its events. A unique index violation surfaces as DuplicateKeyException.
     * Inserted for a request with an Idempotency-Key, the aggregate records the request ({@link #runningRequest}), so
     * that the try which takes the key over from a dead one can tell, on the duplicate, that the record is its own
     * ({@link #madeByRunningRequest}).
     */
    public <T extends AggregateRoot> T insert(T aggregate) {
        doInsert(aggregate, runningRequest());
        return aggregate;
    }

    /**
     * The running request with an Idempotency-Key, as the aggregates it inserts or changes record it among their
     * consumed ids ({@code request:<id>}, {@link cn.sunshine.platform.web.IdempotentRequests#currentRequest}); null
     * outside such a request.
     */
    public static String runningRequest() {
        return cn.sunshine.platform.web.IdempotentRequests.currentRequest().map(r -> "request:" + r).orElse(null);
    }

    /**
     * Whether the running request (its earlier try, dead before its answer was recorded) inserted or changed this
     * aggregate: a use case that meets a duplicate answers the record as made rather than refusing it.
     */
    public boolean madeByRunningRequest(Class<? extends AggregateRoot> type, String id) {
        String request = runningRequest();
        return request != null && id != null && hasConsumed(type, id, request);
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

    /**
     * Inserts new aggregates of one type (version 0) with their events, as {@link #insert} does each, in two round
     * trips however many there are: one bulk write marks their outbox index entries, one insert stores the
     * documents in order (a class's roster, a class's vouchers). A unique index violation surfaces as
     * DuplicateKeyException: the aggregates before the duplicate in the list are stored, those from it on are not
     * (the caller inserts them one at a time to learn which).
     */
    public <T extends AggregateRoot> List<T> insertAll(List<T> aggregates) {
        if (aggregates.isEmpty()) {
            return aggregates;
        }
        MongoPersistentEntity<?> entity = entity(aggregates.get(0));
        String request = runningRequest();
        List<Document> docs = new ArrayList<>(aggregates.size());
        List<Object> waiting = new ArrayList<>();
        for (T aggregate : aggregates) {
            if (aggregate.getClass() != aggregates.get(0).getClass()) {
                throw new IllegalArgumentException("insertAll stores aggregates of one type");
            }
            Document doc = document(aggregate, entity, request);
            if (!doc.getList(Outbox.FIELD, Document.class).isEmpty()) {
                waiting.add(aggregate.getId());
            }
            docs.add(doc);
        }
        if (!waiting.isEmpty()) {
            org.springframework.data.mongodb.core.BulkOperations marks = mongo.bulkOps(
                    org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Outbox.INDEX);
            for (Object id : waiting) {
                marks.upsert(Query.query(Criteria.where("_id").is(documentKey(entity.getCollection(), id))), waitingMark(entity.getCollection(), id));
            }
            try {
                marks.execute();
            } catch (RuntimeException raced) {
                // a writer of one of them upserted its entry at the same time: mark them one by one
                waiting.forEach(id -> markWaiting(entity.getCollection(), id));
            }
        }
        mongo.insert(docs, entity.getCollection());
        aggregates.forEach(a -> a.markStored(0L));
        if (!waiting.isEmpty()) {
            wakeRelay();
        }
        return aggregates;
    }

    private void doInsert(AggregateRoot aggregate, String consumedEventId) {
        MongoPersistentEntity<?> entity = entity(aggregate);
        Document doc = document(aggregate, entity, consumedEventId);
        if (!doc.getList(Outbox.FIELD, Document.class).isEmpty()) {
            markWaiting(entity.getCollection(), aggregate.getId());
        }
        mongo.insert(doc, entity.getCollection());
        boolean hadEvents = !aggregate.pendingEvents().isEmpty();
        aggregate.markStored(0L);
        if (hadEvents) {
            wakeRelay();
        }
    }

    /** The document of a new aggregate: its state at version 0, its events in the outbox, the id it consumed. */
    private Document document(AggregateRoot aggregate, MongoPersistentEntity<?> entity, String consumedEventId) {
        if (aggregate.getId() == null) {
            throw new IllegalArgumentException("an aggregate is given its id before it is stored");
        }
        Document doc = new Document();
        mongo.getConverter().write(aggregate, doc);
        doc.put(versionField(entity), 0L);
        List<Document> entries = outboxEntries(aggregate);
        doc.put(Outbox.FIELD, entries);
        if (consumedEventId != null) {
            doc.put(Outbox.PROCESSED, new ArrayList<>(List.of(consumedEventId)));
            doc.put(Outbox.PROCESSED_SIZE, 1);
        }
        List<String> tally = tallyKeys(aggregate);
        if (tally != null) {
            doc.put(cn.sunshine.platform.progress.Tallies.FIELD, tally);
        }
        return doc;
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
        String collection = mongo.getCollectionName(type);
        Query q = Query.query(Criteria.where("_id").is(id));
        q.fields().include(Outbox.PROCESSED).include(Outbox.PROCESSED_MOVED);
        Document doc = mongo.findOne(q, Document.class, collection);
        return doc != null && consumed(collection, doc, eventId);
    }

    /** The aggregate as stored now, or null when there is none; or, when it has consumed the event, only that. */
    public record ReadForEvent<T>(T aggregate, boolean consumed) {
    }

    /**
     * Reads the aggregate a consumed event is about to change, and whether it has consumed that event already, in
     * one read (two when the document has moved older ids out and the event is not among its latest).
     */
    public <T extends AggregateRoot> ReadForEvent<T> readForEvent(Class<T> type, String id, String eventId) {
        return read(type, id, eventId, false);
    }

    /**
     * Reads the aggregate a request is about to change, and whether that request changed it already
     * ({@link #updateOnce} with the request's id: its earlier try, whose process died before its answer was
     * recorded); the aggregate in both cases.
     */
    public <T extends AggregateRoot> ReadForEvent<T> readForRequest(Class<T> type, String id, String requestId) {
        return read(type, id, requestId, true);
    }

    private <T extends AggregateRoot> ReadForEvent<T> read(Class<T> type, String id, String eventId, boolean always) {
        String collection = mongo.getCollectionName(type);
        Document doc = mongo.findById(id, Document.class, collection);
        if (doc == null) {
            return new ReadForEvent<>(null, false);
        }
        boolean consumed = consumed(collection, doc, eventId);
        return new ReadForEvent<>(consumed && !always ? null : mongo.getConverter().read(type, doc), consumed);
    }

    private boolean consumed(String collection, Document doc, String eventId) {
        List<?> recent = doc.getList(Outbox.PROCESSED, Object.class);
        return recent != null && recent.contains(eventId)
                || doc.get(Outbox.PROCESSED_MOVED) != null && moved(collection, doc.get("_id"), eventId);
    }

    /** True when the event's id was consumed into this document and has since been moved out of it. */
    private boolean moved(String collection, Object id, String eventId) {
        return mongo.exists(Query.query(Criteria.where("_id").is(consumedKey(collection, id, eventId))), Outbox.CONSUMED);
    }

    private static String consumedKey(String collection, Object id, String eventId) {
        return documentKey(collection, id) + "/" + eventId;
    }

    /** A document named across collections: collection/id (the outbox index's key, the moves' hints). */
    private static String documentKey(String collection, Object id) {
        return collection + "/" + id;
    }

    /** An aggregate's update as one conditional write: matched by id and the version read. */
    private record Prepared(Criteria criteria, Update update, boolean events, String versionField) {
    }

    private Prepared prepare(AggregateRoot aggregate, MongoPersistentEntity<?> entity) {
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
        return new Prepared(criteria, update, !entries.isEmpty(), versionField);
    }

    private <T extends AggregateRoot> boolean write(T aggregate, String consumedEventId) {
        MongoPersistentEntity<?> entity = entity(aggregate);
        Prepared w = prepare(aggregate, entity);
        if (w.events()) {
            markWaiting(entity.getCollection(), aggregate.getId());
        }
        if (consumedEventId != null) {
            if (!writeOnce(entity.getCollection(), aggregate.getId(), w.criteria(), w.update(), consumedEventId, w.versionField())) {
                return false;
            }
        } else if (mongo.updateFirst(Query.query(w.criteria()), w.update(), entity.getCollection()).getMatchedCount() == 0) {
            return false;
        }
        aggregate.markStored(aggregate.getVersion() + 1);
        if (w.events()) {
            wakeRelay();
        }
        return true;
    }

    /**
     * Updates aggregates of one type, each read at its version, appending their events, as {@link #update} does each
     * but in two round trips however many: one bulk write marks their outbox index entries, one bulk write makes the
     * conditional updates (a class's assessments, its completions). An aggregate someone else changed since it was
     * read is not written (the write of each carries the pass's token, {@code _write}, so that those written are
     * known); the caller decides again on what is there now.
     *
     * @return the aggregates written (each now at its next version), in their order
     */
    public <T extends AggregateRoot> List<T> updateAll(List<T> aggregates) {
        if (aggregates.isEmpty()) {
            return aggregates;
        }
        MongoPersistentEntity<?> entity = entity(aggregates.get(0));
        String collection = entity.getCollection();
        String token = java.util.UUID.randomUUID().toString();
        org.springframework.data.mongodb.core.BulkOperations writes = mongo.bulkOps(
                org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, collection);
        org.springframework.data.mongodb.core.BulkOperations marks = mongo.bulkOps(
                org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Outbox.INDEX);
        List<Object> waiting = new ArrayList<>();
        for (T aggregate : aggregates) {
            if (aggregate.getClass() != aggregates.get(0).getClass()) {
                throw new IllegalArgumentException("updateAll writes aggregates of one type");
            }
            Prepared w = prepare(aggregate, entity);
            writes.updateOne(Query.query(w.criteria()), w.update().set(WRITE_TOKEN, token));
            if (w.events()) {
                waiting.add(aggregate.getId());
                marks.upsert(Query.query(Criteria.where("_id").is(documentKey(collection, aggregate.getId()))),
                        waitingMark(collection, aggregate.getId()));
            }
        }
        if (!waiting.isEmpty()) {
            try {
                marks.execute();
            } catch (RuntimeException raced) {
                waiting.forEach(id -> markWaiting(collection, id)); // a writer of one upserted it at the same time
            }
        }
        long modified = writes.execute().getModifiedCount();
        List<T> written;
        if (modified == aggregates.size()) {
            written = aggregates;
        } else {
            Query ours = Query.query(Criteria.where("_id").in(aggregates.stream().map(AggregateRoot::getId).toList())
                    .and(WRITE_TOKEN).is(token));
            ours.fields().include("_id");
            java.util.Set<Object> landed = new java.util.HashSet<>();
            mongo.find(ours, Document.class, collection).forEach(d -> landed.add(d.get("_id")));
            written = aggregates.stream().filter(a -> landed.contains(a.getId())).toList();
        }
        written.forEach(a -> a.markStored(a.getVersion() + 1));
        if (!waiting.isEmpty()) {
            wakeRelay();
        }
        return written;
    }

    /** The token of the {@link #updateAll} pass that wrote a document last. */
    static final String WRITE_TOKEN = "_write";

    /**
     * The write of a change caused by a consumed event: it lands only when the document is still at the version read
     * and has not consumed the event. The latest ids are in the document ({@code $ne} decides in the write itself);
     * older ones were moved to {@link Outbox#CONSUMED}, each move counted in {@link Outbox#PROCESSED_MOVED}: when
     * the document has moved ids, they are looked up first and the write is conditional on the count seen then, so
     * a move between the lookup and the write makes the write miss, and the lookup is made again.
     *
     * @return true when written; false when the event had been consumed before
     * @throws org.springframework.dao.OptimisticLockingFailureException when the version moved (the caller retries)
     */
    private boolean writeOnce(String collection, Object id, Criteria versioned, Update update, String eventId,
                              String versionField) {
        update.push(Outbox.PROCESSED, eventId).inc(Outbox.PROCESSED_SIZE, 1);
        String key = documentKey(collection, id);
        Long moves = movesSeen.get(key);
        for (int attempt = 0; attempt < 10; attempt++) {
            if (moves != null && moved(collection, id, eventId)) {
                return false;
            }
            Criteria criteria = Criteria.where(Outbox.PROCESSED).ne(eventId);
            criteria = moves == null ? criteria.and(Outbox.PROCESSED_MOVED).exists(false)
                    : criteria.and(Outbox.PROCESSED_MOVED).is(moves);
            Query query = Query.query(new Criteria().andOperator(versioned, criteria));
            query.fields().include(Outbox.PROCESSED_SIZE);
            Document written = mongo.findAndModify(query, update,
                    org.springframework.data.mongodb.core.FindAndModifyOptions.options().returnNew(true),
                    Document.class, collection);
            if (written != null) {
                Number size = written.get(Outbox.PROCESSED_SIZE, Number.class);
                if (size != null && size.intValue() > Outbox.PROCESSED_KEPT + Outbox.PROCESSED_SLACK) {
                    moveOldest(collection, id);
                }
                return true;
            }
            Query now = Query.query(Criteria.where("_id").is(id));
            now.fields().include(versionField).include(Outbox.PROCESSED_MOVED).include(Outbox.PROCESSED);
            Document current = mongo.findOne(now, Document.class, collection);
            if (current == null) {
                break;
            }
            List<?> recent = current.getList(Outbox.PROCESSED, Object.class);
            if (recent != null && recent.contains(eventId)) {
                return false;
            }
            Number seen = current.get(Outbox.PROCESSED_MOVED, Number.class);
            Long nowMoves = seen == null ? null : seen.longValue();
            if (java.util.Objects.equals(nowMoves, moves)) {
                break;      // the version moved
            }
            moves = nowMoves;
            remember(key, moves);
        }
        if (moved(collection, id, eventId)) {
            return false;
        }
        throw new org.springframework.dao.OptimisticLockingFailureException(
                "version of " + collection + " " + id + " moved");
    }

    /**
     * Moves the oldest consumed ids of a document out to {@link Outbox#CONSUMED}, keeping the latest
     * {@link Outbox#PROCESSED_KEPT}: first written there (a write again is harmless), then taken out of the document
     * in one write that counts the move. Two moves at once: the second finds the count changed and does nothing.
     */
    private void moveOldest(String collection, Object id) {
        Query read = Query.query(Criteria.where("_id").is(id));
        read.fields().include(Outbox.PROCESSED).include(Outbox.PROCESSED_MOVED);
        Document doc = mongo.findOne(read, Document.class, collection);
        List<Object> ids = doc == null ? null : doc.getList(Outbox.PROCESSED, Object.class);
        if (ids == null || ids.size() <= Outbox.PROCESSED_KEPT) {
            return;
        }
        List<Object> oldest = new ArrayList<>(ids.subList(0, ids.size() - Outbox.PROCESSED_KEPT));
        Date at = new Date();
        org.springframework.data.mongodb.core.BulkOperations bulk = mongo.bulkOps(
                org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Outbox.CONSUMED);
        for (Object eventId : oldest) {
            bulk.upsert(Query.query(Criteria.where("_id").is(consumedKey(collection, id, String.valueOf(eventId)))),
                    new Update().set("collection", collection).set("documentId", id).set("at", at));
        }
        bulk.execute();
        Number seen = doc.get(Outbox.PROCESSED_MOVED, Number.class);
        Criteria unchanged = seen == null ? Criteria.where(Outbox.PROCESSED_MOVED).exists(false)
                : Criteria.where(Outbox.PROCESSED_MOVED).is(seen.longValue());
        Update take = new Update().pullAll(Outbox.PROCESSED, oldest.toArray())
                .inc(Outbox.PROCESSED_SIZE, -oldest.size()).inc(Outbox.PROCESSED_MOVED, 1L);
        if (mongo.updateFirst(Query.query(Criteria.where("_id").is(id)).addCriteria(unchanged), take, collection)
                .getMatchedCount() == 1) {
            remember(documentKey(collection, id), (seen == null ? 0L : seen.longValue()) + 1);
        }
    }

    /** A hint of how many moves a document had (a miss only costs a read): bounded, for the few documents that move. */
    private void remember(String key, Long moves) {
        if (movesSeen.size() >= 10_000) {
            movesSeen.clear();
        }
        if (moves == null) {
            movesSeen.remove(key);
        } else {
            movesSeen.put(key, moves);
        }
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
