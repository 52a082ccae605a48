package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.GatewayTest;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** The spot checks', the recoveries' and the employers' orders' pages reach the console, without a token. */
class ConsoleCheckPathsTest extends GatewayTest {

    @Test
    void theSpotCheckRecoveryAndOrderPagesReachTheConsole() {
        CONSOLE.stubFor(get(urlPathMatching("/(spot-checks|recoveries|orders)(/.*)?")).willReturn(aResponse().withStatus(200)
                .withHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8").withBody("<h1>console</h1>")));
        for (String path : new String[] {"/spot-checks", "/spot-checks?round=r-1", "/spot-checks/s-1", "/spot-checks/s-1/sheet",
                "/recoveries", "/recoveries?status=OPEN", "/recoveries/new?baseId=b-1", "/recoveries/finding-f-1",
                "/orders", "/orders/new", "/orders/o-1"}) {
            http.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("<h1>console</h1>");
        }
        CONSOLE.verify(getRequestedFor(urlEqualTo("/spot-checks/s-1/sheet")));
    }
}
