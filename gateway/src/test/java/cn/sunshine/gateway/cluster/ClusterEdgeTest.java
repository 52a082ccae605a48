package cn.sunshine.gateway.cluster;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway configured as in a cluster behind the ingress: one trusted proxy hop, metrics and API
 * documents for operators only, and a small anonymous limit (3 at once, then 1/s) so it is reached
 * quickly. Every request here comes over the same connection address (127.0.0.1): only
 * {@code X-Forwarded-For} tells the citizens apart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sunshine.gateway.rate-limit.trusted-proxy-hops=1",
        "sunshine.gateway.rate-limit.anonymous-rate=1",
        "sunshine.gateway.rate-limit.anonymous-burst=3",
        "sunshine.gateway.operator-only-metrics-and-docs=true"})
@ActiveProfiles("test")
class ClusterEdgeTest {

    private static final WireMockServer ACCREDITATION = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1")
            .dynamicPort().containerThreads(8).jettyAcceptors(1));

    static {
        ACCREDITATION.start();
    }

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("sunshine.services.accreditation.uri", () -> "http://127.0.0.1:" + ACCREDITATION.port());
    }

    @AfterAll
    static void stop() {
        ACCREDITATION.stop();
    }

    @LocalServerPort
    int port;

    private WebTestClient http;

    @BeforeEach
    void client() {
        ACCREDITATION.resetAll();
        ACCREDITATION.stubFor(get(urlPathEqualTo("/api/public/accreditation/notices")).willReturn(okJson("{\"items\":[]}")));
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(15)).build();
    }

    private int publicRead(String forwardedFor) {
        return http.get().uri("/api/public/accreditation/notices").header("X-Forwarded-For", forwardedFor)
                .exchange().expectBody(String.class).returnResult().getStatus().value();
    }

    @Test
    void anonymousLimitsAreKeyedOnTheForwardedClientAddressNeverOnWhatTheClientPrefixed() {
        // One noisy client behind the ingress (the ingress appends 203.0.113.7); whatever it writes
        // itself in front of that is not trusted, so forging entries gives it no fresh bucket.
        assertThat(publicRead("203.0.113.7")).isEqualTo(200);
        assertThat(publicRead("10.9.9.1, 203.0.113.7")).isEqualTo(200);
        assertThat(publicRead("10.9.9.2, 10.9.9.3, 203.0.113.7")).isEqualTo(200);
        assertThat(publicRead("10.9.9.4, 203.0.113.7")).as("the same client over its burst").isEqualTo(429);

        // Every other citizen keeps their own limit, though all arrive over the same connection.
        assertThat(publicRead("198.51.100.9")).isEqualTo(200);
        assertThat(publicRead("203.0.113.7, 198.51.100.10")).as("another client naming the noisy one").isEqualTo(200);

        // The service is told the client's address, never what the client claimed it to be.
        http.get().uri("/api/public/accreditation/notices").header("X-Forwarded-For", "198.51.100.11")
                .header("X-Sunshine-Client-Address", "1.2.3.4").exchange().expectStatus().isOk();
        ACCREDITATION.verify(getRequestedFor(urlPathEqualTo("/api/public/accreditation/notices"))
                .withHeader("X-Sunshine-Client-Address", equalTo("198.51.100.11")));
        assertThat(ACCREDITATION.findAll(getRequestedFor(urlPathEqualTo("/api/public/accreditation/notices"))))
                .noneMatch(r -> "1.2.3.4".equals(r.getHeader("X-Sunshine-Client-Address")));
    }

    @Test
    void publicReadsAreMarkedCacheableForAShortWhile() {
        http.get().uri("/api/public/accreditation/notices").header("X-Forwarded-For", "192.0.2.50").exchange()
                .expectStatus().isOk().expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=30");
    }

    @Test
    void metricsAndApiDocumentsNeedTheOperatorRoleHealthStaysOpen() {
        ACCREDITATION.stubFor(get("/v3/api-docs").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"openapi\":\"3.1.0\"}")));
        String officer = "Bearer " + DevTokens.mint(new DevUser("officer", "officer", Set.of("COUNTY_OFFICER"), "420981", null));
        String operator = "Bearer " + DevTokens.mint(new DevUser("ops", "ops", Set.of("OPERATOR"), "420000", null));
        for (String path : new String[]{"/actuator/prometheus", "/v3/api-docs/accreditation", "/v3/api-docs/gateway",
                "/swagger-ui.html"}) {
            http.get().uri(path).exchange().expectStatus().isUnauthorized();
            http.get().uri(path).header(HttpHeaders.AUTHORIZATION, officer).exchange().expectStatus().isForbidden();
        }
        http.get().uri("/actuator/prometheus").header(HttpHeaders.AUTHORIZATION, operator).exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs/accreditation").header(HttpHeaders.AUTHORIZATION, operator).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");
        http.get().uri("/v3/api-docs/gateway").header(HttpHeaders.AUTHORIZATION, operator).exchange().expectStatus().isOk();
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
