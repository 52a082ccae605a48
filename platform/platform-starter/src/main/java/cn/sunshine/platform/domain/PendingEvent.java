package cn.sunshine.platform.domain;

import cn.sunshine.platform.events.EventType;

import java.time.Instant;

/** An event an aggregate recorded and that is not yet in the outbox. */
public record PendingEvent(String id, EventType<?> type, Object payload, String subject, String division,
                           Instant time) {
}
