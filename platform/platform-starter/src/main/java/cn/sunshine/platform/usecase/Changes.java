package cn.sunshine.platform.usecase;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.IdempotentRequests;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.List;

/**
 * The one way a use case changes an aggregate (docs/architecture.md "A use case"):
 * <ol>
 *   <li>load it by id — 404 when there is none;</li>
 *   <li>check it is in the caller's scope ({@link Scope}: answers the acting user, or throws 404 / 403 as the
 *       access helpers do);</li>
 *   <li>check {@code If-Match} against its version — 412 when the client's copy is stale;</li>
 *   <li>apply the transition ({@link Transition}), which changes the aggregate and records its events itself;</li>
 *   <li>write state and events in one conditional update ({@link AggregateStore#update}).</li>
 * </ol>
 * When the write meets a newer version (someone else changed it between the read and the write) and the
 * client did not pin a version with {@code If-Match}, the whole sequence runs again on the new state, a few
 * times: the transition decides again on what is now there. With {@code If-Match} the client asked for its
 * version and gets 412.
 * <p>
 * A use case that has already read its aggregates (a batch reads a class's records in one query) hands the copy
 * it read to {@link #change(AggregateRoot, String, Scope, Act)}: the same sequence from the scope check on, the
 * copy standing in for the first load. A record whose problems are named otherwise than its type ("class 42" for
 * a {@code TrainingClass}) is changed through a {@link Ref}.
 * <p>
 * A change made for a request with an {@code Idempotency-Key} records the request's mark in the same write
 * ({@link IdempotentRequests#nextChangeOf}: its n-th change of that record), as a consumer records an event's id. When the request's process dies after that
 * write and before its answer is recorded, the try that takes the key over finds the change made and answers the
 * aggregate as it is now, rather than refusing its own change as an invalid transition or a stale version.
 * (Changes that answer something besides the aggregate, and changes of copies a batch read, are not answered so:
 * a batch decides per record what is done already.)
 */
public class Changes {

    /** How many times a change without If-Match is tried against a moving version. */
    static final int ATTEMPTS = 4;

    private final MongoTemplate mongo;
    private final AggregateStore store;

    public Changes(MongoTemplate mongo, AggregateStore store) {
        this.mongo = mongo;
        this.store = store;
    }

    /** The service's database, for the queries of a use case (reads; changes go through this kernel). */
    public MongoTemplate mongo() {
        return mongo;
    }

    /** The store that writes an aggregate with its events (inserts; updates go through this kernel). */
    public AggregateStore store() {
        return store;
    }

    /**
     * The scope of a change the system makes on its own (an event, a payment, a schedule): no caller to check, no
     * acting user.
     */
    public static final Scope<Object> SYSTEM = record -> null;

    /** Checks that an aggregate is the caller's to change, and answers who is acting. */
    @FunctionalInterface
    public interface Scope<T> {
        CurrentUser check(T aggregate);
    }

    /** Changes the aggregate (recording its events) and answers what the use case returns besides it. */
    @FunctionalInterface
    public interface Transition<T, R> {
        R apply(T aggregate, CurrentUser actor);
    }

    /** A transition with nothing to answer besides the aggregate. */
    @FunctionalInterface
    public interface Act<T> {
        void apply(T aggregate, CurrentUser actor);
    }

    /** The changed aggregate (at its new version) and the transition's answer. */
    public record Changed<T, R>(T aggregate, R result) {
    }

    /** Which aggregate a change is about, and how problems (404, 412) name it. */
    public record Ref<T extends AggregateRoot>(Class<T> type, String id, String name) {

        /** The aggregate of this type and id, named after its type ("training class 42"). */
        public static <T extends AggregateRoot> Ref<T> of(Class<T> type, String id) {
            return new Ref<>(type, id, what(type, id));
        }

        /** The same aggregate, named as the service names it to its callers ("class 42"). */
        public Ref<T> named(String name) {
            return new Ref<>(type, id, name);
        }
    }

    /** Loads an aggregate the caller may see: 404 when it does not exist or the scope refuses it. */
    public <T extends AggregateRoot> T load(Class<T> type, String id, Scope<? super T> scope) {
        T aggregate = find(Ref.of(type, id));
        scope.check(aggregate);
        return aggregate;
    }

    /** Loads, checks scope and If-Match, applies the act and writes; answers the aggregate at its new version. */
    public <T extends AggregateRoot> T change(Class<T> type, String id, String ifMatch, Scope<? super T> scope, Act<? super T> act) {
        return run(Ref.of(type, id), null, ifMatch, scope, result(act), requestMark(type, id)).aggregate();
    }

    /** As {@link #change(Class, String, String, Scope, Act)}, with the transition's own answer. */
    public <T extends AggregateRoot, R> Changed<T, R> changeWithResult(Class<T> type, String id, String ifMatch,
                                                                     Scope<? super T> scope,
                                                                     Transition<? super T, R> transition) {
        return run(Ref.of(type, id), null, ifMatch, scope, transition, null);
    }

