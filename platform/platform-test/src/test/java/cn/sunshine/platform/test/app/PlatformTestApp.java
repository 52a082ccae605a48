package cn.sunshine.platform.test.app;

import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.events.EventType;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.AggregateStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny service that exercises the platform: it stores {@link Parcel}s (producing events through
 * the outbox) and consumes them into {@link ParcelTally} projections (idempotently).
 */
@SpringBootApplication
public class PlatformTestApp {

    public static final EventType<ParcelRegistered> PARCEL_REGISTERED =
            new EventType<>("test.parcel.registered.v1", ParcelRegistered.class);
    public static final EventType<ParcelRegistered> PARCEL_FLAGGED =
            new EventType<>("test.parcel.flagged.v1", ParcelRegistered.class);

    /** While true, the handler of flagged parcels fails (a downstream outage an operator fixes). */
    public static final AtomicBoolean FLAG_HANDLER_BROKEN = new AtomicBoolean();
    public static final AtomicInteger FLAG_HANDLED = new AtomicInteger();

    public record ParcelRegistered(String parcelId, String division, long weightFen) {
    }

    @Bean
    EventSubscriptions subscriptions(AggregateStore store, MongoTemplate mongo) {
        return EventSubscriptions.create()
                .on(PARCEL_REGISTERED, (payload, meta) -> tally(store, mongo, payload, meta))
                .on(PARCEL_FLAGGED, (payload, meta) -> {
                    if (FLAG_HANDLER_BROKEN.get()) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                    FLAG_HANDLED.incrementAndGet();
                });
    }

    static void tally(AggregateStore store, MongoTemplate mongo, ParcelRegistered p, EventMetadata meta) {
        for (int attempt = 0; attempt < 5; attempt++) {
            ParcelTally tally = mongo.findById(p.division(), ParcelTally.class);
            try {
                if (tally == null) {
                    store.insertOnce(ParcelTally.first(p.division(), p.weightFen()), meta.id());
                } else {
                    tally.add(p.weightFen());
                    store.updateOnce(tally, meta.id());
                }
                return;
            } catch (OptimisticLockingFailureException | org.springframework.dao.DuplicateKeyException e) {
                // someone else moved it: read again
            }
        }
        throw new IllegalStateException("tally kept moving");
    }
}
