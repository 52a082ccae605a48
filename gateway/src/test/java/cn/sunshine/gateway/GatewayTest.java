package cn.sunshine.gateway;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The gateway started whole on a random port in front of fake services: WireMock servers for
 * accreditation, subsidy and placement, and a closed port for enrollment (connection refused).
 * Every test class extends this and changes nothing else, so all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class GatewayTest {

    protected static final WireMockServer ACCREDITATION = start();
    protected static final WireMockServer SUBSIDY = start();
    protected static final WireMockServer PLACEMENT = start();
    /** Plays the console (the web application the gateway serves at /). */
    protected static final WireMockServer CONSOLE = start();
    /** Nothing listens here: the enrollment service is down. */
    protected static final int ENROLLMENT_DOWN_PORT = closedPort();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            ACCREDITATION.stop();
            SUBSIDY.stop();
            PLACEMENT.stop();
            CONSOLE.stop();
        }));
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("sunshine.services.accreditation.uri", () -> url(ACCREDITATION));
        registry.add("sunshine.services.enrollment.uri", () -> "http://127.0.0.1:" + ENROLLMENT_DOWN_PORT);
        registry.add("sunshine.services.subsidy.uri", () -> url(SUBSIDY));
        registry.add("sunshine.services.placement.uri", () -> url(PLACEMENT));
        registry.add("sunshine.console.uri", () -> url(CONSOLE));
    }

    @LocalServerPort
    int port;

    protected WebTestClient http;

    @BeforeEach
    void resetBackendsAndClient() {
        ACCREDITATION.resetAll();
        SUBSIDY.resetAll();
        PLACEMENT.resetAll();
        CONSOLE.resetAll();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    /** A token for a county officer of 应城市 with the given subject. */
    protected static String token(String subject) {
        return DevTokens.mint(new DevUser(subject, subject, Set.of("COUNTY_OFFICER"), "420981", null));
    }

    protected static String bearer(String subject) {
        return "Bearer " + token(subject);
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(12).jettyAcceptors(1));
        server.start();
        return server;
    }

    private static String url(WireMockServer server) {
        return "http://127.0.0.1:" + server.port();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
