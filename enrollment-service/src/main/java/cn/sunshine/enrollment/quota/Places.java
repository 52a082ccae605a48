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

    /** Gives back {@code n} places taken before. */
    public void release(String counterId, int n) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(counterId)),
                new Update().inc("remaining", n).inc("taken", -n), PlaceCounter.class);
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