    /** As {@link #change(Class, String, String, Scope, Act)}, for the aggregate {@code ref} names. */
    public <T extends AggregateRoot> T change(Ref<T> ref, String ifMatch, Scope<? super T> scope, Act<? super T> act) {
        return run(ref, null, ifMatch, scope, result(act), requestMark(ref.type(), ref.id())).aggregate();
    }

    /**
     * As {@link #change(Class, String, String, Scope, Act)}, on a copy the use case already read: its scope and
     * {@code If-Match} are checked and the act applied to it, then written; a newer version met on the write is
     * loaded again by id (and decided again, as always without {@code If-Match}). The copy must be as read — not
     * yet changed by anything but this act.
     */
    public <T extends AggregateRoot> T change(T loaded, String ifMatch, Scope<? super T> scope, Act<? super T> act) {
        @SuppressWarnings("unchecked")
        Class<T> type = (Class<T>) loaded.getClass();
        return run(Ref.of(type, loaded.getId()), loaded, ifMatch, scope, result(act), null).aggregate();
    }

    /**
     * A batch's changes: {@link #change(AggregateRoot, String, Scope, Act)} of each copy the use case read, the
     * scope checked and the act applied on each, then written together ({@link AggregateStore#updateAll}: a few
     * round trips however many). A copy someone else changed since it was read goes through
     * {@link #change(Class, String, String, Scope, Act)} on its own afterwards, its act decided again on what is
     * there. No If-Match: a batch's rows pin no version.
     *
     * @return the aggregates at their new versions, in the order of {@code loaded}
     */
    public <T extends AggregateRoot> List<T> changeAll(List<T> loaded, Scope<? super T> scope,
                                                       java.util.function.Function<? super T, Act<? super T>> act) {
        for (T copy : loaded) {
            act.apply(copy).apply(copy, scope.check(copy));
        }
        java.util.Set<T> written = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        written.addAll(store.updateAll(loaded));
        List<T> out = new java.util.ArrayList<>(loaded.size());
        for (T copy : loaded) {
            if (written.contains(copy)) {
                out.add(copy);
            } else {
                @SuppressWarnings("unchecked")
                Class<T> type = (Class<T>) copy.getClass();
                out.add(run(Ref.of(type, copy.getId()), null, null, scope, result(act.apply(copy)), null).aggregate());
            }
        }
        return out;
    }

    private static <T, R> Transition<T, R> result(Act<? super T> act) {
        return (T a, CurrentUser u) -> {
            act.apply(a, u);
            return null;
        };
    }

    /** The mark this change of the record records for the running request with an Idempotency-Key; null without one. */
    private String requestMark(Class<?> type, String id) {
        return IdempotentRequests.nextChangeOf(mongo.getCollectionName(type) + "/" + id).orElse(null);
    }

    private <T extends AggregateRoot, R> Changed<T, R> run(Ref<T> ref, T loaded, String ifMatch, Scope<? super T> scope,
                                                         Transition<? super T, R> transition, String request) {
        for (int attempt = 1; ; attempt++) {
            T aggregate;
            if (request != null) {
                AggregateStore.ReadForEvent<T> read = store.readForRequest(ref.type(), ref.id(), request);
                aggregate = read.aggregate();
                if (aggregate == null) {
                    throw DomainException.notFound(ref.name());
                }
                if (read.consumed()) {
                    scope.check(aggregate);
                    return new Changed<>(aggregate, null); // this request's change, made by its try that died
                }
            } else {
                aggregate = attempt == 1 && loaded != null ? loaded : find(ref);
            }
            CurrentUser actor = scope.check(aggregate);
            ETags.requireMatch(ifMatch, aggregate.getVersion(), ref.name());
            R result = transition.apply(aggregate, actor);
            boolean mayRetry = (ifMatch == null || ifMatch.isBlank()) && attempt < ATTEMPTS;
            try {
                if (request == null) {
                    store.update(aggregate);
                } else if (!store.updateOnce(aggregate, request)) {
                    continue; // the same request's other try made it meanwhile: read again, answered as made
                }
                return new Changed<>(aggregate, result);
            } catch (DomainException stale) {
                if (stale.status() != 412 || !mayRetry) {
                    throw stale;
                }
            } catch (org.springframework.dao.OptimisticLockingFailureException moved) {
                if (!mayRetry) {
                    throw DomainException.staleVersion(ref.name());
                }
            }
        }
    }

    private <T extends AggregateRoot> T find(Ref<T> ref) {
        T aggregate = ref.id() == null ? null : mongo.findById(ref.id(), ref.type());
        if (aggregate == null) {
            throw DomainException.notFound(ref.name());
        }
        return aggregate;
    }

    /** "training class 42" for {@code TrainingClass} and id 42: how problems name the record. */
    static String what(Class<?> type, String id) {
        String words = type.getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
        return words + " " + id;
    }
}
