package cn.sunshine.platform.messaging;

import cn.sunshine.platform.events.CloudEventHeaders;
import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.identifiers.PersonalData;
import com.rabbitmq.client.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The listener on a service's queue. For each message: read the envelope, find the handler, call
 * it with bounded retries and exponential back-off; when every attempt failed (or the message can
 * never be handled: no envelope, unreadable body) move it to the dead-letter queue with the reason,
 * and only then acknowledge it. Nothing is acknowledged and dropped.
 */
public class EventDispatcher implements ChannelAwareMessageListener {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventSubscriptions subscriptions;
    private final EventJson json;
    private final MessagingProperties props;
    private final DeadLetters deadLetters;
    private final MeterRegistry meters;

    public EventDispatcher(EventSubscriptions subscriptions, EventJson json, MessagingProperties props,
                           DeadLetters deadLetters, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.json = json;
        this.props = props;
        this.deadLetters = deadLetters;
        this.meters = meters;
    }

    @Override
    public void onMessage(Message message, Channel channel) throws Exception {
        long tag = message.getMessageProperties().getDeliveryTag();
        String type = header(message, CloudEventHeaders.TYPE);
        if (type == null) {
            type = message.getMessageProperties().getReceivedRoutingKey();
        }
        Outcome outcome = handle(message, type);
        if (outcome.failure() != null) {
            try {
                deadLetters.deadLetter(message, outcome.attempts(), outcome.failure());
                meters.counter("sunshine.events.dead-lettered", "type", String.valueOf(type)).increment();
            } catch (RuntimeException e) {
                log.error("could not dead-letter event {} ({}); it goes back to the queue: {}", messageId(message), type, e.toString());
                channel.basicNack(tag, false, true);
                return;
            }
        } else {
            meters.counter("sunshine.events.consumed", "type", String.valueOf(type)).increment();
        }
        channel.basicAck(tag, false);
    }

    private record Outcome(int attempts, String failure) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Outcome handle(Message message, String type) {
        EventSubscriptions.Subscription sub = type == null ? null : subscriptions.find(type);
        if (sub == null) {
            return new Outcome(0, "no handler for event type " + type);
        }
        EventMetadata meta;
        Object payload;
        try {
            meta = metadata(message, type);
            payload = json.read(message.getBody(), sub.type().payloadType());
        } catch (RuntimeException e) {
            return new Outcome(0, "unreadable event: " + PersonalData.maskAll(e.getMessage()));
        }
        long backoff = props.getInitialBackoff().toMillis();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= props.getMaxAttempts(); attempt++) {
            try {
                sub.handler().handle(payload, meta);
                return new Outcome(attempt, null);
            } catch (RuntimeException e) {
                last = e;
                log.warn("handling event {} ({}) failed, attempt {}/{}: {}", meta.id(), type, attempt,
                        props.getMaxAttempts(), PersonalData.maskAll(e.toString()));
                if (attempt < props.getMaxAttempts()) {
                    sleep(backoff);
                    backoff = Math.min(props.getMaxBackoff().toMillis(), (long) (backoff * props.getBackoffMultiplier()));
                }
            }
        }
        return new Outcome(props.getMaxAttempts(), PersonalData.maskAll(String.valueOf(last)));
    }

    static EventMetadata metadata(Message message, String type) {
        String id = header(message, CloudEventHeaders.ID);
        if (id == null) {
            id = message.getMessageProperties().getMessageId();
        }
        if (id == null) {
            throw new IllegalArgumentException("the message has no event id");
        }
        String time = header(message, CloudEventHeaders.TIME);
        Instant at;
        try {
            at = time == null ? Instant.now() : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the event time is not an ISO-8601 instant");
        }
        return new EventMetadata(id, header(message, CloudEventHeaders.SOURCE), type, at,
                header(message, CloudEventHeaders.SUBJECT), header(message, CloudEventHeaders.DIVISION),
                header(message, CloudEventHeaders.TRACEPARENT));
    }

    static String header(Message message, String name) {
        MessageProperties mp = message.getMessageProperties();
        Map<String, Object> headers = mp.getHeaders();
        Object v = headers.get(name);
        return v == null ? null : v.toString();
    }

    private static String messageId(Message message) {
        String id = header(message, CloudEventHeaders.ID);
        return id != null ? id : message.getMessageProperties().getMessageId();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }
}
