package cn.sunshine.platform.progress;

import cn.sunshine.platform.domain.AggregateRoot;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Progress figures kept as tallies, so that a report over a province never reads every trainee (docs/reports.md).
 *
 * <p>A {@link Figure} counts (or sums a field of) the aggregates of one type that satisfy its rule, per county,
 * per day (or per programme year) and per one of {@value #BUCKETS} buckets of aggregate ids. Every aggregate write
 * goes through {@link cn.sunshine.platform.outbox.AggregateStore}, which asks {@link #keysOf} for the keys the
 * aggregate belongs to, stores them on the document itself ({@value #FIELD}, indexed) in the same write and,
 * just before it, marks them stale ({@value #STALE}). A stale key is recounted exactly — the documents holding
 * the key that satisfy the rule, a bucket's few dozen through the index — and its tally set to the result
 * ({@value #TALLIES}). Recounting is idempotent, so nothing is counted twice and nothing is lost: a mark is
 * removed only when its token is unchanged and it is older than a grace (a writer between its mark and its
 * write keeps it stale), and a sum first recounts every stale key of its figure. A report's figure is then the
 * sum of a few thousand tallies, whatever the number of trainees.
 */
public class Tallies implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tallies.class);

    /** Where an aggregate's document keeps the tally keys it belongs to. */
    public static final String FIELD = "_tally";
    public static final String TALLIES = "progress_tallies";
    public static final String STALE = "progress_stale";
    public static final int BUCKETS = 16;
    static final Duration GRACE = Duration.ofSeconds(5);

    /**
     * One figure: its name, the aggregate type, the county and day (or year) an aggregate falls in (null when it
     * falls in none yet), the rule an aggregate must satisfy to count, and what it adds (1, or a field's value).
     */
    public record Figure<T extends AggregateRoot>(String name, Class<T> type, Function<T, Place> place, Criteria counts,
                                                  String sumField) {
    }

    /** Where an aggregate falls for a figure: its county (a division code) and day (yyyy-MM-dd, or a year yyyy). */
    public record Place(String division, String day) {
    }

    private final MongoTemplate mongo;
    private final Map<String, Figure<?>> figures;
    private final Map<Class<?>, List<Figure<?>>> byType;

    public Tallies(MongoTemplate mongo, List<Figure<?>> figures) {
        this.mongo = mongo;
        this.figures = figures.stream().collect(Collectors.toMap(Figure::name, f -> f, (a, b) -> {
            throw new IllegalStateException("two figures named " + a.name());
        }, java.util.LinkedHashMap::new));
        this.byType = figures.stream().collect(Collectors.groupingBy(Figure::type));
        mongo.indexOps(TALLIES).createIndex(new Index().on("figure", Sort.Direction.ASC).named("figure"));
        mongo.indexOps(STALE).createIndex(new Index().on("figure", Sort.Direction.ASC).named("figure"));
        for (Class<?> type : byType.keySet()) {
            mongo.indexOps(type).createIndex(new Index().on(FIELD, Sort.Direction.ASC).named(FIELD));
        }
    }

    /** Whether aggregates of this type are tallied. */
    public boolean tallies(Class<?> type) {
        return byType.containsKey(type);
    }

    /** The tally keys an aggregate belongs to now (empty when its type has no figure). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public List<String> keysOf(AggregateRoot aggregate) {
        List<Figure<?>> ofType = byType.get(aggregate.getClass());
        if (ofType == null) {
            return List.of();
        }
        Set<String> keys = new LinkedHashSet<>();
        int bucket = Math.floorMod(aggregate.getId().hashCode(), BUCKETS);
        for (Figure f : ofType) {
            Place p = (Place) f.place().apply(aggregate);
            if (p != null && p.division() != null && p.day() != null) {
                keys.add(f.name() + "|" + p.division() + "|" + p.day() + "|" + bucket);
            }
        }
        return List.copyOf(keys);
    }

    /**
     * When this process last marked each key. A key it marked less than {@link #REMARK_AFTER} ago is not marked
     * again: that mark stays at least {@link #GRACE} after it was set, longer than the write that follows the
     * skipped mark takes to land, so a recount that removes it has seen that write too. (A class batch writes
     * fifty enrollments of one key: one mark instead of fifty.)
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> markedAt = new java.util.concurrent.ConcurrentHashMap<>();
    static final Duration REMARK_AFTER = Duration.ofSeconds(1);

    /** Marks keys stale just before the write that may change what they count (a fresh token each time). */
    public void markStale(List<String> keys) {
        // The machine's time, not the programme clock (an operator may move that): the grace is real time.
        Date now = new Date();
        long nanos = System.nanoTime();
        for (String key : keys) {
            Long last = markedAt.get(key);
            if (last != null && nanos - last < REMARK_AFTER.toNanos()) {
                continue;
            }
            String[] k = key.split("\\|");
            Update mark = new Update().set("figure", k[0]).set("division", k[1]).set("day", k[2]).set("bucket", k[3])
                    .set("token", UUID.randomUUID().toString()).set("at", now);
            try {
                mongo.upsert(Query.query(Criteria.where("_id").is(key)), mark, STALE);
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                mongo.upsert(Query.query(Criteria.where("_id").is(key)), mark, STALE);
            }
            markedAt.put(key, nanos);
        }
    }

    /**
     * The figure summed over a division (and everything below it) and an inclusive range of days (or years),
     * after recounting whatever is stale.
     */
    public long sum(String figure, String divisionPrefix, String fromDay, String toDay) {
        refresh(figure);
        long total = 0;
        Query q = Query.query(new Criteria().andOperator(Criteria.where("figure").is(figure),
                Criteria.where("division").regex("^" + java.util.regex.Pattern.quote(divisionPrefix)),
                Criteria.where("day").gte(fromDay).lte(toDay)));
        q.fields().include("value");
        for (Document t : mongo.find(q, Document.class, TALLIES)) {
            total += ((Number) t.getOrDefault("value", 0L)).longValue();
        }
        return total;
    }

    /** The figure over a period of Asia/Shanghai days. */
    public long sum(String figure, ProgressPeriod period) {
        return sum(figure, period.division().prefix(), period.from().toString(), period.to().toString());
    }

    /** The figure over the programme years of a period. */
    public long sumOfYears(String figure, ProgressPeriod period) {
        return sum(figure, period.division().prefix(), Integer.toString(period.from().getYear()),
                Integer.toString(period.to().getYear()));
    }

    private java.util.concurrent.ScheduledExecutorService refresher;

    /** Recounts what is stale every {@code every} on a thread of its own, so that a report finds little to recount. */
    public Tallies start(Duration every) {
        refresher = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-tallies");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refreshAll, every.toMillis(), every.toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The keys waiting to be recounted are recounted now (and, once after start, older documents get keys). */
    void refreshAll() {
        try {
            if (!backfilled) {
                backfill();
                backfilled = true;
            }
            for (String figure : figures.keySet()) {
                refresh(figure);
            }
        } catch (RuntimeException e) {
            log.warn("tally refresh failed: {}", e.toString());
        }
    }

    private volatile boolean backfilled;

    /**
     * Documents written before their type was tallied (data of an earlier version) get their keys, marked stale,
     * once after start: one pass over what has none (nothing, on data written since).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public int backfill() {
        int n = 0;
        for (Class<?> type : byType.keySet()) {
            for (Object found : mongo.find(Query.query(Criteria.where(FIELD).exists(false)), type)) {
                AggregateRoot a = (AggregateRoot) found;
                List<String> keys = keysOf(a);
                markStale(keys);
                mongo.updateFirst(Query.query(Criteria.where("_id").is(a.getId()).and(FIELD).exists(false)),
                        new Update().set(FIELD, keys), type);
                n++;
            }
        }
        if (n > 0) {
            log.info("progress tallies: keys given to {} document(s) written before they were tallied", n);
        }
        return n;
    }

    /** Recounts every stale key of the figure; a mark stays while it is young or was renewed meanwhile. */
    public synchronized int refresh(String figureName) {
        Figure<?> figure = figures.get(figureName);
        if (figure == null) {
            throw new IllegalArgumentException("no figure " + figureName);
        }
        int n = 0;
        Instant young = Instant.now().minus(GRACE);
        for (Document mark : mongo.find(Query.query(Criteria.where("figure").is(figureName)), Document.class, STALE)) {
            String key = mark.getString("_id");
            long value = recount(figure, key);
            mongo.upsert(Query.query(Criteria.where("_id").is(key)), new Update().set("figure", figureName)
                    .set("division", mark.getString("division")).set("day", mark.getString("day"))
                    .set("bucket", mark.get("bucket")).set("value", value), TALLIES);
            Date at = mark.getDate("at");
            if (at != null && at.toInstant().isBefore(young)) {
                mongo.remove(Query.query(Criteria.where("_id").is(key).and("token").is(mark.getString("token"))), STALE);
            }
            n++;
        }
        return n;
    }

    /** The exact value of one key: its documents (through the index on {@value #FIELD}) that satisfy the rule. */
    private long recount(Figure<?> figure, String key) {
        Query q = Query.query(new Criteria().andOperator(Criteria.where(FIELD).is(key), figure.counts()));
        String collection = mongo.getCollectionName(figure.type());
        if (figure.sumField() == null) {
            return mongo.count(q, collection);
        }
        q.fields().include(figure.sumField());
        long total = 0;
        for (Document d : mongo.find(q, Document.class, collection)) {
            Object v = d.get(figure.sumField());
            total += v instanceof Number number ? number.longValue() : 0L;
        }
        return total;
    }

    /** The Asia/Shanghai day of an instant, as tallies key it (null for null). */
    public static String day(Instant at) {
        return at == null ? null : LocalDate.ofInstant(at, ProgressPeriod.ZONE).toString();
    }

    /** Every key of every figure recounted from the documents (a safety net; an operator's repair). */
    public int rebuild() {
        int n = 0;
        for (Figure<?> f : figures.values()) {
            List<String> keys = new ArrayList<>();
            for (String k : mongo.getCollection(mongo.getCollectionName(f.type())).distinct(FIELD, String.class)) {
                if (k != null && k.startsWith(f.name() + "|")) {
                    keys.add(k);
                }
            }
            markStale(keys);
            n += refresh(f.name());
        }
        return n;
    }
}
