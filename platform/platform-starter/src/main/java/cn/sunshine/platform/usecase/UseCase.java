package cn.sunshine.platform.usecase;

import cn.sunshine.platform.outbox.AggregateStore;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/**
 * The layer supertype of a service's use-case classes: what every one of them works with, handed over once —
 * the kernel that changes aggregates ({@link Changes}), the database it reads with and the store it inserts with
 * (both the kernel's), and the programme's clock. A use case adds its own collaborators beside these:
 * <pre>{@code
 * @Service
 * public class Orders extends UseCase {
 *     public Orders(Changes changes, Clock clock) {
 *         super(changes, clock);
 *     }
 * }
 * }</pre>
 */
public abstract class UseCase {

    /** Changes an aggregate: load in scope, If-Match, transition, conditional write (docs/architecture.md). */
    protected final Changes changes;
    /** Reads: lists, lookups, counts. */
    protected final MongoTemplate mongo;
    /** Inserts a new aggregate with its events. */
    protected final AggregateStore store;
    /** The programme's clock (never {@code Instant.now()}: a year can be played, a test can freeze it). */
    protected final Clock clock;

    protected UseCase(Changes changes, Clock clock) {
        this.changes = changes;
        this.mongo = changes.mongo();
        this.store = changes.store();
        this.clock = clock;
    }
}
