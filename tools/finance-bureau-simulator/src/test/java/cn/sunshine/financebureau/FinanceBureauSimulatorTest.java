package cn.sunshine.financebureau;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "server.address=127.0.0.1")
class FinanceBureauSimulatorTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @AfterEach
    void reset() throws Exception {
        send("POST", "/admin/reset", null, null);
    }

    @Test
    void paysAnInstructionOnceHoweverOftenItIsSent() throws Exception {
        String body = instruction("ins-1", 2_000_00);
        HttpResponse<String> first = send("POST", "/api/v1/payment-instructions", body, "ins-1");
        HttpResponse<String> again = send("POST", "/api/v1/payment-instructions", body, "ins-1");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"status\":\"PAID\"");

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        HttpResponse<String> statement = send("GET", "/api/v1/statements?date=" + today, null, null);
        assertThat(statement.body()).contains("\"totalFen\":200000").containsOnlyOnce("ins-1");
    }

    @Test
    void theSameIdWithAnotherAmountPaysNothing() throws Exception {
        send("POST", "/api/v1/payment-instructions", instruction("ins-2", 100_00), "ins-2");
        HttpResponse<String> changed = send("POST", "/api/v1/payment-instructions", instruction("ins-2", 300_00), "ins-2");
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(send("GET", "/api/v1/payment-instructions/ins-2", null, null).body()).contains("\"amountFen\":10000");
    }

    @Test
    void anOutageAnswers503AndPaysNothingUntilItEnds() throws Exception {
        send("PUT", "/admin/faults", "{\"delayMillis\":0,\"errorPercent\":0,\"outage\":true}", null);
        assertThat(send("POST", "/api/v1/payment-instructions", instruction("ins-3", 100_00), "ins-3").statusCode())
                .isEqualTo(503);
        send("PUT", "/admin/faults", "{\"delayMillis\":0,\"errorPercent\":0,\"outage\":false}", null);
        assertThat(send("GET", "/api/v1/payment-instructions/ins-3", null, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/v1/payment-instructions", instruction("ins-3", 100_00), "ins-3").statusCode())
                .isEqualTo(201);
    }

    @Test
    void malformedInputIsA400() throws Exception {
        assertThat(send("POST", "/api/v1/payment-instructions", "{\"instructionId\": ", null).statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/v1/payment-instructions", "{\"instructionId\":\"x\",\"amountFen\":-1}", null)
                .statusCode()).isEqualTo(400);
        assertThat(send("PUT", "/admin/faults", "{\"delayMillis\":0,\"errorPercent\":101,\"outage\":false}", null)
                .statusCode()).isEqualTo(400);
    }

    private static String instruction(String id, long fen) {
        return "{\"instructionId\":\"" + id + "\",\"payeeType\":\"BASE\",\"payeeId\":\"base-1\",\"payeeName\":\"应城市职业技术学校\","
                + "\"amountFen\":" + fen + ",\"purpose\":\"阳光工程培训补助\"}";
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Idempotency-Key", key);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
