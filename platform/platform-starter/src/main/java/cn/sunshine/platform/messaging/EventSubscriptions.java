package cn.sunshine.platform.messaging;

import cn.sunshine.platform.events.EventType;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a service consumes: one handler per event type. Each feature declares its own bean; the
 * platform merges them, binds the service's queue to exactly these types and dispatches to the handlers.
 */
public final class EventSubscriptions {

    public record Subscription<P>(EventType<P> type, EventHandler<P> handler) {
    }

    private final Map<String, Subscription<?>> byType = new LinkedHashMap<>();

    public static EventSubscriptions create() {
        return new EventSubscriptions();
    }

    public <P> EventSubscriptions on(EventType<P> type, EventHandler<P> handler) {
        if (byType.putIfAbsent(type.name(), new Subscription<>(type, handler)) != null) {
            throw new IllegalArgumentException("two handlers for " + type.name());
        }
        return this;
    }

    /** All subscriptions of several beans in one; a type claimed twice is an error. */
    public static EventSubscriptions merge(Iterable<EventSubscriptions> all) {
        EventSubscriptions merged = new EventSubscriptions();
        for (EventSubscriptions s : all) {
            for (Subscription<?> sub : s.all()) {
                if (merged.byType.putIfAbsent(sub.type().name(), sub) != null) {
                    throw new IllegalArgumentException("two handlers for " + sub.type().name());
                }
            }
        }
        return merged;
    }

    public Subscription<?> find(String type) {
        return byType.get(type);
    }

    public Collection<Subscription<?>> all() {
        return Collections.unmodifiableCollection(byType.values());
    }
}
