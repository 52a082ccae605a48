package cn.sunshine.platform.test;

import cn.sunshine.platform.events.CloudEventHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Listens to everything published on the run's exchange through its own exclusive queue, straight
 * on the broker (never through a test proxy), so tests can count what was really published.
 */
public final class EventTap implements AutoCloseable {

    /** One message as published. */
    public record Tapped(String routingKey, String eventId, String type, Map<String, Object> headers, String body) {
    }

    private final Connection connection;
    private final Channel channel;
    private final List<Tapped> received = new CopyOnWriteArrayList<>();

    private EventTap(String exchange, String bindingKey) throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(TestRun.rabbitHost());
        cf.setPort(TestRun.rabbitPort());
        connection = cf.newConnection("event-tap");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        String queue = channel.queueDeclare("", false, true, true, null).getQueue();
        channel.queueBind(queue, exchange, bindingKey);
        channel.basicConsume(queue, true, new DefaultConsumer(channel) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                Map<String, Object> headers = props.getHeaders() == null ? Map.of() : Map.copyOf(props.getHeaders());
                Object id = headers.get(CloudEventHeaders.ID);
                Object type = headers.get(CloudEventHeaders.TYPE);
                received.add(new Tapped(envelope.getRoutingKey(), id == null ? null : id.toString(),
                        type == null ? null : type.toString(), headers, new String(body, StandardCharsets.UTF_8)));
            }
        });
    }

    public static EventTap open(String exchange) {
        return open(exchange, "#");
    }

    public static EventTap open(String exchange, String bindingKey) {
        try {
            return new EventTap(exchange, bindingKey);
        } catch (Exception e) {
            throw new IllegalStateException("cannot tap exchange " + exchange, e);
        }
    }

    public List<Tapped> received() {
        return List.copyOf(received);
    }

    public List<Tapped> ofType(String type) {
        return received.stream().filter(t -> type.equals(t.type())).toList();
    }

    public long countOf(String eventId) {
        return received.stream().filter(t -> eventId.equals(t.eventId())).count();
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception ignored) {
            // closing a test connection
        }
    }
}
