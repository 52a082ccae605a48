package cn.sunshine.platform.outbox;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps a read model (a projection of another service's aggregate) from consumed events,
 * exactly once per event: create it from the first event, change it on later ones; the change and
 * the event id are one conditional write, re-read and retried when someone else moved it first.
 * Whether the event was applied before is read with the document itself (one read, one write an event).
 */
public class Projections {

    private static final int ATTEMPTS = 10;

    private final AggregateStore store;
    public Projections(AggregateStore store) {
        this.store = store;
    }

    /**
     * An event handler that keeps a projection from one event type: {@code id} picks the document,
     * {@code create} builds it from the first event, {@code change} applies later ones.
     */
    public <T extends AggregateRoot, E> cn.sunshine.platform.messaging.EventHandler<E> handler(
            Class<T> type, java.util.function.Function<E, String> id, java.util.function.Function<E, T> create,
            java.util.function.BiConsumer<T, E> change) {
        return (event, meta) -> apply(type, id.apply(event), meta.id(), () -> create.apply(event),
                t -> change.accept(t, event));
    }

    /**
     * @param create builds the projection when none exists yet (null: the event needs none)
     * @param change applies the event to an existing projection
     * @return true when the event changed something, false when it had been applied before
     */
    public <T extends AggregateRoot> boolean apply(Class<T> type, String id, String eventId, Supplier<T> create,
                                                   Consumer<T> change) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AggregateStore.ReadForEvent<T> read = store.readForEvent(type, id, eventId);
            if (read.consumed()) {
                return false;
            }
            T current = read.aggregate();
            try {
                if (current == null) {
                    T created = create.get();
                    return created != null && store.insertOnce(created, eventId);
                }
                change.accept(current);
                return store.updateOnce(current, eventId);
            } catch (OptimisticLockingFailureException | DuplicateKeyException e) {
                // another event moved it between our read and write: read again
            }
        }
        throw new OptimisticLockingFailureException(type.getSimpleName() + " " + id + " kept changing under event " + eventId);
    }
}
