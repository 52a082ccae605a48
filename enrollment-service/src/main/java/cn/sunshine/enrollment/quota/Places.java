package cn.sunshine.enrollment.quota;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.util.Optional;

/**
 * Takes and releases places with one conditional single-document write each: a take matches only
 * while {@code remaining >= n}, so fifty concurrent takes of forty places succeed exactly forty times.
 */
@Service
public class Places {

    private static final int ATTEMPTS = 20;

    private final MongoTemplate mongo;
    /** A hold's time is the wall clock's, never the programme's (which a played year moves). */
    private final java.time.Clock wallClock = java.time.Clock.systemUTC();

    public Places(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** @return true when {@code n} places were taken, false when fewer remain (nothing is taken then) */
    public boolean take(String counterId, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("take at least one place");
        }
        Query q = Query.query(Criteria.where("_id").is(counterId).and("remaining").gte(n));
        return mongo.updateFirst(q, new Update().inc("remaining", -n).inc("taken", n), PlaceCounter.class)
                .getModifiedCount() == 1;
    }

    /**
     * Takes {@code n} places for the admission {@code holdId}, once: they are held under its id until
     * {@link #endHold} gives back what its enrollments did not use. The same admission asking again (run again
     * after its process died) finds its hold and takes nothing more.
     *
     * @return true when the admission holds its places (now or from before), false when fewer than {@code n} remain
     */
    public boolean hold(String counterId, String holdId, int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("hold at least one place");
        }
        Query q = Query.query(Criteria.where("_id").is(counterId).and("remaining").gte(n).and("holds.id").ne(holdId));
        Update u = new Update().inc("remaining", -n).inc("taken", n).push("holds",
                new org.bson.Document("id", holdId).append("n", n).append("at", java.util.Date.from(wallClock.instant())));
        if (mongo.updateFirst(q, u, PlaceCounter.class).getModifiedCount() == 1) {
            return true;
        }
        return mongo.exists(Query.query(Criteria.where("_id").is(counterId).and("holds.id").is(holdId)), PlaceCounter.class);
    }

    /**
     * Ends the hold of admission {@code holdId}: gives back {@code unused} of its places (at most what it holds:
     * the admissions it did not store) and removes it, in one write. A hold already ended (or never taken)
     * changes nothing, so an ending run again after a crash gives nothing back twice.
     */
    public void endHold(String counterId, String holdId, int unused) {
        Query held = Query.query(Criteria.where("_id").is(counterId).and("holds.id").is(holdId));
        Update pull = new Update().pull("holds", new org.bson.Document("id", holdId));
        if (unused <= 0) {
            mongo.updateFirst(held, pull, PlaceCounter.class);
            return;
        }
        // A hold's size never changes, so the write conditional on the hold being there gives back exactly once
        // (another process ending it first makes this one match nothing).
        find(counterId).flatMap(c -> c.holdOf(holdId)).ifPresent(hold -> {
            int back = Math.min(hold.n(), unused);
            mongo.updateFirst(held, pull.inc("remaining", back).inc("taken", -back), PlaceCounter.class);
        });
    }

    /**
     * Gives back the place an enrollment took, once: the counter keeps the ids it was given back for
     * ({@code released}; a withdrawal is rare, so the list stays short), so a withdrawal run again after its
     * process died gives nothing back twice.
     */
    public void releaseFor(String counterId, String enrollmentId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(counterId).and("released").ne(enrollmentId)),
                new Update().inc("remaining", 1).inc("taken", -1).push("released", enrollmentId), PlaceCounter.class);
    }

    public Optional<PlaceCounter> find(String counterId) {
        return Optional.ofNullable(mongo.findById(counterId, PlaceCounter.class));
    }

    /**
     * Sets the limit from a source version (an agreement version; 1 for a class's capacity). A version not
     * newer than the one in force changes nothing, so replays and out-of-order deliveries are harmless.
     * The change of {@code remaining} is an {@code $inc} conditional on the limit and version read, so
     * concurrent takes are never lost.
     *
     * @return true when the limit changed
     */
    public boolean setLimit(PlaceCounter initial, long sourceVersion) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            PlaceCounter current = mongo.findById(initial.id(), PlaceCounter.class);
            if (current == null) {
                try {
                    mongo.insert(new PlaceCounter(initial.id(), initial.kind(), initial.baseId(), initial.majorCode(),
                            initial.year(), initial.limit(), 0, initial.limit(), sourceVersion));
                    return true;
                } catch (DuplicateKeyException e) {
                    continue;
                }
            }
            if (current.sourceVersion() >= sourceVersion) {
                return false;
            }
            Query q = Query.query(Criteria.where("_id").is(current.id()).and("limit").is(current.limit())
                    .and("sourceVersion").is(current.sourceVersion()));
            Update u = new Update().set("limit", initial.limit()).set("sourceVersion", sourceVersion)
                    .inc("remaining", initial.limit() - current.limit());
            if (mongo.updateFirst(q, u, PlaceCounter.class).getModifiedCount() == 1) {
                return true;
            }
        }
        throw new org.springframework.dao.OptimisticLockingFailureException("counter " + initial.id() + " kept changing");
    }
}
