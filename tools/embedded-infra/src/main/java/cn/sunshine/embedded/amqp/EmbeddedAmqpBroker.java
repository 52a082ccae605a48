package cn.sunshine.embedded.amqp;

import org.apache.qpid.server.SystemLauncher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Apache Qpid Broker-J in process: one AMQP 0-9-1 port on the loopback address, an in-memory
 * virtual host reached as {@code /} (RabbitMQ's default), user guest/guest.
 *
 * <p>What the suite needs and this configuration provides: durable topic exchanges and durable
 * queues (kept in memory here), bindings, publisher confirms, {@code basic.get},
 * {@code basic.nack} with requeue, the default exchange. Differences from RabbitMQ: queue
 * arguments it does not know (e.g. {@code x-dead-letter-exchange}) are logged and ignored instead of
 * rejected ({@code queue.behaviourOnUnknownDeclareArgument=LOG}); an unroutable mandatory publish
 * comes back as a negative confirm.
 *
 * <p>Shared by the devstack (the local run's fallback when no RabbitMQ answers on 5672) and
 * platform-test (the tests' fallback, on a free port).
 */
public final class EmbeddedAmqpBroker implements AutoCloseable {

    private static final String VIRTUAL_HOST = "default";

    private final SystemLauncher launcher;
    private final int port;

    private EmbeddedAmqpBroker(SystemLauncher launcher, int port) {
        this.launcher = launcher;
        this.port = port;
    }

    public static EmbeddedAmqpBroker start(String host, int port, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        // The initial configuration and the system properties are read from files: Qpid's
        // classpath: defaults do not resolve inside a Spring Boot fat jar.
        Path config = workDir.resolve("initial-config.json");
        Files.writeString(config, initialConfig(host, port), StandardCharsets.UTF_8);
        Path systemProperties = workDir.resolve("system.properties");
        Files.writeString(systemProperties, String.join("\n",
                "# written by devstack at every start; edits are overwritten",
                "qpid.amqp_port=" + port,
                ""), StandardCharsets.ISO_8859_1);

        Map<String, String> context = new HashMap<>();
        context.put("qpid.work_dir", workDir.toString());
        context.put("QPID_WORK", workDir.toString());

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toUri().toURL().toExternalForm());
        attributes.put("initialSystemPropertiesLocation", systemProperties.toUri().toURL().toExternalForm());
        attributes.put("startupLoggedToSystemOut", Boolean.FALSE);
        attributes.put("preferenceStoreAttributes", "{\"type\": \"Noop\"}");
        attributes.put("context", context);

        SystemLauncher launcher = new SystemLauncher();
        try {
            launcher.startup(attributes);
        } catch (Exception e) {
            try {
                launcher.shutdown();
            } catch (RuntimeException ignored) {
                // already failed
            }
            throw new IllegalStateException("amqp: Qpid Broker-J did not start on " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        if (!answers(host, port)) {
            launcher.shutdown();
            throw new IllegalStateException("amqp: Qpid Broker-J started but does not listen on " + host + ":" + port);
        }
        return new EmbeddedAmqpBroker(launcher, port);
    }

    /** The broker's configuration: model version of Broker-J 10 (9.1). */
    public static String initialConfig(String host, int port) {
        return """
                {
                  "name": "devstack",
                  "modelVersion": "9.1",
                  "context": {
                    "queue.behaviourOnUnknownDeclareArgument": "LOG",
                    "broker.failStartupWithErroredChild": "true"
                  },
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "guest", "type": "managed", "password": "guest" } ]
                  } ],
                  "ports": [ {
                    "name": "AMQP",
                    "port": %d,
                    "bindingAddress": "%s",
                    "authenticationProvider": "plain",
                    "protocols": [ "AMQP_0_8", "AMQP_0_9", "AMQP_0_9_1" ],
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "%s",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
                  } ]
                }
                """.formatted(port, host, VIRTUAL_HOST);
    }

    public static String version() {
        String v = SystemLauncher.class.getPackage().getImplementationVersion();
        return v != null ? v : "10.1.0";
    }

    /** The port it listens on. */
    public int port() {
        return port;
    }

    /** Whether something accepts TCP connections on host:port (300 ms connect timeout). */
    public static boolean answers(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free on host at the time of asking. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(host, 0));
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        launcher.shutdown();
    }

    @Override
    public String toString() {
        return "amqp (Qpid Broker-J on port " + port + ")";
    }
}
