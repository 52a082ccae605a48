package cn.sunshine.platform.messaging;

import cn.sunshine.platform.events.EventMetadata;

/**
 * Handles one event type. It must be idempotent: make the state change and the record of
 * {@code meta.id()} one conditional write ({@code AggregateStore.updateOnce / insertOnce}).
 * Throwing makes the consumer retry with back-off, then dead-letter the message.
 */
@FunctionalInterface
public interface EventHandler<P> {

    void handle(P payload, EventMetadata meta);
}
