package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.GatewayTest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

class ResilienceTest extends GatewayTest {

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    @Test
    void aServiceThatIsDownIs503NamingItQuicklyWhileTheOthersKeepWorking() {
        ACCREDITATION.stubFor(get("/api/accreditation/bases").willReturn(okJson("{\"items\":[]}")));
        String bearer = bearer("county-officer-anlu");

        long start = System.nanoTime();
        http.post().uri("/api/enrollment/classes").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"majorCode\":\"0301\"}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:sunshine:problem:service-unavailable")
                .jsonPath("$.detail").isEqualTo("enrollment-service is unavailable; other services keep working")
                .jsonPath("$.service").isEqualTo("enrollment-service");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));

        http.get().uri("/api/accreditation/bases").header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange().expectStatus().isOk();
        // Public reads of the service that is down are answered the same way.
        http.get().uri("/api/public/enrollment/classes").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("enrollment-service");
    }

    @Test
    void aServiceSlowerThanItsTimeoutIs503WhileAnotherAnswersMeanwhile() {
        // placement-service's timeout is 1 s in the tests (sunshine.services.placement.timeout).
        PLACEMENT.stubFor(get("/api/placement/orders").willReturn(okJson("{\"items\":[]}").withFixedDelay(3000)));
        SUBSIDY.stubFor(get("/api/subsidy/standards").willReturn(okJson("{\"items\":[]}")));
        String bearer = bearer("county-officer-xiaogan");

        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
            long start = System.nanoTime();
            http.get().uri("/api/placement/orders").header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange()
                    .expectStatus().isEqualTo(503)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("urn:sunshine:problem:service-unavailable")
                    .jsonPath("$.detail").isEqualTo("placement-service is unavailable; other services keep working");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(900), Duration.ofMillis(2900));
        });
        http.get().uri("/api/subsidy/standards").header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange().expectStatus().isOk();
        slow.join();
    }

    @Test
    void aServiceThatKeepsFailingHasItsCircuitOpened() {
        for (int i = 0; i < 10; i++) {
            http.get().uri("/api/public/enrollment/majors").exchange().expectStatus().isEqualTo(503);
        }

        assertThat(circuitBreakers.circuitBreaker("enrollment-service").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        // Open: answered at once, without trying the service.
        http.get().uri("/api/public/enrollment/majors").exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.service").isEqualTo("enrollment-service");
        assertThat(circuitBreakers.circuitBreaker("enrollment-service").getMetrics().getNumberOfNotPermittedCalls())
                .isPositive();
    }

    @Test
    void aServicesOwnErrorIsPassedOnUnchanged() {
        SUBSIDY.stubFor(get("/api/subsidy/claims/c-1").willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"urn:sunshine:problem:not-found\",\"status\":404}")));

        http.get().uri("/api/subsidy/claims/c-1").header(HttpHeaders.AUTHORIZATION, bearer("county-officer-xiaogan"))
                .exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:not-found");
    }
}
