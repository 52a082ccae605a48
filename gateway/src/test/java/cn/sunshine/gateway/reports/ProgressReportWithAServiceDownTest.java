package cn.sunshine.gateway.reports;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the shared context, where enrollment is down (connection refused): its part is UNAVAILABLE at
 * once, and the report is still answered with the other parts' figures.
 */
class ProgressReportWithAServiceDownTest extends GatewayTest {

    @Test
    void aServiceThatRefusesTheConnectionIsUnavailableAndTheReportStillAnswers() {
        ACCREDITATION.stubFor(get(urlPathEqualTo("/api/accreditation/progress")).willReturn(okJson(
                "{\"division\":\"420981\",\"figures\":{\"quota\":1702,\"committedPlacementRateBp\":9000,\"basesAccredited\":5,\"complaintsReceived\":1,\"complaintsSubstantiated\":0,\"inspectionFindings\":2}}")));
        PLACEMENT.stubFor(get(urlPathEqualTo("/api/placement/progress")).willReturn(okJson(
                "{\"division\":\"420981\",\"figures\":{\"placed\":1573,\"spotChecks\":79,\"findings\":0}}")));

        long started = System.nanoTime();
        byte[] body = http.get().uri("/api/reports/progress?division=420981&period=2026")
                .header(HttpHeaders.AUTHORIZATION, bearer("report-reader-down")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        assertThat((System.nanoTime() - started) / 1_000_000).as("refused at once, not waited for").isLessThan(2_000);

        JsonNode r = JsonMapper.builder().build().readTree(body);
        assertThat(r.path("parts").path("enrollment").path("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(r.path("parts").path("enrollment").path("reason").asString()).isEqualTo("enrollment-service cannot be reached");
        assertThat(r.path("parts").path("subsidy").path("status").asString()).as("no stub: 404").isEqualTo("UNAVAILABLE");
        assertThat(r.path("figures").path("quota").asLong()).isEqualTo(1702);
        assertThat(r.path("figures").path("placed").asLong()).isEqualTo(1573);
        assertThat(r.path("figures").path("completed").isNull()).isTrue();
        assertThat(r.path("figures").path("placementRateBp").isNull()).as("no completers known").isTrue();
        assertThat(r.path("unanswered").path("placementRateBp").path(0).asString()).isEqualTo("enrollment");
    }

    @Test
    void theGatewaysOwnApiDocumentListsTheReports() {
        byte[] body = http.get().uri("/v3/api-docs/gateway").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        JsonNode paths = JsonMapper.builder().build().readTree(body).path("paths");
        assertThat(paths.has("/api/reports/progress")).as(paths.toString()).isTrue();
        assertThat(paths.has("/api/reports/progress.xlsx")).isTrue();
    }
}
