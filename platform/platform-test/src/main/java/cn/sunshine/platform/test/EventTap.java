package cn.sunshine.platform.test;

import cn.sunshine.platform.events.CloudEventHeaders;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.ForgivingExceptionHandler;

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

    /** The durable queue of a tap made by {@link #openDurable}, deleted on {@link #close()}; null otherwise. */
    private final String durableQueue;

    private EventTap(String host, int port, String exchange, String bindingKey, String durableQueue) throws Exception {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(host);
        cf.setPort(port);
        if (durableQueue != null) {
            // Reconnects by itself after a broker restart and consumes again from the same queue.
            cf.setAutomaticRecoveryEnabled(true);
            cf.setTopologyRecoveryEnabled(true);
            cf.setNetworkRecoveryInterval(500);
            cf.setConnectionTimeout(2000);
            cf.setExceptionHandler(new ForgivingExceptionHandler() {
                @Override
                public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
                    // the broker is still down: the next attempt follows; no stack trace per attempt
                }
            });
        }
        connection = cf.newConnection("event-tap");
        channel = connection.createChannel();
        channel.exchangeDeclare(exchange, "topic", true);
        this.durableQueue = durableQueue;
        String queue = durableQueue == null
                ? channel.queueDeclare("", false, true, true, null).getQueue()
                : channel.queueDeclare(durableQueue, true, false, false, null).getQueue();
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
            return new EventTap(TestRun.rabbitHost(), TestRun.rabbitPort(), exchange, bindingKey, null);
        } catch (Exception e) {
            throw new IllegalStateException("cannot tap exchange " + exchange, e);
        }
    }

    /**
     * A tap that outlives a broker restart: the broker at {@code host:port} (guest/guest), a durable,
     * non-exclusive queue named {@code queue} (made unique to the run) bound to the exchange, and a
     * connection that recovers by itself and consumes from that queue again. What is published while
     * the tap reconnects waits in the queue, provided the broker kept its data. The queue is deleted
     * on {@link #close()} (and with the run's names otherwise).
     */
    public static EventTap openDurable(String host, int port, String exchange, String bindingKey, String queue) {
        String name = queue + ".tap-" + TestRun.ID;
        TestRun.rememberQueue(name);
        try {
            return new EventTap(host, port, exchange, bindingKey, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot tap exchange " + exchange + " at " + host + ":" + port, e);
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

    /** The durable queue of this tap, or null for an exclusive one. */
    public String durableQueue() {
        return durableQueue;
    }

    @Override
    public void close() {
        try {
            if (durableQueue != null && channel.isOpen()) {
                channel.queueDelete(durableQueue);
            }
        } catch (Exception ignored) {
            // the run's clean-up removes it otherwise
        }
        try {
            connection.close();
        } catch (Exception ignored) {
            // closing a test connection
        }
    }
}
