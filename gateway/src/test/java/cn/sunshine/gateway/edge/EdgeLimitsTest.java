package cn.sunshine.gateway.edge;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** Limits in the tests: 5 requests/s with a burst of 10 per caller, bodies up to 64 KB, JSON bodies up to 16 KB. */
class EdgeLimitsTest extends GatewayTest {

    @Test
    void aBurstAboveTheCallersLimitGets429WithRetryAfterAndOtherCallersAreUnaffected() {
        ACCREDITATION.stubFor(get("/api/accreditation/bases").willReturn(okJson("{\"items\":[]}")));
        String bearer = bearer("busy-script");

        List<EntityExchangeResult<String>> results = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            results.add(http.get().uri("/api/accreditation/bases").header(HttpHeaders.AUTHORIZATION, bearer)
                    .exchange().expectBody(String.class).returnResult());
        }

        List<EntityExchangeResult<String>> limited = results.stream()
                .filter(r -> r.getStatus().value() == 429).toList();
        assertThat(results).allSatisfy(r -> assertThat(r.getStatus().value()).isIn(200, 429));
        assertThat(results.subList(0, 10)).allSatisfy(r -> assertThat(r.getStatus().value()).isEqualTo(200));
        assertThat(limited).isNotEmpty();
        EntityExchangeResult<String> first = limited.get(0);
        assertThat(first.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(Long.parseLong(first.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat(first.getResponseBody()).contains("\"type\":\"urn:sunshine:problem:rate-limited\"");

        http.get().uri("/api/accreditation/bases").header(HttpHeaders.AUTHORIZATION, bearer("patient-officer"))
                .exchange().expectStatus().isOk();
    }

    @Test
    void aBodyAboveTheSizeLimitIs413AndNeverReachesTheService() {
        SUBSIDY.stubFor(post("/api/subsidy/claims").willReturn(okJson("{\"id\":\"c-1\"}")));
        String bearer = bearer("uploader");

        http.post().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_OCTET_STREAM).bodyValue(new byte[100 * 1024])
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:sunshine:problem:payload-too-large")
                .jsonPath("$.detail").isEqualTo("the request body is larger than the limit of 64 KB");
        SUBSIDY.verify(0, anyRequestedFor(anyUrl()));

        // Within the limit it passes.
        http.post().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer)
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{\"voucherId\":\"v-1\"}")
                .exchange().expectStatus().isOk();
        SUBSIDY.verify(1, postRequestedFor(urlEqualTo("/api/subsidy/claims")));
    }

    @Test
    void aStreamedBodyWithoutALengthIsCutOffAtTheLimitWith413() {
        SUBSIDY.stubFor(post("/api/subsidy/imports").willReturn(okJson("{}")));
        Flux<DataBuffer> chunks = Flux.range(0, 10)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[16 * 1024]));

        http.post().uri("/api/subsidy/imports").header(HttpHeaders.AUTHORIZATION, bearer("streamer"))
                .contentType(MediaType.APPLICATION_OCTET_STREAM).body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:payload-too-large");
    }

    @Test
    void aJsonBodyAboveTheJsonLimitIs413BodyTooLargeDeclaredOrStreamed() {
        SUBSIDY.stubFor(post("/api/subsidy/claims").willReturn(okJson("{\"id\":\"c-1\"}")));
        String huge = "{\"classId\":\"" + "x".repeat(20 * 1024) + "\"}";

        http.post().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer("json-writer"))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(huge)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("urn:sunshine:problem:body-too-large")
                .jsonPath("$.detail").isEqualTo("the JSON body is larger than the limit of 16 KB");

        Flux<DataBuffer> chunks = Flux.range(0, 5)
                .map(i -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[8 * 1024]));
        http.post().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer("json-streamer"))
                .contentType(MediaType.valueOf("application/merge-patch+json")).body(chunks, DataBuffer.class)
                .exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.type").isEqualTo("urn:sunshine:problem:body-too-large");
        SUBSIDY.verify(0, anyRequestedFor(anyUrl()));

        // the same size as a file (not JSON) is within the request limit and passes
        http.post().uri("/api/subsidy/claims").header(HttpHeaders.AUTHORIZATION, bearer("file-sender"))
                .contentType(MediaType.valueOf("text/csv")).bodyValue(huge)
                .exchange().expectStatus().isOk();
    }
}
