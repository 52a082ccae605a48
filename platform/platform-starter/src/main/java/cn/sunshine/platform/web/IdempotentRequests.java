package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The {@code Idempotency-Key} of requests that create something moving money or quota
 * (docs/api.md): the same key and body give the same answer, never a second record.
 *
 * <p>One document per (scope, key) in {@value #COLLECTION}: {@code _id = scope + ":" + key}, the
 * SHA-256 of the content type and body, the state ({@code PENDING → COMPLETED}), its owner and
 * times, and the answer (status, {@code Location}/{@code ETag}, the body as a JSON string). The
 * scope names the endpoint, its target and the caller ({@code "enrollment.roster:" + classId + ":"
 * + subject}), so a key is private to one caller and one target.
 *
 * <ol>
 *   <li>No key: the action runs as without this facility.</li>
 *   <li>A key that is not 1–100 printable ASCII characters: 400 {@code validation} naming the header.</li>
 *   <li>The PENDING record is inserted first; the unique {@code _id} lets exactly one of two
 *       concurrent requests proceed. The other gets 409 {@value #IN_PROGRESS} with
 *       {@code Retry-After} — or, once the first has finished, its answer.</li>
 *   <li>The action runs. A 2xx answer is stored (COMPLETED). Any other answer or an exception (a
 *       refusal: the action changed nothing) deletes the record, so the key may be sent again
 *       with the corrected input.</li>
 *   <li>Same key, same body, COMPLETED: the stored answer again (same status, same body) with
 *       {@value #REPLAYED_HEADER}{@code : true}. Same key, other body: 422 {@value #KEY_REUSED}.</li>
 *   <li>While the action runs, its process renews the record every third of the lease; a PENDING
 *       record not renewed for the lease ({@code sunshine.idempotency.lease}, 30 s — the process died
 *       mid-way) is taken over by a retry with the same body. A slow request keeps its key however
 *       long it runs; a dead one frees it within the lease.</li>
 * </ol>
 * Leases and times run on the wall clock, never on the business clock (tests may freeze that).
 */
public class IdempotentRequests implements AutoCloseable {

    /** The request header. */
    public static final String HEADER = "Idempotency-Key";
    /** The header on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /** 422: the key was used for a request with another body. */
    public static final String KEY_REUSED = "idempotency-key-reused";
    /** 409: a request with the same key is still running. */
    public static final String IN_PROGRESS = "idempotency-request-in-progress";
    public static final String COLLECTION = "_idempotency";
    public static final int MAX_KEY_LENGTH = 100;

    /**
     * The request with a key whose action this thread runs (its record's id), for {@link #currentRequest}, and how
     * many changes of each record it has made so far ({@link #nextChangeOf}).
     */
    private record Running(String id, java.util.Map<String, Integer> changes) {
    }

    private static final ThreadLocal<Running> CURRENT = new ThreadLocal<>();

    /**
     * While the action of a request with an {@code Idempotency-Key} runs on this thread: an id of that request,
     * the same for every try of the same caller, target and key (and so the same body). A use case that writes
     * several records derives their ids from it ({@link cn.sunshine.platform.domain.Ids#derived}): a try that
     * takes over after its first try's process died mid-way finds what the first try wrote and finishes it,
     * rather than meeting it as someone else's. Empty outside such a request.
     */
    public static java.util.Optional<String> currentRequest() {
        return java.util.Optional.ofNullable(CURRENT.get()).map(r -> requestIdOf(r.id()));
    }

    /**
     * The mark of the running request's next change of one record ({@code record}: its collection and id), the
     * same on every try: {@code request:<id>#<n>} for its n-th change of that record. A change records it in its
     * write; the try that takes over from a dead one then finds which of its changes were made and which not, also
     * when one request changes the same record twice. Empty outside a request with a key.
     */
    public static java.util.Optional<String> nextChangeOf(String record) {
        Running r = CURRENT.get();
        if (r == null) {
            return java.util.Optional.empty();
        }
        int n = r.changes().merge(record, 1, Integer::sum);
        return java.util.Optional.of("request:" + requestIdOf(r.id()) + "#" + n);
    }

    /**
     * The id of a record the running request creates, for {@code purpose} ("class", "admission"): derived from the
     * request when it has an Idempotency-Key — the try that takes over from a dead one creates the same record, and
     * meets the dead try's as its own (a duplicate key it answers as made) — new otherwise.
     */
    public static String idFor(String purpose) {
        return currentRequest().map(r -> cn.sunshine.platform.domain.Ids.derived(purpose, r))
                .orElseGet(cn.sunshine.platform.domain.Ids::newId);
    }

    /** The id {@link #currentRequest} gives while the request of that scope and key runs. */
    public static String requestId(String scope, String key) {
        return requestIdOf(scope + ":" + key);
    }

    private static String requestIdOf(String recordId) {
        return cn.sunshine.platform.domain.Ids.derived("request", recordId);
    }

    static final String PENDING = "PENDING";
    static final String COMPLETED = "COMPLETED";

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final int ATTEMPTS = 5;

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final IdempotencyProperties props;
    private final Clock clock;
    private volatile boolean indexed;
    /** The keys this process is running now (record id → owner), renewed while they run. */
    private final java.util.Map<String, String> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService renewer;

    public IdempotentRequests(MongoTemplate mongo, JsonMapper json, IdempotencyProperties props, Clock wallClock) {
        this.mongo = mongo;
        this.json = json;
        this.props = props;
        this.clock = wallClock;
        this.renewer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "idempotency-lease");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(100, props.getLease().toMillis() / 3);
        renewer.scheduleWithFixedDelay(this::renewRunning, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Renews the lease of every request this process is running, so none is taken over while it runs. */
    private void renewRunning() {
        for (var e : running.entrySet()) {
            try {
                mongo.updateFirst(Query.query(Criteria.where("_id").is(e.getKey()).and("owner").is(e.getValue())
                                .and("status").is(PENDING)),
                        new Update().set("renewedAt", Date.from(clock.instant())), COLLECTION);
            } catch (RuntimeException ex) {
                log.warn("could not renew the lease of an idempotent request: {}", ex.toString());
            }
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
    }

    /**
     * Runs a request whose body is a raw payload (a file): the hash covers the content type and
     * the bytes.
     *
     * @param scope       the endpoint, its target and the caller, e.g. {@code "enrollment.roster:<classId>:<subject>"}
     * @param key         the {@code Idempotency-Key} header, or null
     * @param contentType the request's content type (part of the hash), or null
     * @param body        the request body, or null
     * @param action      the request's work; its 2xx answer is stored and replayed
     */
    public ResponseEntity<?> run(String scope, String key, String contentType, byte[] body,
                                 Supplier<? extends ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        requireValidKey(key);
        return execute(scope, scope + ":" + key, hash(contentType, body), action);
    }

    /** Runs a request with a JSON body already read into {@code request}: the hash covers its JSON form. */
    public ResponseEntity<?> runJson(String scope, String key, Object request, Supplier<? extends ResponseEntity<?>> action) {
        if (key == null) {
            return action.get();
        }
        requireValidKey(key);
        byte[] body = json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
        return execute(scope, scope + ":" + key, hash(MediaType.APPLICATION_JSON_VALUE, body), action);
    }

    /**
     * Runs a request already hashed by the caller ({@link IdempotencyFilter}: any state-changing request):
     * {@code scope} names the method, path and caller; {@code requestHash} is {@link #hash} of its body.
     */
    public ResponseEntity<?> runHashed(String scope, String key, String requestHash,
                                       Supplier<? extends ResponseEntity<?>> action) {
        requireValidKey(key);
        return execute(scope, scope + ":" + key, requestHash, action);
    }

    /** 400 naming the header unless the key is 1–100 printable ASCII characters (and not only spaces). */
    public static void requireValidKey(String key) {
        boolean ok = key != null && !key.isBlank() && key.length() <= MAX_KEY_LENGTH
                && key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e);
        if (!ok) {
            throw DomainException.invalidField(HEADER, cn.sunshine.platform.domain.Phrase.coded("problem.idempotency-key-format",
                    "must be 1 to " + MAX_KEY_LENGTH + " printable ASCII characters", MAX_KEY_LENGTH));
        }
    }

    private ResponseEntity<?> execute(String scope, String id, String requestHash, Supplier<? extends ResponseEntity<?>> action) {
        ensureIndex();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String owner = UUID.randomUUID().toString();
            Instant now = clock.instant();
            try {
                mongo.insert(new Document("_id", id).append("requestHash", requestHash).append("status", PENDING)
                        .append("owner", owner).append("startedAt", Date.from(now))
                        .append("expiresAt", Date.from(now.plus(props.getRetention()))), COLLECTION);
                return runAndRecord(scope, id, owner, action);
            } catch (DuplicateKeyException taken) {
                Document earlier = mongo.findById(id, Document.class, COLLECTION);
                if (earlier == null) {
                    continue; // deleted meanwhile (a refusal): try to insert again
                }
                if (!requestHash.equals(earlier.getString("requestHash"))) {
                    throw new DomainException(422, KEY_REUSED, "Idempotency-Key used for another request",
                            "this Idempotency-Key was sent with a different body; use a new key for a new request",
                            List.of(DomainException.FieldError.coded(HEADER, "problem.idempotency-key-used",
                                    "used for a different request"))).coded("problem.idempotency-key-reused");
                }
                if (COMPLETED.equals(earlier.getString("status"))) {
                    return replay(earlier.get("answer", Document.class));
                }
                Date heldSince = earlier.getDate("renewedAt") != null ? earlier.getDate("renewedAt")
                        : earlier.getDate("startedAt");
                if (heldSince != null && heldSince.toInstant().plus(props.getLease()).isBefore(now)) {
                    // only if not renewed since it was read (its process may still be alive after all)
                    Criteria unrenewed = earlier.getDate("renewedAt") == null ? Criteria.where("renewedAt").exists(false)
                            : Criteria.where("renewedAt").is(earlier.getDate("renewedAt"));
                    long took = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(PENDING)
                                    .and("owner").is(earlier.getString("owner")).andOperator(unrenewed)),
                            new Update().set("owner", owner).set("startedAt", Date.from(now)).unset("renewedAt")
                                    .set("expiresAt", Date.from(now.plus(props.getRetention()))), COLLECTION)
                            .getModifiedCount();
                    if (took == 1) {
                        log.warn("idempotent request {} was left pending past its lease; taken over", scope);
                        return runAndRecord(scope, id, owner, action);
                    }
                    continue;
                }
                return inProgress();
            }
        }
        return inProgress();
    }

    private ResponseEntity<?> runAndRecord(String scope, String id, String owner, Supplier<? extends ResponseEntity<?>> action) {
        ResponseEntity<?> answer;
        running.put(id, owner);
        Running outer = CURRENT.get();
        CURRENT.set(new Running(id, new java.util.HashMap<>()));
        try {
            answer = action.get();
        } catch (RuntimeException | Error e) {
            release(scope, id, owner);
            throw e;
        } finally {
            running.remove(id, owner);
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
        if (answer == null || !answer.getStatusCode().is2xxSuccessful()) {
            release(scope, id, owner);
            return answer;
        }
        Document stored = new Document("status", answer.getStatusCode().value());
        HttpHeaders h = answer.getHeaders();
        if (h.getLocation() != null) {
            stored.append("location", h.getLocation().toString());
        }
        if (h.getETag() != null) {
            stored.append("etag", h.getETag());
        }
        Object body = answer.getBody();
        if (body != null) {
            stored.append("body", body instanceof String s ? s : json.writeValueAsString(body));
        }
        try {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("owner").is(owner)),
                    new Update().set("status", COMPLETED).set("completedAt", Date.from(clock.instant()))
                            .set("answer", stored), COLLECTION);
        } catch (RuntimeException e) {
            // The work is done; only its replay is lost. A retry waits out the lease, then runs again.
            log.warn("could not store the answer of idempotent request {}: {}", scope, e.toString());
        }
        return answer;
    }

    private void release(String scope, String id, String owner) {
        try {
            mongo.remove(Query.query(Criteria.where("_id").is(id).and("owner").is(owner)), COLLECTION);
        } catch (RuntimeException e) {
            log.warn("could not release idempotent request {}: {}", scope, e.toString());
        }
    }

    private ResponseEntity<?> replay(Document answer) {
        ResponseEntity.BodyBuilder b = ResponseEntity.status(answer.getInteger("status")).header(REPLAYED_HEADER, "true");
        if (answer.getString("location") != null) {
            b.header(HttpHeaders.LOCATION, answer.getString("location"));
        }
        if (answer.getString("etag") != null) {
            b.header(HttpHeaders.ETAG, answer.getString("etag"));
        }
        String body = answer.getString("body");
        if (body == null) {
            return b.build();
        }
        return b.contentType(MediaType.APPLICATION_JSON).body(json.readTree(body));
    }

    private ResponseEntity<ProblemDetail> inProgress() {
        ProblemDetail pd = Problems.of(409, IN_PROGRESS, "A request with this Idempotency-Key is still running",
                cn.sunshine.platform.domain.Phrase.coded("problem.idempotency-in-progress",
                        "a request with the same Idempotency-Key is being processed; retry after "
                                + props.getRetryAfterSeconds() + " s to get its answer", props.getRetryAfterSeconds()));
        return ResponseEntity.status(409).header(HttpHeaders.RETRY_AFTER, String.valueOf(props.getRetryAfterSeconds()))
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(pd);
    }

    private void ensureIndex() {
        if (indexed) {
            return;
        }
        try {
            mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", org.springframework.data.domain.Sort.Direction.ASC)
                    .expire(java.time.Duration.ZERO).named("expiresAt_ttl"));
        } catch (RuntimeException e) {
            log.warn("could not create the TTL index of {}: {}", COLLECTION, e.toString());
        }
        indexed = true;
    }

    /** The stored request hash: SHA-256 (hex) of the content type's type/subtype, a line feed, and the body. */
    public static String hash(String contentType, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String type = contentType == null ? "" : contentType;
            try {
                MediaType t = MediaType.parseMediaType(type);
                type = t.getType() + "/" + t.getSubtype();
            } catch (RuntimeException notAMediaType) {
                // hash it as sent
            }
            sha.update(type.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            if (body != null) {
                sha.update(body);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
