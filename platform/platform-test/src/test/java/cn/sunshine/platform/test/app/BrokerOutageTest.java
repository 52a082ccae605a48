package cn.sunshine.platform.test.app;

import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.OutboxRelay;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service reaches RabbitMQ through a TCP proxy that the test cuts: writes made while the
 * broker is unreachable succeed, their events wait in the outbox, and each is published exactly
 * once when the broker is back.
 */
@SunshineServiceTest
class BrokerOutageTest {

    static final NioReactor REACTOR;
    static final TcpCrusher PROXY;

    static {
        try {
            REACTOR = new NioReactor();
            PROXY = TcpCrusherBuilder.builder().withReactor(REACTOR)
                    .withBindAddress("127.0.0.1", freePort())
                    .withConnectAddress(TestRun.rabbitHost(), TestRun.rabbitPort())
                    .buildAndOpen();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.rabbitmq.port", () -> PROXY.getBindAddress().getPort());
        registry.add("spring.rabbitmq.connection-timeout", () -> "1s");
        registry.add("sunshine.messaging.confirm-timeout", () -> "2s");
    }

    @AfterAll
    static void closeProxy() {
        PROXY.close();
        REACTOR.close();
    }

    @Autowired
    AggregateStore store;
    @Autowired
    OutboxRelay relay;
    @Autowired
    MessagingProperties messaging;

    @Test
    void eventsWrittenWhileTheBrokerIsUnreachableArePublishedExactlyOnceWhenItReturns() throws Exception {
        try (EventTap tap = EventTap.open(messaging.getExchange(), "test.parcel.registered.v1")) {
            // Warm up: the path works.
            Parcel first = store.insert(Parcel.register("420981", 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream().anyMatch(t -> t.body().contains(first.getId())));
            // ...and its confirm came back (the tap may see a message before the broker's ack reaches the relay).
            await().atMost(Duration.ofSeconds(10)).until(() -> relay.pending() == 0);

            PROXY.close();            // the broker becomes unreachable; open connections are cut
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(store.insert(Parcel.register("420981", 100 + i)).getId());   // writes still succeed
            }
            Thread.sleep(1500);       // several relay passes fail meanwhile
            assertThat(relay.pending()).isEqualTo(5);
            assertThat(tap.received()).noneMatch(t -> ids.stream().anyMatch(id -> t.body().contains(id)));

            PROXY.open();             // the broker is back
            await().atMost(Duration.ofSeconds(30)).until(() -> relay.pending() == 0);
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    ids.stream().allMatch(id -> tap.received().stream().anyMatch(t -> t.body().contains(id))));
            Thread.sleep(500);
            for (String id : ids) {
                assertThat(tap.received().stream().filter(t -> t.body().contains(id)).count())
                        .as("copies of the event of parcel %s", id).isEqualTo(1);
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
