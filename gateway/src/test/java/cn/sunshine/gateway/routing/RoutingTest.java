package cn.sunshine.gateway.routing;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest extends GatewayTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void eachAreaReachesItsOwnServiceWithTheTokenAndTraceContextRelayed() {
        ACCREDITATION.stubFor(get("/api/accreditation/tenders?year=2026").willReturn(okJson("{\"items\":[]}")));
        SUBSIDY.stubFor(get("/api/subsidy/claims").willReturn(okJson("{\"items\":[]}")));
        PLACEMENT.stubFor(get("/api/placement/orders").willReturn(okJson("{\"items\":[]}")));
        String bearer = bearer("county-officer-yingcheng");

        http.get().uri("/api/accreditation/tenders?year=2026").header(HttpHeaders.AUTHORIZATION, bearer)
                .header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.items").isArray();
        http.get().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange().expectStatus().isOk();
        http.get().uri("/api/placement/orders").header(HttpHeaders.AUTHORIZATION, bearer)
                .exchange().expectStatus().isOk();

        // Same path (no rewriting), the caller's token unchanged, the caller's trace continued.
        ACCREDITATION.verify(1, getRequestedFor(urlEqualTo("/api/accreditation/tenders?year=2026"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer))
                .withHeader("traceparent", matching("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]")));
        SUBSIDY.verify(1, getRequestedFor(urlEqualTo("/api/subsidy/claims"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer))
                .withHeader("traceparent", matching("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]")));
        PLACEMENT.verify(1, getRequestedFor(urlEqualTo("/api/placement/orders"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo(bearer)));
        ACCREDITATION.verify(1, anyRequestedFor(anyUrl()));
        SUBSIDY.verify(1, anyRequestedFor(anyUrl()));
        PLACEMENT.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void publicReadsNeedNoToken() {
        ACCREDITATION.stubFor(get("/api/public/accreditation/notices").willReturn(okJson("{\"items\":[]}")));

        http.get().uri("/api/public/accreditation/notices").exchange().expectStatus().isOk();

        ACCREDITATION.verify(getRequestedFor(urlEqualTo("/api/public/accreditation/notices"))
                .withHeader(HttpHeaders.AUTHORIZATION, absent()));
    }

    @Test
    void theFinanceBureausSignedCallbackNeedsNoTokenAndNothingElseOfTheAreaIsOpened() {
        String callback = "/api/subsidy/payment-instructions/c-1-base/settlement";
        SUBSIDY.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(callback)
                .willReturn(okJson("{\"status\":\"PAID\"}")));

        http.post().uri(callback).header("X-Bureau-Key-Id", "hubei-czt-2026b").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"status\":\"PAID\"}").exchange().expectStatus().isOk();
        SUBSIDY.verify(1, com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(callback))
                .withHeader("X-Bureau-Key-Id", equalTo("hubei-czt-2026b"))
                .withHeader(HttpHeaders.AUTHORIZATION, absent()));

        // Only POST to exactly that path: another method, a longer path or another instruction resource is not.
        http.get().uri(callback).exchange().expectStatus().isUnauthorized();
        http.post().uri(callback + "/x").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/subsidy/payment-instructions/c-1-base").exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/subsidy/payment-runs").exchange().expectStatus().isUnauthorized();
        // A token that is sent is still checked.
        http.post().uri(callback).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token")
                .exchange().expectStatus().isUnauthorized();
        SUBSIDY.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void aProtectedRouteWithoutATokenIs401ProblemAndNeverReachesTheService() {
        http.get().uri("/api/accreditation/tenders").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:sunshine:problem:unauthorized")
                .jsonPath("$.status").isEqualTo(401);

        ACCREDITATION.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void anInvalidOrExpiredTokenIs401() {
        String valid = token("county-officer-yingcheng");
        String tampered = valid.substring(0, valid.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        String expired = DevTokens.mint(DevUser.of("COUNTY_OFFICER", "420981"), Duration.ofMinutes(-10));

        for (String token : new String[] {"not-a-jwt", tampered, expired}) {
            http.get().uri("/api/accreditation/tenders").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isUnauthorized()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, v -> v.contains("invalid_token"))
                    .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:unauthorized");
        }
        ACCREDITATION.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aTokenAcceptedBeforeVouchesForNoOtherToken() {
        // The gateway remembers an accepted token until its expiry (CachingReactiveJwtDecoder): its tampered
        // copy, a token expired a while ago and garbage still meet the full check.
        ACCREDITATION.stubFor(get("/api/accreditation/tenders?year=2025").willReturn(okJson("{\"items\":[]}")));
        String valid = token("county-officer-anlu");
        for (int i = 0; i < 3; i++) {
            http.get().uri("/api/accreditation/tenders?year=2025").header(HttpHeaders.AUTHORIZATION, "Bearer " + valid)
                    .exchange().expectStatus().isOk();
        }
        String tamperedSignature = valid.substring(0, valid.length() - 4) + (valid.endsWith("AAAA") ? "BBBB" : "AAAA");
        String[] payload = valid.split("\\.");
        String tamperedClaims = payload[0] + "." + payload[1].substring(0, payload[1].length() - 2) + "xx." + payload[2];
        String expired = DevTokens.mint(DevUser.of("COUNTY_OFFICER", "420982"), Duration.ofMinutes(-10));
        for (String token : new String[] {tamperedSignature, tamperedClaims, expired, valid + "x"}) {
            http.get().uri("/api/accreditation/tenders?year=2025").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange().expectStatus().isUnauthorized();
        }
        ACCREDITATION.verify(3, getRequestedFor(urlEqualTo("/api/accreditation/tenders?year=2025")));
    }

    @Test
    void whatIsNotRoutedIsAProblemToo() {
        // The fallback endpoints are internal: closed to callers, with or without a token.
        http.get().uri("/fallback/enrollment-service").header(HttpHeaders.AUTHORIZATION, bearer("curious"))
                .exchange().expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:forbidden");
        http.get().uri("/fallback/enrollment-service").exchange().expectStatus().isUnauthorized();
        // No service behind an unknown area.
        http.get().uri("/api/nowhere/things").header(HttpHeaders.AUTHORIZATION, bearer("curious"))
                .exchange().expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:not-found");
    }

    @Test
    void theBrowserClientMayCallAcrossOriginsAndOthersMayNot() {
        http.options().uri("/api/subsidy/claims")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type,idempotency-key")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173");
        http.options().uri("/api/subsidy/claims")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden();
        SUBSIDY.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void healthProbesAndMetricsNeedNoToken() {
        http.get().uri("/actuator/health/liveness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("http_server_requests"));
    }

    @Test
    void aServicesApiDocumentIsServedThroughTheGateway() {
        SUBSIDY.stubFor(get("/v3/api-docs").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"openapi\":\"3.1.0\"}")));

        http.get().uri("/v3/api-docs/subsidy").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.openapi").isEqualTo("3.1.0");

        SUBSIDY.verify(getRequestedFor(urlPathEqualTo("/v3/api-docs")));
    }
}
