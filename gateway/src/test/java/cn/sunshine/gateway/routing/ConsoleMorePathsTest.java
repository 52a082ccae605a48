package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The expert's, the reports' and the auditor's pages reach the console, without a token, as its other pages. */
class ConsoleMorePathsTest extends GatewayTest {

    @Test
    void theExpertReportAuditAndAccreditationPagesReachTheConsole() {
        CONSOLE.stubFor(get(urlPathMatching("/(expert|reports|audit|accreditation|follow-ups|placements|escalations|monitoring|funding)(/.*)?")).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8").withBody("<h1>console</h1>")));
        for (String path : new String[] {"/expert", "/expert/tenders/t-1", "/reports/progress?division=420000&period=2026",
                "/reports/progress.xlsx?division=420981&period=2026", "/audit", "/audit/spot-check-rounds/r-1",
                "/accreditation/tenders", "/accreditation/notices/n-1", "/follow-ups", "/follow-ups?state=OVERDUE",
                "/placements/p-1", "/escalations", "/escalations?status=RESOLVED", "/funding", "/funding?year=2026",
                "/monitoring", "/monitoring/points/p-1", "/monitoring/trends?year=2026"}) {
            http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("<h1>console</h1>");
        }
        CONSOLE.verify(getRequestedFor(urlEqualTo("/reports/progress.xlsx?division=420981&period=2026")));
        CONSOLE.verify(getRequestedFor(urlPathEqualTo("/audit")));
    }
}
