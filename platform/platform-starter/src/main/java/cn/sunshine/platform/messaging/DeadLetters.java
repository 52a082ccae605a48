package cn.sunshine.platform.messaging;

import cn.sunshine.platform.events.CloudEventHeaders;
import com.rabbitmq.client.GetResponse;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The dead-letter queue of this service's consumer queue: messages that failed every attempt,
 * with the reason. Operators list them and, once the cause is fixed, replay them to the queue.
 * Every move between queues is confirmed by the broker before the source message is acknowledged.
 */
public class DeadLetters {

    public static final String REASON = "x-sunshine-dead-letter-reason";
    public static final String DEAD_LETTERED_AT = "x-sunshine-dead-lettered-at";
    public static final String ATTEMPTS = "x-sunshine-attempts";
    public static final String ORIGINAL_QUEUE = "x-sunshine-original-queue";
    public static final String ORIGINAL_ROUTING_KEY = "x-sunshine-original-routing-key";
    public static final String REPLAYS = "x-sunshine-replays";

    /** One dead letter as an operator sees it. The body is an event body: masked personal data only. */
    public record DeadLetter(String eventId, String type, String subject, String division, String reason,
                             String deadLetteredAt, Object attempts, Object replays, String body) {
    }

    public record Listing(String queue, String deadLetterQueue, int count, List<DeadLetter> messages) {
    }

    private final RabbitTemplate rabbit;
    private final MessagingProperties props;
    private final Clock clock;
    private final MessagePropertiesConverter converter = new DefaultMessagePropertiesConverter();

    public DeadLetters(RabbitTemplate rabbit, MessagingProperties props, Clock clock) {
        this.rabbit = rabbit;
        this.props = props;
        this.clock = clock;
    }

    /** Moves a failed message to the dead-letter queue (confirmed), with why and when. */
    void deadLetter(Message failed, int attempts, String reason) {
        MessageProperties mp = failed.getMessageProperties();
        mp.setHeader(REASON, reason);
        mp.setHeader(DEAD_LETTERED_AT, clock.instant().toString());
        mp.setHeader(ATTEMPTS, attempts);
        mp.setHeader(ORIGINAL_QUEUE, props.getQueue());
        if (mp.getReceivedRoutingKey() != null) {
            mp.setHeader(ORIGINAL_ROUTING_KEY, mp.getReceivedRoutingKey());
        }
        send("", props.deadLetterQueue(), new Message(failed.getBody(), mp));
    }

    private void send(String exchange, String routingKey, Message message) {
        rabbit.invoke(ops -> {
            ops.send(exchange, routingKey, message);
            ops.waitForConfirmsOrDie(props.getConfirmTimeout().toMillis());
            return Boolean.TRUE;
        });
    }

    /** Up to {@code max} dead letters, oldest first; they stay in the queue. */
    public Listing list(int max) {
        List<DeadLetter> out = new ArrayList<>();
        int count = rabbit.execute(channel -> {
            long lastTag = -1;
            int seen = 0;
            try {
                for (int i = 0; i < max; i++) {
                    GetResponse r = channel.basicGet(props.deadLetterQueue(), false);
                    if (r == null) {
                        break;
                    }
                    lastTag = r.getEnvelope().getDeliveryTag();
                    seen = Math.max(seen, r.getMessageCount() + out.size() + 1);
                    out.add(view(r));
                }
            } finally {
                if (lastTag >= 0) {
                    channel.basicNack(lastTag, true, true);
                }
            }
            return Math.max(seen, out.size());
        });
        return new Listing(props.getQueue(), props.deadLetterQueue(), count, out);
    }

    /**
     * Sends dead letters back to the service's queue: all of them, or only the one with the given
     * event id.
     *
     * @return how many were replayed
     */
    public int replay(String eventId) {
        return rabbit.invoke(ops -> ops.execute(channel -> {
            int replayed = 0;
            long lastKept = -1;
            // Until the queue is empty: kept messages stay unacknowledged (invisible) until the end,
            // replayed ones go to the service's queue, so every message is seen once.
            while (true) {
                GetResponse r = channel.basicGet(props.deadLetterQueue(), false);
                if (r == null) {
                    break;
                }
                MessageProperties mp = converter.toMessageProperties(r.getProps(), r.getEnvelope(), "UTF-8");
                String id = str(mp.getHeaders().get(CloudEventHeaders.ID));
                if (eventId != null && !eventId.equals(id) && !eventId.equals(mp.getMessageId())) {
                    lastKept = r.getEnvelope().getDeliveryTag();
                    continue;
                }
                Object previous = mp.getHeaders().get(REPLAYS);
                int replays = previous instanceof Number n ? n.intValue() + 1 : 1;
                Map<String, Object> headers = mp.getHeaders();
                headers.remove(REASON);
                headers.remove(DEAD_LETTERED_AT);
                headers.remove(ATTEMPTS);
                headers.put(REPLAYS, replays);
                channel.basicPublish("", props.getQueue(), false,
                        converter.fromMessageProperties(mp, "UTF-8"), r.getBody());
                channel.waitForConfirmsOrDie(props.getConfirmTimeout().toMillis());
                channel.basicAck(r.getEnvelope().getDeliveryTag(), false);
                replayed++;
            }
            if (lastKept >= 0) {
                channel.basicNack(lastKept, true, true);
            }
            return replayed;
        }));
    }

    public int count() {
        return rabbit.execute(channel -> (int) channel.messageCount(props.deadLetterQueue()));
    }

    private DeadLetter view(GetResponse r) {
        MessageProperties mp = converter.toMessageProperties(r.getProps(), r.getEnvelope(), "UTF-8");
        Map<String, Object> h = mp.getHeaders();
        return new DeadLetter(str(h.get(CloudEventHeaders.ID)), str(h.get(CloudEventHeaders.TYPE)),
                str(h.get(CloudEventHeaders.SUBJECT)), str(h.get(CloudEventHeaders.DIVISION)), str(h.get(REASON)),
                str(h.get(DEAD_LETTERED_AT)), h.get(ATTEMPTS), h.get(REPLAYS),
                new String(r.getBody(), StandardCharsets.UTF_8));
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

}
