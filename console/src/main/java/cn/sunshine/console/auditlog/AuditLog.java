package cn.sunshine.console.auditlog;

import cn.sunshine.console.web.Formats;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The console's own login log (collection {@code sign_ins}) and operation log ({@code operations}) in its MongoDB
 * database, beside the sessions. Append-only: entries are inserted, read and — past the retention — removed by
 * {@link #removeExpired()}; nothing updates or deletes one otherwise, and no page or API can.
 *
 * <p>An entry says who (token subject, username, roles, division, base; the person's name only in the login log —
 * an official's, never a trainee's), when, from where (the client address the gateway resolved, and the user agent
 * at sign-in), and the session's handle (never its id). The operation log keeps the method, the API path without its
 * query (a segment that looks like an ID number or a mobile number is masked), the console page, the outcome status
 * and problem type, and the Idempotency-Key — never a body. Each entry carries its {@code scope}, the division codes
 * it lies under (province, city, county: GB/T 2260), so a reader sees the entries of their own division and below.
 */
public class AuditLog {

    static final String SIGN_INS = "sign_ins";
    static final String OPERATIONS = "operations";
    /** The scope of an entry with no division (a failed sign-in, the public's objection): the province's readers see it. */
    static final String NO_DIVISION = "-";

    /** The login log's events. */
    public static final List<String> EVENTS = List.of("SIGNED_IN", "SIGN_IN_FAILED", "SIGNED_OUT", "EXPIRED", "ENDED");

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final Pattern DIVISION = Pattern.compile("\\d{6}");
    private static final Pattern ID_NUMBER = Pattern.compile("\\d{17}[\\dXx]|\\d{15}");
    private static final Pattern MOBILE = Pattern.compile("1\\d{10}");

    /** Who did something, as the ID token says (null fields for the public). */
    public record Who(String subject, String username, String name, List<String> roles, String division, String baseId) {
        public static final Who ANONYMOUS = new Who(null, null, null, List.of(), null, null);
    }

    /** Where from: the client address, the user agent, the session's handle. */
    public record From(String address, String userAgent, String session) {
    }

    private final MongoTemplate mongo;
    private final AuditLogProperties properties;
    private final Clock clock;

    public AuditLog(MongoTemplate mongo, AuditLogProperties properties, Clock clock) {
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
    }

    private MongoCollection<Document> signIns() {
        return mongo.getCollection(SIGN_INS);
    }

    private MongoCollection<Document> operations() {
        return mongo.getCollection(OPERATIONS);
    }

    public void createIndexes() {
        for (MongoCollection<Document> c : List.of(signIns(), operations())) {
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("scope"), Indexes.descending("at")), new IndexOptions().name("scope_at"));
            c.createIndex(Indexes.ascending("session"), new IndexOptions().name("session"));
            c.createIndex(Indexes.ascending("at"), new IndexOptions().name("at"));
        }
    }

    // ---- Writing

    /** A sign-in, a sign-out, an expiry or an end by the operator ({@code detail}: who ended it, or why a sign-in failed). */
    public void signIn(String event, Who who, From from, String detail) {
        if (!EVENTS.contains(event)) {
            throw new IllegalArgumentException(event);
        }
        Document d = entry(who, from).append("event", event).append("name", who.name())
                .append("userAgent", clip(from.userAgent(), 300)).append("detail", clip(detail, 120));
        insert(signIns(), d);
    }

    /**
     * A session that ended without its person (expired, or ended by the operator): the entry names whom its sign-in
     * named (found by the session's handle); nothing is written for a session that never signed in here.
     */
    public void sessionEnded(String event, String handle, String detail) {
        Document signedIn = signIns().find(Filters.and(Filters.eq("session", handle), Filters.eq("event", "SIGNED_IN")))
                .sort(Sorts.descending("at")).first();
        if (signedIn == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<String> roles = signedIn.get("roles", List.class);
        Who who = new Who(signedIn.getString("subject"), signedIn.getString("username"), signedIn.getString("name"),
                roles == null ? List.of() : roles, signedIn.getString("division"), signedIn.getString("baseId"));
        signIn(event, who, new From(null, null, handle), detail);
    }

    /** A state-changing request forwarded to the gateway, and how it was answered. */
    public void operation(Who who, From from, String method, String apiPath, String page, int status, String problemType,
                          String idempotencyKey) {
        Document d = entry(who, from).append("method", method).append("path", maskedPath(apiPath)).append("page", maskedPath(page))
                .append("status", status).append("problem", clip(problemType, 120)).append("idempotencyKey", clip(idempotencyKey, 100));
        insert(operations(), d);
    }

    private Document entry(Who who, From from) {
        return new Document("_id", UUID.randomUUID().toString()).append("at", Date.from(clock.instant()))
                .append("subject", who.subject()).append("username", who.username()).append("roles", who.roles())
                .append("division", who.division()).append("baseId", who.baseId()).append("scope", scope(who.division()))
                .append("address", clip(from.address(), 64)).append("session", from.session());
    }

    private static void insert(MongoCollection<Document> c, Document d) {
        try {
            c.insertOne(d);
        } catch (RuntimeException e) {
            // The act itself is done (or refused) at the API; a log that cannot be written is an operator's alarm.
            log.error("audit log entry not written to {} ({}): {} {}", c.getNamespace().getCollectionName(), e.getMessage(),
                    d.get("event", d.get("method")), d.get("path", ""));
        }
    }

    /** The divisions an entry lies under: 420981 → 420000, 420900, 420981. */
    static List<String> scope(String division) {
        if (division == null || division.isBlank()) {
            return List.of(NO_DIVISION);
        }
        if (!DIVISION.matcher(division).matches()) {
            return List.of(division);
        }
        Set<String> s = new LinkedHashSet<>(List.of(division.substring(0, 2) + "0000", division.substring(0, 4) + "00", division));
        return List.copyOf(s);
    }

    /** The path without its query, a segment that looks like an ID number or a mobile number masked. */
    static String maskedPath(String path) {
        if (path == null) {
            return null;
        }
        int q = path.indexOf('?');
        String p = q >= 0 ? path.substring(0, q) : path;
        List<String> segments = new ArrayList<>();
        for (String segment : p.split("/", -1)) {
            segments.add(ID_NUMBER.matcher(segment).matches() || MOBILE.matcher(segment).matches() ? "***" : segment);
        }
        return clip(String.join("/", segments), 300);
    }

    private static String clip(String s, int max) {
        return s == null ? null : s.length() > max ? s.substring(0, max) : s;
    }

    // ---- Reading

    /** What a reader asks for: every field optional. */
    public record Query(String who, LocalDate from, LocalDate to, String event, String pathPrefix, String outcome, String session) {
    }

    /** A page of entries, newest first, within the reader's division: {@code items}, {@code total}, {@code page}, {@code size}. */
    public Map<String, Object> signIns(Query q, String readerDivision, int page, int size) {
        return find(signIns(), q, readerDivision, page, size);
    }

    public Map<String, Object> operations(Query q, String readerDivision, int page, int size) {
        return find(operations(), q, readerDivision, page, size);
    }

    private Map<String, Object> find(MongoCollection<Document> c, Query q, String readerDivision, int page, int size) {
        Bson filter = filter(q, readerDivision);
        long total = c.countDocuments(filter);
        List<Map<String, Object>> items = new ArrayList<>();
        for (Document d : c.find(filter).sort(Sorts.descending("at", "_id")).skip(page * size).limit(size)) {
            Map<String, Object> m = new LinkedHashMap<>(d);
            m.put("at", d.getDate("at").toInstant());
            m.remove("scope");
            items.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", items);
        out.put("total", total);
        out.put("page", page);
        out.put("size", size);
        return out;
    }

    private static Bson filter(Query q, String readerDivision) {
        List<Bson> and = new ArrayList<>();
        List<String> scopes = new ArrayList<>(List.of(readerDivision));
        if (readerDivision.endsWith("0000")) {
            scopes.add(NO_DIVISION);
        }
        and.add(Filters.in("scope", scopes));
        if (q.who() != null) {
            and.add(Filters.or(Filters.eq("username", q.who()), Filters.eq("subject", q.who())));
        }
        if (q.from() != null) {
            and.add(Filters.gte("at", Date.from(q.from().atStartOfDay(Formats.PROGRAMME_ZONE).toInstant())));
        }
        if (q.to() != null) {
            and.add(Filters.lt("at", Date.from(q.to().plusDays(1).atStartOfDay(Formats.PROGRAMME_ZONE).toInstant())));
        }
        if (q.event() != null) {
            and.add(Filters.eq("event", q.event()));
        }
        if (q.pathPrefix() != null) {
            and.add(Filters.regex("path", "^" + q.pathPrefix().replace(".", "\\.")));
        }
        if ("ok".equals(q.outcome())) {
            and.add(Filters.lt("status", 400));
        } else if ("refused".equals(q.outcome())) {
            and.add(Filters.and(Filters.gte("status", 400), Filters.lt("status", 500)));
        } else if ("failed".equals(q.outcome())) {
            and.add(Filters.gte("status", 500));
        }
        if (q.session() != null) {
            and.add(Filters.eq("session", q.session()));
        }
        return Filters.and(and);
    }

    // ---- Retention

    /** Removes the entries older than the retention (the only removal there is); how many. */
    public long removeExpired() {
        Date before = Date.from(clock.instant().minus(properties.retention()));
        return signIns().deleteMany(Filters.lt("at", before)).getDeletedCount()
                + operations().deleteMany(Filters.lt("at", before)).getDeletedCount();
    }
}
