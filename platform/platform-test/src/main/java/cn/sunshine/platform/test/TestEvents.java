package cn.sunshine.platform.test;

import cn.sunshine.platform.events.CloudEventHeaders;
import cn.sunshine.platform.events.EventType;
import cn.sunshine.platform.messaging.EventJson;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Publishes an event as an upstream service's relay would, for consumers under test. */
public final class TestEvents {

    private static final EventJson JSON = new EventJson();

    private TestEvents() {
    }

    /** @return the event id */
    public static <P> String publish(RabbitTemplate rabbit, String exchange, EventType<P> type, P payload,
                                     String subject, String division) {
        String id = UUID.randomUUID().toString();
        publish(rabbit, exchange, type, payload, subject, division, id);
        return id;
    }

    public static <P> void publish(RabbitTemplate rabbit, String exchange, EventType<P> type, P payload, String subject,
                                   String division, String eventId) {
        MessageProperties mp = new MessageProperties();
        mp.setMessageId(eventId);
        mp.setContentType(CloudEventHeaders.JSON);
        mp.setHeader(CloudEventHeaders.ID, eventId);
        mp.setHeader(CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_VALUE);
        mp.setHeader(CloudEventHeaders.TYPE, type.name());
        mp.setHeader(CloudEventHeaders.SOURCE, "/sunshine/test-upstream");
        mp.setHeader(CloudEventHeaders.TIME, Instant.now().toString());
        mp.setHeader(CloudEventHeaders.SUBJECT, subject);
        mp.setHeader(CloudEventHeaders.DIVISION, division);
        mp.setHeader(CloudEventHeaders.DATA_CONTENT_TYPE, CloudEventHeaders.JSON);
        rabbit.send(exchange, type.name(), new Message(JSON.write(payload).getBytes(StandardCharsets.UTF_8), mp));
    }
}
