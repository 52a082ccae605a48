package cn.sunshine.platform.domain;

import cn.sunshine.platform.events.EventType;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Base of every aggregate. It guards its own transitions and records the events they cause; the
 * {@link cn.sunshine.platform.outbox.AggregateStore} writes the state and those events to the
 * aggregate's document in one atomic write (the transactional outbox), and the relay publishes them.
 *
 * <p>Write aggregates only through {@code AggregateStore}: a plain repository {@code save} would
 * replace the document and drop the events waiting in its outbox.
 */
public abstract class AggregateRoot {

    @Id
    protected String id;

    @Version
    protected Long version;

    @Transient
    private List<PendingEvent> pendingEvents;

    public String getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    /** Records an event caused by the transition the aggregate just made. */
    protected <P> void recordEvent(EventType<P> type, P payload, String division, Instant time) {
        Objects.requireNonNull(id, "assign the id before recording events");
        if (pendingEvents == null) {
            pendingEvents = new ArrayList<>();
        }
        pendingEvents.add(new PendingEvent(Ids.newId(), type, payload, id, division, time));
    }

    public List<PendingEvent> pendingEvents() {
        return pendingEvents == null ? List.of() : Collections.unmodifiableList(pendingEvents);
    }

    /** Called by the store once the events are in the document's outbox. */
    public void markStored(long newVersion) {
        this.version = newVersion;
        this.pendingEvents = null;
    }

    /** Called by the store for a new aggregate. */
    public void assignId(String newId) {
        if (this.id != null) {
            throw new IllegalStateException("id already assigned");
        }
        this.id = newId;
    }
}
