package cn.sunshine.platform.test.security;

import cn.sunshine.platform.security.client.ClientCredentialsException;
import cn.sunshine.platform.security.client.ClientCredentialsProperties;
import cn.sunshine.platform.security.client.ClientCredentialsRequestInterceptor;
import cn.sunshine.platform.security.client.ClientCredentialsTokens;
import cn.sunshine.platform.test.MutableClock;
import com.sun.net.httpserver.HttpServer;
import feign.RequestTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The platform's client-credentials token source against a token endpoint on 127.0.0.1, with a clock the test moves. */
class ClientCredentialsTokensTest {

    private HttpServer server;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;
    private volatile long expiresIn = 300;
    private volatile long delayMillis = 0;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-07-06T01:00:00Z"));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/oauth2/token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            String body = status == 200
                    ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"token_type\":\"Bearer\",\"expires_in\":"
                    + expiresIn + "}"
                    : "{\"error\":\"invalid_client\",\"error_description\":\"unknown client or wrong secret\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private ClientCredentialsTokens tokens(String id, String secret, String method) {
        return new ClientCredentialsTokens(new ClientCredentialsProperties(id, secret,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/token"), method,
                Duration.ofSeconds(30), Duration.ofSeconds(2)), clock);
    }

    @Test
    void aTokenIsReusedUntilShortlyBeforeItExpiresThenFetchedAgain() {
        ClientCredentialsTokens tokens = tokens("placement-service", "s3cret", null);
        assertThat(tokens.token(List.of("contacts:read"))).isEqualTo("token-1");
        clock.set(clock.instant().plusSeconds(269));
        assertThat(tokens.token(List.of("contacts:read"))).as("still 31 s to live").isEqualTo("token-1");
        clock.set(clock.instant().plusSeconds(2));
        assertThat(tokens.token(List.of("contacts:read"))).as("within 30 s of expiry").isEqualTo("token-2");
        assertThat(tokens.token(List.of("other:scope"))).as("another set of scopes, another token").isEqualTo("token-3");
        assertThat(bodies).containsExactly("grant_type=client_credentials&scope=contacts%3Aread",
                "grant_type=client_credentials&scope=contacts%3Aread", "grant_type=client_credentials&scope=other%3Ascope");
    }

    @Test
    void aShortLivedTokenIsReplacedAtHalfItsLifetime() {
        expiresIn = 10;
        ClientCredentialsTokens tokens = tokens("placement-service", "s3cret", null);
        assertThat(tokens.token(List.of("contacts:read"))).isEqualTo("token-1");
        clock.set(clock.instant().plusSeconds(4));
        assertThat(tokens.token(List.of("contacts:read"))).isEqualTo("token-1");
        clock.set(clock.instant().plusSeconds(2));
        assertThat(tokens.token(List.of("contacts:read"))).isEqualTo("token-2");
    }

    @Test
    void theClientAuthenticatesWithBasicOrInTheBody() {
        tokens("placement service", "p:w&d", "client_secret_basic").token(List.of("contacts:read"));
        assertThat(authorizations.get(0)).isEqualTo("Basic " + Base64.getEncoder()
                .encodeToString("placement+service:p%3Aw%26d".getBytes(StandardCharsets.UTF_8)));

        tokens("placement-service", "p:w&d", "client_secret_post").token(List.of());
        assertThat(authorizations.get(1)).isNull();
        assertThat(bodies.get(1)).isEqualTo("grant_type=client_credentials&client_id=placement-service&client_secret=p%3Aw%26d");
    }

    @Test
    void aRefusalSaysWhyWithoutTheSecretAndNothingIsCached() {
        status = 401;
        ClientCredentialsTokens tokens = tokens("placement-service", "very-secret", null);
        assertThatThrownBy(() -> tokens.token(List.of("contacts:read")))
                .isInstanceOf(ClientCredentialsException.class)
                .hasMessageContaining("401").hasMessageContaining("invalid_client")
                .hasMessageNotContaining("very-secret")
                .satisfies(e -> assertThat(((ClientCredentialsException) e).status()).isEqualTo(401));
        status = 200;
        assertThat(tokens.token(List.of("contacts:read"))).isEqualTo("token-1");
    }

    @Test
    void concurrentCallersShareOneFetch() throws Exception {
        delayMillis = 300;
        ClientCredentialsTokens tokens = tokens("placement-service", "s3cret", null);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> got = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                got.add(pool.submit(() -> {
                    go.await();
                    return tokens.token(List.of("contacts:read"));
                }));
            }
            go.countDown();
            for (Future<String> f : got) {
                assertThat(f.get()).isEqualTo("token-1");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(bodies).hasSize(1);
    }

    @Test
    void theFeignInterceptorReplacesAnyAuthorizationWithTheToken() {
        ClientCredentialsTokens tokens = tokens("placement-service", "s3cret", null);
        RequestTemplate template = new RequestTemplate();
        template.header("Authorization", "Bearer stale");
        new ClientCredentialsRequestInterceptor(tokens, List.of("contacts:read")).apply(template);
        assertThat(template.headers().get("Authorization")).containsExactly("Bearer token-1");
        tokens.evictAll();
        new ClientCredentialsRequestInterceptor(tokens, List.of("contacts:read")).apply(template);
        assertThat(template.headers().get("Authorization")).containsExactly("Bearer token-2");
    }

    @Test
    void aClientWithoutASecretOrTokenUriDoesNotStart() {
        assertThatThrownBy(() -> tokens("placement-service", " ", null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SUNSHINE_CLIENT_SECRET");
        assertThatThrownBy(() -> new ClientCredentialsTokens(new ClientCredentialsProperties("placement-service", "x",
                null, null, null, null), clock)).hasMessageContaining("SUNSHINE_TOKEN_URI");
        assertThatThrownBy(() -> tokens("placement-service", "x", "private_key_jwt"))
                .hasMessageContaining("client_secret_basic");
    }
}
