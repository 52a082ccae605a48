package cn.sunshine.platform.test.app;

import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.OutboxRelay;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestRun;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real broker restart: RabbitMQ runs in a container (the image CI builds from
 * deploy/ci/rabbitmq/Dockerfile, standing in for {@code rabbitmq}); the test stops the container
 * ({@code docker stop}: the broker process ends, its port closes), writes aggregates meanwhile
 * (the writes succeed, their events wait in the outbox), starts the same container again and checks
 * that every event was published exactly once and that the service's own consumer came back.
 *
 * <p>Unlike {@link BrokerOutageTest}'s TCP proxy, this loses everything the broker holds only in
 * memory: what survives is what is durable and what the container keeps on its volume. The tap is a
 * durable queue declared before the stop, so events published while it reconnects are not lost;
 * a witness queue with one persistent message proves the broker kept its data.
 *
 * <p>Runs only with {@code -Pcontainers} ({@code -Dsunshine.containers=true}, an engine, the image
 * built locally; deploy/ci/container-tests.sh sees to all three). The container is published on a
 * fixed port of 127.0.0.1 chosen at start, so that the service finds the broker at the same address
 * after the restart, as it would a restarted broker host.
 */
@EnabledIfSystemProperty(named = "sunshine.containers", matches = "true",
        disabledReason = "container test: run with -Pcontainers (deploy/ci/container-tests.sh)")
