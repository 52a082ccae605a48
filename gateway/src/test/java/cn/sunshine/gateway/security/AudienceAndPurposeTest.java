package cn.sunshine.gateway.security;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * Issue 14 at the gateway: a token of the same issuer meant for another application is 401 and never
 * reaches a service; the suite's audience passes. Browsers may send {@code X-Purpose} (why a whole
 * record is read, audited by enrollment) across origins.
 */
class AudienceAndPurposeTest extends GatewayTest {

    private static String token(List<String> audiences) {
        return DevTokens.mint(new DevUser("officer-aud", "officer", Set.of("COUNTY_OFFICER"), "420981", null),
                Duration.ofMinutes(10), audiences);
    }

    @Test
    void aTokenForAnotherAudienceIs401AndNeverReachesTheService() {
        ACCREDITATION.stubFor(get("/api/accreditation/bases").willReturn(okJson("{\"items\":[]}")));
        for (List<String> audiences : List.of(List.of("another-app"), List.of("account", "grafana"), List.<String>of())) {
            http.get().uri("/api/accreditation/bases").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(audiences))
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> v.contains("invalid_token"))
                    .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:unauthorized");
        }
        ACCREDITATION.verify(0, anyRequestedFor(anyUrl()));

        http.get().uri("/api/accreditation/bases").header(HttpHeaders.AUTHORIZATION,
                        "Bearer " + token(List.of("account", DevTokens.AUDIENCE)))
                .exchange().expectStatus().isOk();
        ACCREDITATION.verify(1, getRequestedFor(urlEqualTo("/api/accreditation/bases")));
    }

    @Test
    void theBrowserClientMaySendXPurposeAcrossOrigins() {
        http.options().uri("/api/enrollment/enrollments/e-1")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,x-purpose")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, v -> org.assertj.core.api.Assertions
                        .assertThat(v.toLowerCase()).contains("x-purpose"));
    }
}
