package cn.sunshine.platform.events;

import java.time.Instant;

/**
 * The envelope of one event, as carried in AMQP headers.
 *
 * @param id        unique per event; consumers deduplicate on it
 * @param source    the producing service, e.g. {@code /sunshine/base-accreditation-service}
 * @param type      the stable type string
 * @param time      when the state change happened
 * @param subject   the aggregate id the event is about
 * @param division  the 6-digit division code the event belongs to (jurisdiction)
 * @param traceparent W3C trace context, may be null
 */
public record EventMetadata(String id, String source, String type, Instant time, String subject, String division,
                            String traceparent) {
}
