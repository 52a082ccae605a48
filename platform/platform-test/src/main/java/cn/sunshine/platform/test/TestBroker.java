package cn.sunshine.platform.test;

import cn.sunshine.embedded.amqp.EmbeddedAmqpBroker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The AMQP broker the tests of this JVM use: the machine's RabbitMQ when one answers, otherwise an
 * embedded Apache Qpid Broker-J (the one the devstack falls back to, from tools/embedded-infra)
 * started once for the JVM on a free loopback port — so that {@code ./mvnw -B verify} passes on a
 * machine with nothing but Java.
 *
 * <p>Settings (a system property, or the environment variable in brackets):
 * <ul>
 *   <li>{@code sunshine.test.rabbit.host} ({@code SUNSHINE_TEST_RABBIT_HOST}), default 127.0.0.1;</li>
 *   <li>{@code sunshine.test.rabbit.port} ({@code SUNSHINE_TEST_RABBIT_PORT}), default 5672 — a
 *       closed port (e.g. 5999) shows the fallback on a machine where RabbitMQ runs;</li>
 *   <li>{@code sunshine.test.broker} ({@code SUNSHINE_TEST_BROKER}): {@code auto} (default: that
 *       RabbitMQ if it answers, else the embedded broker), {@code rabbitmq} (that RabbitMQ or the
 *       tests fail: CI, which must keep testing against the real thing), {@code embedded} (always
 *       the embedded broker).</li>
 * </ul>
 */
public final class TestBroker {

    /** A broker's address. */
    public record Address(String host, int port) {
    }

    private static final String LOOPBACK = "127.0.0.1";
    private static final Map<Address, Address> RESOLVED = new HashMap<>();
    private static EmbeddedAmqpBroker embedded;
    private static Address embeddedAddress;

    private TestBroker() {
    }

    /** The broker to use: the configured one if it answers (or must be used), else the embedded one. */
    public static synchronized Address address() {
        Address wanted = new Address(setting("sunshine.test.rabbit.host", "SUNSHINE_TEST_RABBIT_HOST", LOOPBACK),
                Integer.parseInt(setting("sunshine.test.rabbit.port", "SUNSHINE_TEST_RABBIT_PORT", "5672")));
        Address known = RESOLVED.get(wanted);
        if (known != null) {
            return known;
        }
        String mode = setting("sunshine.test.broker", "SUNSHINE_TEST_BROKER", "auto");
        Address chosen = switch (mode) {
            case "rabbitmq" -> {
                if (!EmbeddedAmqpBroker.answers(wanted.host(), wanted.port())) {
                    throw new IllegalStateException("sunshine.test.broker=rabbitmq but no AMQP broker answers on "
                            + wanted.host() + ":" + wanted.port());
                }
                yield wanted;
            }
            case "embedded" -> startEmbedded("sunshine.test.broker=embedded");
            case "auto" -> EmbeddedAmqpBroker.answers(wanted.host(), wanted.port()) ? wanted
                    : startEmbedded("no AMQP broker answers on " + wanted.host() + ":" + wanted.port());
            default -> throw new IllegalStateException("sunshine.test.broker must be auto, rabbitmq or embedded, not " + mode);
        };
        RESOLVED.put(wanted, chosen);
        return chosen;
    }

    /** Whether this JVM's tests use the embedded broker (which needs no clean-up: it ends with the JVM). */
    public static synchronized boolean isEmbedded(Address address) {
        return address.equals(embeddedAddress);
    }

    private static Address startEmbedded(String why) {
        if (embedded == null) {
            long started = System.nanoTime();
            try {
                Path workDir = Files.createTempDirectory("sunshine-test-qpid");
                int port = EmbeddedAmqpBroker.freePort(LOOPBACK);
                embedded = EmbeddedAmqpBroker.start(LOOPBACK, port, workDir);
                embeddedAddress = new Address(LOOPBACK, port);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    embedded.close();
                    delete(workDir);
                }, "embedded-amqp-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("platform-test: " + why + ", and the embedded broker did not start: " + e, e);
            }
            System.out.printf("platform-test: %s; the tests of this JVM use an embedded Qpid Broker-J %s on %s:%d "
                            + "(started in %d ms; docs/running-locally.md, \"Tests without RabbitMQ\")%n",
                    why, EmbeddedAmqpBroker.version(), LOOPBACK, embeddedAddress.port(),
                    (System.nanoTime() - started) / 1_000_000);
        }
        return embeddedAddress;
    }

    private static String setting(String property, String environment, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (Exception ignored) {
            // a temporary directory: best effort
        }
    }
}
