package cn.sunshine.console.session;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import cn.sunshine.platform.crypto.Sealed;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The console's HTTP sessions in its own MongoDB database (collection {@code sessions}), so that a restart or a
 * second replica keeps everyone signed in. A session holds the person's sign-in (the ID token), their access
 * token (Spring Security's authorized client), the CSRF token and the request that led to sign-in: all of its
 * attributes are Java-serialised and sealed as one value with the platform's envelope cipher (AES-256-GCM under
 * a fresh data key, wrapped under the console's key-encryption key), so the database holds no token in the
 * clear. Stored in the clear: the id, the times, and the signed-in person's username (for an operator's list of
 * live sessions).
 *
 * <p>A request that only touched the session (no attribute set or removed) writes its last-access time only;
 * one that changed an attribute writes the sealed attributes again. A session expired by its idle time is
 * gone for every replica (checked on every read; a TTL index on {@code expiresAt} and {@link #deleteExpired()}
 * remove the documents). Reading is guarded twice: only a value the console's own key sealed opens
 * (GCM authenticates it), and deserialisation admits only the JDK's, Spring's, Nimbus's and the console's
 * classes. A session that cannot be opened (a key no longer configured, a class changed by an upgrade) is
 * dropped: the person signs in again.
 */
public class MongoSessionRepository implements SessionRepository<MongoSessionRepository.StoredSession> {

    static final String COLLECTION = "sessions";
    private static final String SECURITY_CONTEXT = "SPRING_SECURITY_CONTEXT";
    private static final Logger log = LoggerFactory.getLogger(MongoSessionRepository.class);
    private static final ObjectInputFilter CLASSES = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=20000;maxbytes=1048576;java.base/*;java.**;org.springframework.**;com.nimbusds.**;net.minidev.**;cn.sunshine.**;!*");

    /** A session as the filter sees it: a {@link MapSession} that knows whether its attributes changed. */
    public static final class StoredSession implements Session {
        private final MapSession delegate;
        private final boolean isNew;
        private boolean changed;

        StoredSession(MapSession delegate, boolean isNew) {
            this.delegate = delegate;
            this.isNew = isNew;
        }

        @Override public String getId() { return delegate.getId(); }
        @Override public String changeSessionId() { return delegate.changeSessionId(); }
        @Override public <T> T getAttribute(String name) { return delegate.getAttribute(name); }
        @Override public Set<String> getAttributeNames() { return delegate.getAttributeNames(); }
        @Override public void setAttribute(String name, Object value) { delegate.setAttribute(name, value); changed = true; }
        @Override public void removeAttribute(String name) { delegate.removeAttribute(name); changed = true; }
        @Override public Instant getCreationTime() { return delegate.getCreationTime(); }
        @Override public void setLastAccessedTime(Instant t) { delegate.setLastAccessedTime(t); }
        @Override public Instant getLastAccessedTime() { return delegate.getLastAccessedTime(); }
        @Override public void setMaxInactiveInterval(Duration d) { delegate.setMaxInactiveInterval(d); changed = true; }
        @Override public Duration getMaxInactiveInterval() { return delegate.getMaxInactiveInterval(); }
        @Override public boolean isExpired() { return delegate.isExpired(); }

        String originalId() { return delegate.getOriginalId(); }
    }

    private final MongoTemplate mongo;
    private final EnvelopeCipher cipher;
    private final Duration maxInactive;
    private final Clock clock;
    private volatile java.util.function.Consumer<String> onExpired = handle -> { };

    public MongoSessionRepository(MongoTemplate mongo, EnvelopeCipher cipher, Duration maxInactive, Clock clock) {
        this.mongo = mongo;
        this.cipher = cipher;
        this.maxInactive = maxInactive;
        this.clock = clock;
    }

    private MongoCollection<Document> sessions() {
        return mongo.getCollection(COLLECTION);
    }

    /** Told the handle of each signed-in session that expired (the login log's "expired"), once whichever replica saw it. */
    public void onExpired(java.util.function.Consumer<String> listener) {
        this.onExpired = listener;
    }

    /**
     * The TTL index MongoDB removes expired sessions by, an hour after they expired: {@link #deleteExpired()} (every
     * minute) removes them first and so sees each expiry (a backend without TTL support has that sweep only).
     */
    public void createIndexes() {
        if (sessions().listIndexes().into(new java.util.ArrayList<>()).stream().anyMatch(i -> "expiresAt_ttl".equals(i.getString("name")))) {
            sessions().dropIndex("expiresAt_ttl");
        }
        sessions().createIndex(Indexes.ascending("expiresAt"), new IndexOptions().name("expiresAt_ttl_1h").expireAfter(3600L, TimeUnit.SECONDS));
        sessions().createIndex(Indexes.ascending("principal"), new IndexOptions().name("principal"));
    }

    @Override
    public StoredSession createSession() {
        MapSession s = new MapSession();
        s.setCreationTime(clock.instant());
        s.setLastAccessedTime(clock.instant());
        s.setMaxInactiveInterval(maxInactive);
        return new StoredSession(s, true);
    }

    @Override
    public void save(StoredSession session) {
        Instant expires = session.getLastAccessedTime().plus(session.getMaxInactiveInterval());
        boolean renamed = !session.getId().equals(session.originalId());
        if (session.isNew || renamed || session.changed) {
            Document doc = new Document("_id", session.getId())
                    .append("handle", handle(session.getId()))
                    .append("principal", principal(session))
                    .append("created", Date.from(session.getCreationTime()))
                    .append("lastAccessed", Date.from(session.getLastAccessedTime()))
                    .append("maxInactiveSeconds", session.getMaxInactiveInterval().toSeconds())
                    .append("expiresAt", Date.from(expires))
                    .append("attributes", toDocument(cipher.seal(serialise(session))));
            // A new (or renamed: sign-in changes the id against session fixation) session is inserted; an existing one
            // replaced only if it still exists — one ended meanwhile (signed out on another replica) stays ended.
            sessions().replaceOne(Filters.eq("_id", session.getId()), doc, new ReplaceOptions().upsert(session.isNew || renamed));
            if (renamed && !session.isNew) {
                sessions().deleteOne(Filters.eq("_id", session.originalId()));
            }
        } else {
            sessions().updateOne(Filters.eq("_id", session.getId()), Updates.combine(
                    Updates.set("lastAccessed", Date.from(session.getLastAccessedTime())),
                    Updates.set("expiresAt", Date.from(expires))));
        }
        session.changed = false;
    }

    @Override
    public StoredSession findById(String id) {
        Document doc = sessions().find(Filters.eq("_id", id)).first();
        if (doc == null) {
            return null;
        }
        Instant expires = doc.getDate("expiresAt").toInstant();
        if (!expires.isAfter(clock.instant())) {
            expired(doc);
            return null;
        }
        MapSession s = new MapSession(id);
        s.setCreationTime(doc.getDate("created").toInstant());
        s.setLastAccessedTime(doc.getDate("lastAccessed").toInstant());
        s.setMaxInactiveInterval(Duration.ofSeconds(((Number) doc.get("maxInactiveSeconds")).longValue()));
        try {
            deserialise(cipher.open(fromDocument(doc.get("attributes", Document.class))), s);
        } catch (RuntimeException | IOException | ClassNotFoundException e) {
            log.warn("session {}… cannot be opened ({}); dropped, its person signs in again", id.substring(0, Math.min(8, id.length())),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
            deleteById(id);
            return null;
        }
        return new StoredSession(s, false);
    }

    @Override
    public void deleteById(String id) {
        sessions().deleteOne(Filters.eq("_id", id));
    }

    /** Removes the sessions whose idle time ran out; the number removed. */
    public long deleteExpired() {
        Date now = Date.from(clock.instant());
        long n = 0;
        for (Document doc : sessions().find(Filters.and(Filters.lte("expiresAt", now), Filters.ne("principal", null)))
                .projection(new Document("_id", 1).append("handle", 1).append("principal", 1).append("expiresAt", 1))) {
            n += expired(doc) ? 1 : 0;
        }
        return n + sessions().deleteMany(Filters.lte("expiresAt", now)).getDeletedCount();
    }

    /** Removes an expired session; a signed-in one that this call removed (not another replica) is told to the listener. */
    private boolean expired(Document doc) {
        boolean removed = sessions().deleteOne(Filters.and(Filters.eq("_id", doc.get("_id")),
                Filters.lte("expiresAt", Date.from(clock.instant())))).getDeletedCount() > 0;
        if (removed && doc.getString("principal") != null) {
            try {
                onExpired.accept(doc.getString("handle") != null ? doc.getString("handle") : handle(doc.getString("_id")));
            } catch (RuntimeException e) {
                log.error("an expired session could not be logged: {}", e.getMessage());
            }
        }
        return removed;
    }

    /** A live session as an operator sees it: never its id (which is the cookie's secret), a handle derived from it. */
    public record LiveSession(String handle, String principal, Instant created, Instant lastAccessed, Instant expiresAt) {
    }

    /** The handle of a session: the first 16 hex digits of SHA-256 of its id (the id cannot be got back from it). */
    public static String handle(String id) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(id.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signed-in sessions live now, the most recently used first (at most {@code limit}). */
    public java.util.List<LiveSession> liveSessions(int limit) {
        java.util.List<LiveSession> out = new java.util.ArrayList<>();
        for (Document d : sessions().find(Filters.and(Filters.gt("expiresAt", Date.from(clock.instant())),
                Filters.ne("principal", null))).sort(new Document("lastAccessed", -1)).limit(limit)) {
            out.add(new LiveSession(d.getString("handle") != null ? d.getString("handle") : handle(d.getString("_id")),
                    d.getString("principal"), d.getDate("created").toInstant(), d.getDate("lastAccessed").toInstant(),
                    d.getDate("expiresAt").toInstant()));
        }
        return out;
    }

    /** Ends the live session with this handle (its person is signed out on every replica); whether there was one. */
    public boolean endByHandle(String handle) {
        return handle != null && handle.matches("[0-9a-f]{16}") && sessions().deleteOne(Filters.eq("handle", handle)).getDeletedCount() > 0;
    }

    /** How many sessions are live now. */
    public long live() {
        return sessions().countDocuments(Filters.gt("expiresAt", Date.from(clock.instant())));
    }

    private static String principal(Session session) {
        Object context = session.getAttribute(SECURITY_CONTEXT);
        if (context instanceof SecurityContext c && c.getAuthentication() != null) {
            return c.getAuthentication().getName();
        }
        return null;
    }

    /** Each attribute on its own (name, bytes), so that one that cannot be serialised is named and left out. */
    private static byte[] serialise(Session session) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            Set<String> names = session.getAttributeNames();
            java.util.List<String> kept = new java.util.ArrayList<>();
            java.util.List<byte[]> values = new java.util.ArrayList<>();
            for (String name : names) {
                try {
                    ByteArrayOutputStream one = new ByteArrayOutputStream();
                    try (ObjectOutputStream o = new ObjectOutputStream(one)) {
                        o.writeObject(session.getAttribute(name));
                    }
                    kept.add(name);
                    values.add(one.toByteArray());
                } catch (NotSerializableException e) {
                    log.error("session attribute {} cannot be serialised ({}); not stored", name, e.getMessage());
                }
            }
            out.writeInt(kept.size());
            for (int i = 0; i < kept.size(); i++) {
                out.writeUTF(kept.get(i));
                out.writeInt(values.get(i).length);
                out.write(values.get(i));
            }
        } catch (IOException e) {
            throw new IllegalStateException("a session cannot be serialised", e);
        }
        return bytes.toByteArray();
    }

    private static void deserialise(byte[] data, MapSession into) throws IOException, ClassNotFoundException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                byte[] value = new byte[in.readInt()];
                in.readFully(value);
                try (ObjectInputStream o = new ObjectInputStream(new ByteArrayInputStream(value))) {
                    o.setObjectInputFilter(CLASSES);
                    into.setAttribute(name, o.readObject());
                }
            }
        }
    }

    static Document toDocument(Sealed s) {
        return new Document("kid", s.keyId()).append("dk", new Binary(s.wrappedKey())).append("iv", new Binary(s.iv()))
                .append("data", new Binary(s.data()));
    }

    static Sealed fromDocument(Document d) {
        return new Sealed(d.getString("kid"), bytes(d.get("dk")), bytes(d.get("iv")), bytes(d.get("data")));
    }

    private static byte[] bytes(Object o) {
        return o instanceof Binary b ? b.getData() : (byte[]) o;
    }
}
