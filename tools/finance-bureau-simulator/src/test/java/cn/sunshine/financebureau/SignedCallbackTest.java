package cn.sunshine.financebureau;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** With a callback address set, the simulator tells the sender of each new payment, signed as the bureau. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class SignedCallbackTest {

    private static final String SECRET = "test-callback-secret-of-at-least-32-bytes";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final BlockingQueue<Received> RECEIVED = new LinkedBlockingQueue<>();
    private static final HttpServer SUBSIDY = subsidy();

    private record Received(String method, String path, Map<String, String> headers, byte[] body) {
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void callbackTo(DynamicPropertyRegistry r) {
        r.add("simulator.callback.url", () -> "http://127.0.0.1:" + SUBSIDY.getAddress().getPort() + "/");
        r.add("simulator.callback.key-id", () -> "hubei-czt-2026b");
        r.add("simulator.callback.secret", () -> SECRET);
    }

    @AfterAll
    static void stop() {
        SUBSIDY.stop(0);
    }

    @Test
    void aNewPaymentIsCalledBackOnceSignedOverMethodPathTimeNonceAndBody() throws Exception {
        String instruction = "{\"instructionId\":\"c-7-base\",\"payeeType\":\"BASE\",\"payeeId\":\"base-1\","
                + "\"payeeName\":\"应城市职业技术学校\",\"amountFen\":200000,\"purpose\":\"阳光工程培训补助\"}";
        assertThat(submit(instruction).statusCode()).isEqualTo(201);
        assertThat(submit(instruction).statusCode()).as("the same id again pays nothing new").isEqualTo(200);

        Received r = RECEIVED.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a callback arrived").isNotNull();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/api/subsidy/payment-instructions/c-7-base/settlement");
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"status\":\"PAID\"", "\"amountFen\":200000", "\"bureauReference\":\"CZ",
                "\"paidAt\":\"");
        assertThat(r.headers().get("x-bureau-key-id")).isEqualTo("hubei-czt-2026b");
        String timestamp = r.headers().get("x-bureau-timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(30L));
        String nonce = r.headers().get("x-bureau-nonce");
        assertThat(nonce).matches("[0-9a-f]{32}");
        String canonical = "SUNSHINE-BUREAU-HMAC-SHA256\nPOST\n" + r.path() + "\n" + timestamp + "\n" + nonce + "\n"
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertThat(r.headers().get("x-bureau-signature"))
                .isEqualTo(HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8))));

        assertThat(RECEIVED.poll(500, TimeUnit.MILLISECONDS)).as("called back once per payment").isNull();
        String stats = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/callbacks"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(stats).contains("\"enabled\":true", "\"sent\":1", "\"accepted\":1");
    }

    private HttpResponse<String> submit(String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/payment-instructions"))
                .header("Content-Type", "application/json").header("Idempotency-Key", "c-7-base")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpServer subsidy() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            s.createContext("/", exchange -> {
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
                RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers,
                        exchange.getRequestBody().readAllBytes()));
                byte[] answer = "{\"status\":\"PAID\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
