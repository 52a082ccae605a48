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
                count += relayCollection(collection, null).published();
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
     * instead of scanning every aggregate collection: each is claimed and published by its id. An entry
     * is removed when its events were published and nothing is left, or, when nothing was found, once
     * it is older than {@code index-grace} (a writer records the entry just before its own write; the
     * grace covers the moment between) — and only if no newer write replaced it (its token).
     */
    private int relayIndexed() {
        int count = 0;
        List<Document> entries = mongo.find(new Query().with(Sort.by("at")).limit(outbox.getBatchSize()), Document.class,
                Outbox.INDEX);
        Instant graceLimit = clock.instant().minus(outbox.getIndexGrace());
        for (Document entry : entries) {
            String collection = entry.getString("collection");
            Object id = entry.get("aggregateId");
            if (collection == null || id == null) {
                mongo.remove(Query.query(Criteria.where("_id").is(entry.get("_id"))), Outbox.INDEX);
                continue;
            }
            Relayed relayed = relayCollection(collection, id);
            count += relayed.published();
            // What the relay saw last of the document, or — when it could not claim it (no events, or another
            // relay's lease) — a look at it.
            boolean waiting = relayed.left() != null ? relayed.left()
                    : mongo.exists(Query.query(Criteria.where("_id").is(id).and(Outbox.FIELD + ".0").exists(true)), collection);
            Date at = entry.getDate("at");
            // Published now and nothing left: done. Nothing found at all: the writer may be between its
            // two writes, so the entry stays for the grace (a failed write's entry goes after it).
            if (!waiting && (relayed.published() > 0 || at == null || at.toInstant().isBefore(graceLimit))) {
                mongo.remove(Query.query(Criteria.where("_id").is(entry.get("_id")).and("token").is(entry.getString("token"))),
                        Outbox.INDEX);
            }
        }
        return count;
    }

    /**
     * What one call of {@link #relayCollection} did: the events published, and whether the last document it
     * released still holds events (null when it claimed none: it did not see).
     */
    private record Relayed(int published, Boolean left) {
    }

    /**
     * Publishes what waits in one collection: in the document with this id, or in any (id null). Per document:
     * one write claims it (the lease), one write removes the events the broker confirmed and releases it, and
     * answers what is left (events added meanwhile are published in the next round of the loop).
     */
    private Relayed relayCollection(String collection, Object id) {
        int count = 0;
        Boolean left = null;
        for (int guard = 0; guard < outbox.getBatchSize(); guard++) {
            Date now = Date.from(clock.instant());
            Criteria waiting = id == null ? Criteria.where(Outbox.FIELD + ".0").exists(true)
                    : Criteria.where("_id").is(id).and(Outbox.FIELD + ".0").exists(true);
            Query claimable = Query.query(waiting
                    .orOperator(Criteria.where(Outbox.LEASE).exists(false),
                            Criteria.where(Outbox.LEASE + ".until").lt(now)));
            Update lease = new Update().set(Outbox.LEASE, new Document("owner", owner)
                    .append("until", Date.from(clock.instant().plus(outbox.getLease()))));
            Document doc = mongo.findAndModify(claimable, lease, FindAndModifyOptions.options().returnNew(true),
                    Document.class, collection);
            if (doc == null) {
                break;
            }
            boolean complete = true;
            List<String> confirmed = new ArrayList<>();
            try {
                List<Document> entries = doc.getList(Outbox.FIELD, Document.class);
                for (Document entry : entries) {
                    if (!publish(entry)) {
                        complete = false;
                        break;
                    }
                    confirmed.add(entry.getString(Outbox.EVENT_ID));
                    published.increment();
                    // The programme's own figures, by event type and division (a county, city or province
                    // code: at most a province's divisions, a bounded label), for dashboards.
                    meters.counter("sunshine.events.published", "type", String.valueOf(entry.getString(Outbox.TYPE)),
                            "division", String.valueOf(entry.getString(Outbox.DIVISION))).increment();
                    count++;
                }
            } finally {
                Update release = new Update().unset(Outbox.LEASE);
                if (!complete) {
                    // Keep others away a little while the broker is unreachable.
                    release = new Update().set(Outbox.LEASE + ".until",
                            Date.from(clock.instant().plus(outbox.getRetryDelay())));
                }
                if (!confirmed.isEmpty()) {
                    // by id: an event the writer appended after the claim stays for the next round
                    release.pull(Outbox.FIELD, new Document(Outbox.EVENT_ID, new Document("$in", confirmed)));
                }
                Document after = mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(doc.get("_id")).and(Outbox.LEASE + ".owner").is(owner)),
                        release, FindAndModifyOptions.options().returnNew(true), Document.class, collection);
                List<?> rest = after == null ? null : after.getList(Outbox.FIELD, Object.class);
                left = after == null ? null : rest != null && !rest.isEmpty();
            }
            if (!complete || (id != null && Boolean.FALSE.equals(left))) {
                break;
            }
        }
        return new Relayed(count, left);
    }

    private boolean publish(Document entry) {
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
        Message message = new Message(entry.getString(Outbox.PAYLOAD).getBytes(StandardCharsets.UTF_8), mp);
        try {
            rabbit.invoke(ops -> {
                ops.send(props.getExchange(), type, message);
                ops.waitForConfirmsOrDie(props.getConfirmTimeout().toMillis());
                return Boolean.TRUE;
            });
            return true;
        } catch (RuntimeException e) {
            failures.increment();
            log.warn("event {} ({}) not confirmed by the broker, it stays in the outbox: {}", eventId, type, e.toString());
            return false;
        }
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