@SunshineServiceTest
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrokerRestartContainerIT {

    private static final Logger log = LoggerFactory.getLogger(BrokerRestartContainerIT.class);

    static final String HOST = "127.0.0.1";
    static final int AMQP = 5672;
    static final String IMAGE = System.getProperty("sunshine.containers.rabbitmq-image", "sunshine-ci/rabbitmq:3.10-bookworm");
    static final String DIVISION = "429005";

    private static RabbitMQContainer broker;
    private static int port;

    /** Started on first use (the context's properties or the test), once per JVM. */
    static synchronized RabbitMQContainer broker() {
        if (broker == null) {
            port = freePort();
            RabbitMQContainer c = new RabbitMQContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("rabbitmq"))
                    // guest/guest from the host: the Debian package allows guest on loopback only.
                    .withEnv("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit loopback_users []")
                    // No management or prometheus plugin: AMQP is all the test needs; boots in half the time.
                    .withCopyToContainer(Transferable.of("[].\n"), "/etc/rabbitmq/no_plugins")
                    .withEnv("RABBITMQ_ENABLED_PLUGINS_FILE", "/etc/rabbitmq/no_plugins")
                    .withLabel("cn.sunshine.containers.run", Objects.requireNonNullElse(System.getenv("SUNSHINE_CONTAINERS_RUN"), "manual"))
                    .withStartupTimeout(Duration.ofSeconds(90));
            // Only AMQP, only on 127.0.0.1, on a host port that stays the same across docker stop/start.
            c.setExposedPorts(List.of(AMQP));
            c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                    new PortBinding(Ports.Binding.bindIpAndPort(HOST, port), ExposedPort.tcp(AMQP))));
            long start = System.nanoTime();
            c.start();
            log.info("RabbitMQ container {} ({}) answers on {}:{} after {} ms: {}", c.getContainerId().substring(0, 12), IMAGE,
                    HOST, c.getMappedPort(AMQP), (System.nanoTime() - start) / 1_000_000,
                    c.getLogs().lines().filter(l -> l.contains("Server startup complete")).findFirst().orElse("?"));
            broker = c;
            // TestRun (names of the run, their clean-up) and EventTap.open talk to the container, never
            // to the machine's broker on 5672.
            System.setProperty("sunshine.test.rabbit.host", HOST);
            System.setProperty("sunshine.test.rabbit.port", String.valueOf(c.getMappedPort(AMQP)));
        }
        return broker;
    }

    @DynamicPropertySource
    static void theContainer(DynamicPropertyRegistry registry) {
        RabbitMQContainer c = broker();
        registry.add("spring.rabbitmq.host", () -> HOST);
        registry.add("spring.rabbitmq.port", () -> c.getMappedPort(AMQP));
        registry.add("spring.rabbitmq.username", c::getAdminUsername);
        registry.add("spring.rabbitmq.password", c::getAdminPassword);
        registry.add("spring.rabbitmq.connection-timeout", () -> "1s");
        registry.add("sunshine.messaging.confirm-timeout", () -> "2s");
    }

    @AfterAll
    static void removeTheContainer() {
        if (broker != null) {
            if (broker.isRunning()) {
                TestRun.cleanUpNow();   // while the container's broker still answers
            }
            broker.stop();              // removes the container and its volume
        }
    }

    @Autowired
    AggregateStore store;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MessagingProperties messaging;
    @Autowired
    MongoTemplate mongo;

    @Test
    void eventsWrittenWhileTheBrokerContainerIsStoppedArePublishedExactlyOnceAfterItStartsAgain() throws Exception {
        RabbitMQContainer c = broker();
        String type = PlatformTestApp.PARCEL_REGISTERED.name();
        try (EventTap tap = EventTap.openDurable(HOST, port, messaging.getExchange(), type, "broker-restart")) {
            // 1. Broker up: the path works.
            List<String> before = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                before.add(store.insert(Parcel.register(DIVISION, 10 + i)).getId());
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> allTapped(tap, before));
            String witness = "broker-restart.witness-" + TestRun.ID;
            declareWitness(witness);

            // 2. docker stop: the broker ends, its port closes, every connection to it drops.
            long t = System.nanoTime();
            c.getDockerClient().stopContainerCmd(c.getContainerId()).withTimeout(30).exec();
            assertThat(c.isRunning()).as("container running after docker stop").isFalse();
            log.info("broker container stopped in {} ms", (System.nanoTime() - t) / 1_000_000);

            List<String> during = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                during.add(store.insert(Parcel.register(DIVISION, 100 + i)).getId());   // writes still succeed
            }
            Thread.sleep(1500);   // several relay passes fail meanwhile
            assertThat(relay.pending()).as("events waiting in the outbox").isEqualTo(during.size());

            // 3. docker start: the same container, its volume, its address.
            t = System.nanoTime();
            c.getDockerClient().startContainerCmd(c.getContainerId()).exec();
            Wait.forLogMessage(".*Server startup complete.*", 2).withStartupTimeout(Duration.ofSeconds(60)).waitUntilReady(c);
            log.info("broker container started again in {} ms", (System.nanoTime() - t) / 1_000_000);
            assertThat(witnessMessages(witness)).as("persistent message in the durable witness queue after the restart")
                    .isEqualTo(1);

            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending() == 0);
            List<String> all = new ArrayList<>(before);
            all.addAll(during);
            await().atMost(Duration.ofSeconds(15)).until(() -> allTapped(tap, all));
            Thread.sleep(500);    // time for a duplicate to show up
            for (String id : all) {
                assertThat(tap.received().stream().filter(m -> m.body().contains(id)).count())
                        .as("copies of the event of parcel %s", id).isEqualTo(1);
            }
            assertThat(tap.ofType(type)).hasSize(all.size());
            assertThat(tap.ofType(type).stream().map(EventTap.Tapped::eventId).distinct()).hasSize(all.size());

            // 4. The service's own listener reconnected: its projection counted every parcel once.
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                ParcelTally tally = mongo.findById(DIVISION, ParcelTally.class);
                return tally != null && tally.getCount() == all.size();
            });
        }
    }

    private static boolean allTapped(EventTap tap, List<String> parcelIds) {
        List<EventTap.Tapped> received = tap.received();
        return parcelIds.stream().allMatch(id -> received.stream().anyMatch(m -> m.body().contains(id)));
    }

    private static ConnectionFactory connectionFactory() {
        ConnectionFactory cf = new ConnectionFactory();
        cf.setHost(HOST);
        cf.setPort(port);
        cf.setAutomaticRecoveryEnabled(false);
        cf.setConnectionTimeout(2000);
        return cf;
    }

    /** A durable queue nobody re-declares, with one persistent message. */
    private static void declareWitness(String queue) throws Exception {
        try (Connection conn = connectionFactory().newConnection("witness"); Channel ch = conn.createChannel()) {
            ch.queueDeclare(queue, true, false, false, null);
            ch.confirmSelect();
            ch.basicPublish("", queue, MessageProperties.PERSISTENT_TEXT_PLAIN, "kept".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5000);
        }
    }

    /** Messages in the witness queue, which must still exist (passive declare); the queue is deleted. */
    private static int witnessMessages(String queue) throws Exception {
        try (Connection conn = connectionFactory().newConnection("witness"); Channel ch = conn.createChannel()) {
            AMQP.Queue.DeclareOk ok = ch.queueDeclarePassive(queue);
            GetResponse kept = ch.basicGet(queue, true);
            assertThat(kept).as("the witness message").isNotNull();
            assertThat(new String(kept.getBody(), StandardCharsets.UTF_8)).isEqualTo("kept");
            ch.queueDelete(queue);
            return ok.getMessageCount();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
