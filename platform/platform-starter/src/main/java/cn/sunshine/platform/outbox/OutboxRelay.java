package cn.sunshine.platform.outbox;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.events.CloudEventHeaders;
import cn.sunshine.platform.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the events waiting in aggregates' outboxes, in order per aggregate, with publisher
 * confirms; an event leaves the outbox only after the broker acknowledged it. A lease on the
 * document keeps two relays (two replicas) from publishing the same aggregate at once; a relay
 * that died leaves its lease to expire and another picks the events up.
 *
 * <p>While the broker is unreachable the events wait in MongoDB and the relay retries on every tick.
 */
public class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    /** About how many events one broker confirm covers (a pass publishes its documents in chunks of this many). */
    static final int CONFIRM_CHUNK = 200;

    private final MongoTemplate mongo;
    private final RabbitTemplate rabbit;
    private final MessagingProperties props;
    private final OutboxProperties outbox;
    private final Clock clock;
    private final String source;
    private final String owner;
    private final Counter published;
    private final MeterRegistry meters;
    private final Counter failures;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;
    private volatile ScheduledFuture<?> ticker;
    private volatile Instant nextSweep;

    public OutboxRelay(MongoTemplate mongo, RabbitTemplate rabbit, MessagingProperties props, OutboxProperties outbox,
                       Clock clock, String applicationName, MeterRegistry meters) {
        this.mongo = mongo;
        this.rabbit = rabbit;
        this.props = props;
        this.outbox = outbox;
        this.clock = clock;
        this.source = "/sunshine/" + applicationName;
        this.owner = applicationName + "-" + java.util.UUID.randomUUID();
        this.meters = meters;
        this.published = Counter.builder("sunshine.outbox.published").description("events published from the outbox")
                .register(meters);
        this.failures = Counter.builder("sunshine.outbox.publish.failures")
                .description("attempts to publish that the broker did not confirm").register(meters);
    }

    /** Collections that hold aggregates (and so outboxes), found from the mapping context. */
    public Set<String> collections() {
        Set<String> names = new TreeSet<>();
        for (MongoPersistentEntity<?> e : mongo.getConverter().getMappingContext().getPersistentEntities()) {
            if (AggregateRoot.class.isAssignableFrom(e.getType()) && !java.lang.reflect.Modifier.isAbstract(e.getType().getModifiers())) {
                names.add(e.getCollection());
            }
        }
        return names;
    }

    /** Asks for a run as soon as possible (after a write that added events). */
    public void wakeUp() {
        ScheduledExecutorService ex = executor;
        if (ex != null && scheduled.compareAndSet(false, true)) {
            ex.execute(this::runSafely);
        }
    }

    private void runSafely() {
        scheduled.set(false);
        try {
            relayOnce();
        } catch (RuntimeException e) {
            log.warn("outbox relay run failed, will retry: {}", e.toString());
        }
    }

    /**
     * One pass: the documents the outbox index names, and — at start-up and every
     * {@code sweep-interval} — every aggregate collection (the safety net).
     *
     * @return how many events were published
     */
    public int relayOnce() {
        int count = relayIndexed();
        Instant now = clock.instant();
        if (nextSweep == null || !now.isBefore(nextSweep)) {
            nextSweep = now.plus(outbox.getSweepInterval());
            for (String collection : collections()) {
                count += sweep(collection);
            }
        }
        return count;
    }

    /** The next pass also scans every collection (tests; an operator's nudge after repairing data by hand). */
    public void sweepNow() {
        nextSweep = null;
        wakeUp();
    }

    /**
     * The documents whose outbox may hold events, read from the small index collection (oldest first)
     * instead of scanning every aggregate collection, a pass's worth at a time and by collection: the
     * documents of a collection are claimed together (one write, the pass's own lease token), their events
     * published under one confirm in each document's order, and the confirmed events taken out and the
     * leases released together (one write) — a handful of round trips a pass instead of three a document and
     * a confirm an event. An entry is removed when its events were published and nothing is left, or, when
     * nothing was found, once it is older than {@code index-grace} (a writer records the entry just before
     * its own write; the grace covers the moment between) — and only if no newer write replaced it (its token).
     */
    private int relayIndexed() {
        List<Document> entries = mongo.find(new Query().with(Sort.by("at")).limit(outbox.getBatchSize()), Document.class,
                Outbox.INDEX);
        java.util.Map<String, List<Document>> byCollection = new java.util.LinkedHashMap<>();
        for (Document entry : entries) {
            String collection = entry.getString("collection");
            if (collection == null || entry.get("aggregateId") == null) {
                mongo.remove(Query.query(Criteria.where("_id").is(entry.get("_id"))), Outbox.INDEX);
                continue;
            }
            byCollection.computeIfAbsent(collection, c -> new ArrayList<>()).add(entry);
        }
        int count = 0;
        for (java.util.Map.Entry<String, List<Document>> group : byCollection.entrySet()) {
            count += relayEntries(group.getKey(), group.getValue());
        }
        return count;
    }

    /** One collection's part of a pass: claim, publish, release, then the index entries that are done. */
    private int relayEntries(String collection, List<Document> entries) {
        List<Object> ids = entries.stream().map(e -> e.get("aggregateId")).distinct().toList();
        Date now = Date.from(clock.instant());
        String token = java.util.UUID.randomUUID().toString();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and(Outbox.FIELD + ".0").exists(true)
                        .orOperator(Criteria.where(Outbox.LEASE).exists(false), Criteria.where(Outbox.LEASE + ".until").lt(now))),
                new Update().set(Outbox.LEASE, new Document("owner", owner).append("token", token)
                        .append("until", Date.from(clock.instant().plus(outbox.getLease())))),
                collection);
        Query mine = Query.query(Criteria.where("_id").in(ids).and(Outbox.LEASE + ".token").is(token));
        mine.fields().include("_id").include(Outbox.FIELD);
        List<Document> claimed = mongo.find(mine, Document.class, collection);
        java.util.Set<Object> published = new java.util.HashSet<>();
        int count = 0;
        if (!claimed.isEmpty()) {
            // Documents in chunks of about CONFIRM_CHUNK events, each chunk under one confirm: a slow broker
            // confirms a chunk within the timeout where it might not a whole pass, and what was confirmed before
            // a failure counts.
            List<Object> confirmedDocs = new ArrayList<>();
            List<String> confirmedEvents = new ArrayList<>();
            List<Object> held = new ArrayList<>();
            List<Document> events = new ArrayList<>();
            List<Message> messages = new ArrayList<>();
            List<Object> chunk = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < claimed.size(); i++) {
                Document doc = claimed.get(i);
                Object id = doc.get("_id");
                if (failed) {
                    held.add(id);
                    continue;
                }
                List<Document> own = doc.getList(Outbox.FIELD, Document.class);
                try {
                    messages.addAll(own.stream().map(this::message).toList());
                    events.addAll(own);
                    chunk.add(id);
                } catch (RuntimeException e) {
                    // One document's broken entry must not hold back the others' events; it stays, and says so.
                    log.error("the outbox of {} {} holds an event that cannot be sent, it stays: {}", collection, id,
                            e.toString());
                    held.add(id);
                }
                if (!chunk.isEmpty() && (events.size() >= CONFIRM_CHUNK || i == claimed.size() - 1)) {
                    if (publish(events, messages)) {
                        confirmedDocs.addAll(chunk);
                        events.forEach(e -> confirmedEvents.add(e.getString(Outbox.EVENT_ID)));
                    } else {
                        failed = true;
                        held.addAll(chunk);
                    }
                    events = new ArrayList<>();
                    messages = new ArrayList<>();
                    chunk = new ArrayList<>();
                }
            }
            if (!confirmedDocs.isEmpty()) {
                // by id: an event a writer appended after the claim stays for the next pass
                mongo.updateMulti(Query.query(Criteria.where("_id").in(confirmedDocs).and(Outbox.LEASE + ".token").is(token)),
                        new Update().unset(Outbox.LEASE).pull(Outbox.FIELD,
                                new Document(Outbox.EVENT_ID, new Document("$in", confirmedEvents))),
                        collection);
                published.addAll(confirmedDocs);
                count = confirmedEvents.size();
            }
            if (!held.isEmpty()) {
                // Kept from others a little while (the broker unreachable, an entry broken), then tried again.
                mongo.updateMulti(Query.query(Criteria.where("_id").in(held).and(Outbox.LEASE + ".token").is(token)),
                        new Update().set(Outbox.LEASE + ".until", Date.from(clock.instant().plus(outbox.getRetryDelay()))),
                        collection);
            }
        }
        // What is still waiting: added since the claim, not confirmed, or under another relay's lease.
        Query look = Query.query(Criteria.where("_id").in(ids).and(Outbox.FIELD + ".0").exists(true));
        look.fields().include("_id");
        java.util.Set<Object> waiting = new java.util.HashSet<>();
        mongo.find(look, Document.class, collection).forEach(d -> waiting.add(d.get("_id")));
        Instant graceLimit = clock.instant().minus(outbox.getIndexGrace());
        List<Query> done = new ArrayList<>();
        for (Document entry : entries) {
            Object id = entry.get("aggregateId");
            Date at = entry.getDate("at");
            // Published now and nothing left: done. Nothing found at all: the writer may be between its
            // two writes, so the entry stays for the grace (a failed write's entry goes after it).
            if (!waiting.contains(id) && (published.contains(id) || at == null || at.toInstant().isBefore(graceLimit))) {
                done.add(Query.query(Criteria.where("_id").is(entry.get("_id")).and("token").is(entry.getString("token"))));
            }
        }
        if (!done.isEmpty()) {
            mongo.bulkOps(org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, Outbox.INDEX)
                    .remove(done).execute();
        }
        return count;
    }

    /**
     * The safety net: publishes what waits anywhere in one collection, a document at a time. One write claims
     * a document (the lease), one write removes the events the broker confirmed and releases it (events added
     * meanwhile are published in the next round).
     */
    private int sweep(String collection) {
        int count = 0;
        for (int guard = 0; guard < outbox.getBatchSize(); guard++) {
            Date now = Date.from(clock.instant());
            Query claimable = Query.query(Criteria.where(Outbox.FIELD + ".0").exists(true)
                    .orOperator(Criteria.where(Outbox.LEASE).exists(false),
                            Criteria.where(Outbox.LEASE + ".until").lt(now)));
            Update lease = new Update().set(Outbox.LEASE, new Document("owner", owner)
                    .append("until", Date.from(clock.instant().plus(outbox.getLease()))));
            Document doc = mongo.findAndModify(claimable, lease, FindAndModifyOptions.options().returnNew(true),
                    Document.class, collection);
            if (doc == null) {
                break;
            }
            List<Document> entries = doc.getList(Outbox.FIELD, Document.class);
            List<Message> messages;
            try {
                messages = entries.stream().map(this::message).toList();
            } catch (RuntimeException e) {
                log.error("the outbox of {} {} holds an event that cannot be sent, it stays: {}", collection,
                        doc.get("_id"), e.toString());
                mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id")).and(Outbox.LEASE + ".owner").is(owner)),
                        new Update().set(Outbox.LEASE + ".until", Date.from(clock.instant().plus(outbox.getRetryDelay()))),
                        collection);
                continue;
            }
            boolean complete = false;
            try {
                complete = publish(entries, messages);
            } finally {
                Update release = complete ? new Update().unset(Outbox.LEASE)
                        // Keep others away a little while the broker is unreachable.
                        : new Update().set(Outbox.LEASE + ".until", Date.from(clock.instant().plus(outbox.getRetryDelay())));
                if (complete) {
                    // by id: an event the writer appended after the claim stays for the next round
                    release.pull(Outbox.FIELD, new Document(Outbox.EVENT_ID,
                            new Document("$in", entries.stream().map(e -> e.getString(Outbox.EVENT_ID)).toList())));
                }
                mongo.updateFirst(Query.query(Criteria.where("_id").is(doc.get("_id")).and(Outbox.LEASE + ".owner").is(owner)),
                        release, collection);
            }
            if (!complete) {
                break;
            }
            count += entries.size();
        }
        return count;
    }

    /**
     * Publishes the events in their order and waits for the broker's confirm of them all (one wait): true when every
     * one was confirmed. On any failure none counts as published — they stay in the outbox and go again, and a
     * consumer drops an event it applied before by its id.
     */
    private boolean publish(List<Document> entries, List<Message> messages) {
        if (entries.isEmpty()) {
            return true;
        }
        try {
            rabbit.invoke(ops -> {
                for (int i = 0; i < messages.size(); i++) {
                    ops.send(props.getExchange(), entries.get(i).getString(Outbox.TYPE), messages.get(i));
                }
                ops.waitForConfirmsOrDie(props.getConfirmTimeout().toMillis());
                return Boolean.TRUE;
            });
        } catch (RuntimeException e) {
            failures.increment();
            Document first = entries.get(0);
            log.warn("{} event(s) from {} ({}) not confirmed by the broker, they stay in the outbox: {}", entries.size(),
                    first.getString(Outbox.EVENT_ID), first.getString(Outbox.TYPE), e.toString());
            return false;
        }
        for (Document entry : entries) {
            published.increment();
            // The programme's own figures, by event type and division (a county, city or province
            // code: at most a province's divisions, a bounded label), for dashboards.
            meters.counter("sunshine.events.published", "type", String.valueOf(entry.getString(Outbox.TYPE)),
                    "division", String.valueOf(entry.getString(Outbox.DIVISION))).increment();
        }
        return true;
    }

    private Message message(Document entry) {
        MessageProperties mp = new MessageProperties();
        String eventId = entry.getString(Outbox.EVENT_ID);
        String type = entry.getString(Outbox.TYPE);
        mp.setMessageId(eventId);
        mp.setType(type);
        mp.setContentType(CloudEventHeaders.JSON);
        mp.setContentEncoding("UTF-8");
        mp.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        Date time = entry.getDate(Outbox.TIME);
        mp.setTimestamp(time);
        mp.setAppId(source);
        mp.setHeader(CloudEventHeaders.ID, eventId);
        mp.setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        mp.setHeader(CloudEventHeaders.SOURCE, source);
        mp.setHeader(CloudEventHeaders.TYPE, type);
        mp.setHeader(CloudEventHeaders.TIME, time.toInstant().toString());
        mp.setHeader(CloudEventHeaders.SUBJECT, entry.getString(Outbox.SUBJECT));
        mp.setHeader(CloudEventHeaders.DATA_CONTENT_TYPE, CloudEventHeaders.JSON);
        mp.setHeader(CloudEventHeaders.DIVISION, entry.getString(Outbox.DIVISION));
        if (entry.getString(Outbox.TRACEPARENT) != null) {
            mp.setHeader(CloudEventHeaders.TRACEPARENT, entry.getString(Outbox.TRACEPARENT));
        }
        return new Message(entry.getString(Outbox.PAYLOAD).getBytes(StandardCharsets.UTF_8), mp);
    }

    @Override
    public void start() {
        if (!outbox.isRelayEnabled()) {
            log.info("outbox relay disabled (sunshine.outbox.relay-enabled=false)");
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "outbox-relay");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, outbox.getPollInterval().toMillis());
        ticker = executor.scheduleWithFixedDelay(this::runSafely, period, period, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService ex = executor;
        executor = null;
        if (ticker != null) {
            ticker.cancel(false);
        }
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Events still waiting in the outboxes the index names (for the gauge and the tests): no collection scan. */
    public long pending() {
        long n = 0;
        for (Document entry : mongo.find(new Query(), Document.class, Outbox.INDEX)) {
            String collection = entry.getString("collection");
            Object id = entry.get("aggregateId");
            if (collection == null || id == null) {
                continue;
            }
            Document d = mongo.findOne(Query.query(Criteria.where("_id").is(id).and(Outbox.FIELD + ".0").exists(true)),
                    Document.class, collection);
            if (d != null) {
                n += d.getList(Outbox.FIELD, Document.class).size();
            }
        }
        return n;
    }

    /**
     * How long the oldest event known to wait has waited, in seconds (0 when none waits): from the outbox
     * index's entries, each written just before its aggregate's write. An alert fires when the relay falls
     * behind (the broker is down, the relay is stuck).
     */
    public double oldestWaitingSeconds() {
        Document oldest = mongo.findOne(new Query().with(org.springframework.data.domain.Sort.by("at")).limit(1),
                Document.class, Outbox.INDEX);
        Date at = oldest == null ? null : oldest.getDate("at");
        return at == null ? 0 : Math.max(0, Duration.between(at.toInstant(), clock.instant()).toMillis() / 1000.0);
    }

    public Duration pollInterval() {
        return outbox.getPollInterval();
    }
}
