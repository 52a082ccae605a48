package cn.sunshine.subsidy;

import cn.sunshine.subsidy.payment.BureauSignatures;
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

    /** The bureau's current callback key, and the one it is rotating away from (both configured). */
    public static final String KEY_ID = "hubei-czt-2026b";
    public static final String SECRET = "test-bureau-callback-secret-2026b-0123456789";
    public static final String OLD_KEY_ID = "hubei-czt-2026a";
    public static final String OLD_SECRET = "test-bureau-callback-secret-2026a-9876543210";

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
                "sunshine.subsidy.voucher-secret", "test-voucher-secret-0123456789",
                "sunshine.subsidy.bureau-callback.keys", KEY_ID + "=" + SECRET + ", " + OLD_KEY_ID + "=" + OLD_SECRET)));
    }

    /**
     * A request signed as the bureau signs its callbacks (docs/subsidy.md): the headers for {@code body}
     * sent by POST to {@code path}, under the given key, timestamp and nonce.
     */
    public static cn.sunshine.platform.test.Http signed(cn.sunshine.platform.test.Http http, String path, String body,
                                                        String keyId, String secret, java.time.Instant at, String nonce) {
        String timestamp = Long.toString(at.getEpochSecond());
        String canonical = BureauSignatures.canonical("POST", path, timestamp, nonce,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.header(BureauSignatures.KEY_ID, keyId).header(BureauSignatures.TIMESTAMP, timestamp)
                .header(BureauSignatures.NONCE, nonce)
                .header(BureauSignatures.SIGNATURE, BureauSignatures.sign(secret.getBytes(
                        java.nio.charset.StandardCharsets.UTF_8), canonical));
    }

    /** Signed now (the machine's time) with the current key and a fresh nonce. */
    public static cn.sunshine.platform.test.Http signed(cn.sunshine.platform.test.Http http, String path, String body) {
        return signed(http, path, body, KEY_ID, SECRET, java.time.Instant.now(), freshNonce());
    }

    public static String freshNonce() {
        return java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** The bureau as it is when healthy: pays each instruction and echoes it (its time of payment: none given). */
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
                        + "\"payeeId\":\"{{jsonPath request.body '$.payeeId'}}\"}");
    }
}
