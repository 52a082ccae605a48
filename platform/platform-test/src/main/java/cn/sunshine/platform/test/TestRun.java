package cn.sunshine.platform.test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names unique to this test run on the machine's shared RabbitMQ, and their removal when the JVM
 * ends, so that runs never see each other's messages. Which broker: {@link TestBroker} (the
 * machine's RabbitMQ, or an embedded one when none answers).
 */
public final class TestRun {

    public static final String ID = UUID.randomUUID().toString().substring(0, 8);
    private static final Set<String> QUEUES = ConcurrentHashMap.newKeySet();
    private static final Set<String> EXCHANGES = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestRun::cleanUp, "rabbit-test-cleanup"));
    }

    private TestRun() {
    }

    public static String exchange() {
        String name = "sunshine.events.test-" + ID;
        EXCHANGES.add(name);
        return name;
    }

    public static String queue(String service) {
        String name = service + ".events.test-" + ID;
        QUEUES.add(name);
        QUEUES.add(name + ".dlq");
        return name;
    }

    /** The broker's host: the machine's RabbitMQ, or the embedded broker when none answers ({@link TestBroker}). */
    public static String rabbitHost() {
        return TestBroker.address().host();
    }

    /** The broker's port: the machine's RabbitMQ, or the embedded broker when none answers ({@link TestBroker}). */
    public static int rabbitPort() {
        return TestBroker.address().port();
    }

    /**
     * Removes the run's names now, from the broker {@link #rabbitHost()}/{@link #rabbitPort()} point
     * at, and forgets them, so that the shutdown hook has nothing left to do. For a test whose broker
     * goes away before the JVM ends (a container stopped in {@code @AfterAll}).
     */
    public static void cleanUpNow() {
        cleanUp();
        QUEUES.clear();
        EXCHANGES.clear();
    }

    /** A queue of the run made outside the service's own names (a durable {@link EventTap}), removed with them. */
    static void rememberQueue(String name) {
        QUEUES.add(name);
    }

    static void cleanUp() {
        if (QUEUES.isEmpty() && EXCHANGES.isEmpty()) {
            return;   // nothing of this run on any broker (or already removed by cleanUpNow)
        }
        TestBroker.Address broker = TestBroker.address();
        if (TestBroker.isEmbedded(broker)) {
            return;   // the embedded broker keeps everything in memory and ends with the JVM
        }
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(broker.host());
        cf.setPort(broker.port());
        cf.setConnectionTimeout(2000);
        try (Connection c = cf.newConnection("test-cleanup"); Channel ch = c.createChannel()) {
            for (String q : QUEUES) {
                ch.queueDelete(q);
            }
            for (String e : EXCHANGES) {
                ch.exchangeDelete(e);
            }
        } catch (Exception e) {
            System.err.println("could not remove the test run's RabbitMQ names: " + e);
        }
    }
}
