package cn.sunshine.subsidy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

/**
 * The finance bureau in the service's tests: one WireMock server on 127.0.0.1 for the test JVM,
 * wired into the (one, shared) context; tests switch its behaviour (healthy, down, down after some
 * payments). The relay does not run on its own here: tests run it.
 */
public class FinanceBureauStub implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static WireMockServer server;

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort()
                    .containerThreads(12).templatingEnabled(true).globalTemplating(false));
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        WireMockServer s = server();
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("financeBureauStub", Map.of(
                "sunshine.subsidy.finance-bureau-url", "http://127.0.0.1:" + s.port(),
                "sunshine.subsidy.relay-interval", "1h",
                "sunshine.subsidy.breaker-open-for", "300ms",
                "sunshine.subsidy.retry-wait", "10ms",
                "sunshine.subsidy.extra-approval-above-fen", "1000000",
                "sunshine.subsidy.voucher-secret", "test-voucher-secret-0123456789")));
    }

    /** The bureau as it is when healthy: pays each instruction and echoes it. */
    public static void healthy() {
        server().resetAll();
        back();
    }

    /** The bureau back after an outage: its journal of what it received is kept. */
    public static void back() {
        WireMockServer s = server();
        s.resetMappings();
        s.resetScenarios();
        s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions"))
                .withHeader("Idempotency-Key", matching(".+"))
                .willReturn(paid()));
    }

    static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder paid() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("{\"instructionId\":\"{{jsonPath request.body '$.instructionId'}}\","
                        + "\"bureauReference\":\"CZ-{{jsonPath request.body '$.instructionId'}}\",\"status\":\"PAID\","
                        + "\"amountFen\":{{jsonPath request.body '$.amountFen'}},"
                        + "\"payeeType\":\"{{jsonPath request.body '$.payeeType'}}\","
                        + "\"payeeId\":\"{{jsonPath request.body '$.payeeId'}}\","
                        + "\"paidAt\":\"{{now}}\"}");
    }
}
