package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/** The console is served at / and its page paths, without a token, with the browser's Host; /api/** is unchanged. */
class ConsoleRouteTest extends GatewayTest {

    @LocalServerPort
    int gatewayPort;

    @Test
    void theConsolesPagesReachItWithoutATokenAndWithTheBrowsersHost() {
        CONSOLE.stubFor(get(urlEqualTo("/")).willReturn(aResponse().withStatus(302)
                .withHeader(HttpHeaders.LOCATION, "http://127.0.0.1:" + gatewayPort + "/oauth2/authorization/sunshine")));
        CONSOLE.stubFor(get(urlPathEqualTo("/public")).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8").withBody("<h1>阳光工程 信息公开</h1>")));
        CONSOLE.stubFor(get(urlEqualTo("/assets/console.css")).willReturn(aResponse().withStatus(200).withBody("body{}")));
        CONSOLE.stubFor(post(urlEqualTo("/claims/c-1/decision")).willReturn(aResponse().withStatus(403)));
        CONSOLE.stubFor(get(urlPathEqualTo("/classes/k-1")).willReturn(aResponse().withStatus(200).withBody("class")));
        CONSOLE.stubFor(get(urlPathEqualTo("/dashboard")).willReturn(aResponse().withStatus(200).withBody("dashboard")));
        CONSOLE.stubFor(post(urlEqualTo("/classes/k-1/roster")).willReturn(aResponse().withStatus(403)));
        CONSOLE.stubFor(get(urlPathEqualTo("/finance")).willReturn(aResponse().withStatus(200).withBody("finance")));
        CONSOLE.stubFor(get(urlPathEqualTo("/operator/sessions")).willReturn(aResponse().withStatus(200).withBody("sessions")));

        http.get().uri("/").exchange().expectStatus().isFound()
                .expectHeader().valueEquals(HttpHeaders.LOCATION, "http://127.0.0.1:" + gatewayPort + "/oauth2/authorization/sunshine");
        http.get().uri("/public?division=420981").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("<h1>阳光工程 信息公开</h1>");
        http.get().uri("/assets/console.css").exchange().expectStatus().isOk();
        // The console's own CSRF protection answers a POST without its token; the gateway passes it on.
        http.post().uri("/claims/c-1/decision").exchange().expectStatus().isForbidden();
        // Base staff's classes (and a roster upload), the county's dashboard.
        http.get().uri("/classes/k-1").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("class");
        http.get().uri("/dashboard?year=2026").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("dashboard");
        http.post().uri("/classes/k-1/roster").exchange().expectStatus().isForbidden();
        http.get().uri("/finance?year=2026").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("finance");
        http.get().uri("/operator/sessions").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("sessions");
        CONSOLE.verify(getRequestedFor(urlEqualTo("/")).withHeader(HttpHeaders.HOST, equalTo("127.0.0.1:" + gatewayPort)));
    }

    @Test
    void theApisAndEverythingElseStayAsTheyWere() {
        http.get().uri("/api/subsidy/claims").exchange().expectStatus().isUnauthorized();
        http.get().uri("/somewhere-else").exchange().expectStatus().value(s -> org.assertj.core.api.Assertions.assertThat(s)
                .isIn(401, 403, 404));
        http.get().uri("/fallback/console").exchange().expectStatus().value(s -> org.assertj.core.api.Assertions.assertThat(s)
                .isIn(401, 403));
        CONSOLE.verify(0, anyRequestedFor(anyUrl()));
    }
}
