package cn.sunshine.platform.test.app;

import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.events.EventType;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

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
    EventSubscriptions subscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(PARCEL_REGISTERED, (payload, meta) -> tally(projections, payload, meta))
                .on(PARCEL_FLAGGED, (payload, meta) -> {
                    if (FLAG_HANDLER_BROKEN.get()) {
                        throw new IllegalStateException("downstream unavailable");
                    }
                    FLAG_HANDLED.incrementAndGet();
                });
    }

    /** Flagged parcels per division (one "day" for all: the year 2026), for the progress tallies' test. */
    @Bean
    cn.sunshine.platform.progress.Tallies.Figure<Parcel> flaggedParcels() {
        return new cn.sunshine.platform.progress.Tallies.Figure<>("parcels.flagged", Parcel.class,
                p -> new cn.sunshine.platform.progress.Tallies.Place(p.getDivision(), "2026"),
                org.springframework.data.mongodb.core.query.Criteria.where("flagged").is(true), null);
    }

    /** The weight of every parcel per division, summed. */
    @Bean
    cn.sunshine.platform.progress.Tallies.Figure<Parcel> parcelWeight() {
        return new cn.sunshine.platform.progress.Tallies.Figure<>("parcels.weight", Parcel.class,
                p -> new cn.sunshine.platform.progress.Tallies.Place(p.getDivision(), "2026"),
                org.springframework.data.mongodb.core.query.Criteria.where("weightFen").gte(0), "weightFen");
    }

    static void tally(Projections projections, ParcelRegistered p, EventMetadata meta) {
        projections.apply(ParcelTally.class, p.division(), meta.id(),
                () -> ParcelTally.first(p.division(), p.weightFen()), t -> t.add(p.weightFen()));
    }
}
