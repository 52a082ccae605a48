package cn.sunshine.gatewaybench;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The load driver's own parts: its HTTP/1.1 client and the trainees it enrolls. */
class GatewayBenchToolTest {

    private HttpServer server;
    private final AtomicInteger connections = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", x -> {
            byte[] body = ("{\"auth\":\"" + x.getRequestHeaders().getFirst("Authorization") + "\"}").getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", x -> {
            byte[] in = x.getRequestBody().readAllBytes();
            x.sendResponseHeaders(201, 0); // 0: chunked
            try (OutputStream out = x.getResponseBody()) {
                out.write("echo:".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write(in);
            }
        });
        server.createContext("/empty", x -> {
            x.sendResponseHeaders(204, -1);
            x.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void readsFixedLengthChunkedAndEmptyAnswersOverOneKeptAliveConnection() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        try (Connection c = new Connection(uri)) {
            for (int i = 0; i < 3; i++) {
                Connection.Answer fixed = c.send(Connection.request("GET", "/fixed", c.hostHeader(), "tok" + i, null));
                assertThat(fixed.status()).isEqualTo(200);
                assertThat(fixed.text()).isEqualTo("{\"auth\":\"Bearer tok" + i + "\"}");

                Connection.Answer chunked = c.send(Connection.request("POST", "/chunked", c.hostHeader(), null,
                        "{\"名\":\"张三\"}".getBytes(StandardCharsets.UTF_8)));
                assertThat(chunked.status()).isEqualTo(201);
                assertThat(chunked.text()).isEqualTo("echo:{\"名\":\"张三\"}");

                Connection.Answer empty = c.send(Connection.request("GET", "/empty", c.hostHeader(), null, null));
                assertThat(empty.status()).isEqualTo(204);
                assertThat(empty.body()).isEmpty();
            }
        }
    }

    @Test
    void everyTraineeHasAValidIdNumberNeverRepeatedAndAGenderThatMatchesIt() {
        Fixtures f = new Fixtures("http://127.0.0.1:1", "429006");
        f.alreadyEnrolled = 11_000; // a later run continues where the earlier ones stopped
        Set<String> ids = new HashSet<>();
        for (long n = 0; n < 30_000; n++) {
            JsonNode p = Fixtures.JSON.readTree(f.person(n));
            String id = p.path("idNumber").asString();
            assertThat(id).hasSize(18).startsWith("429006");
            assertThat(Fixtures.idNumber(id.substring(0, 17))).isEqualTo(id);
            assertThat(ids.add(id)).as("repeated %s at %d", id, n).isTrue();
            boolean male = (id.charAt(16) - '0') % 2 == 1;
            assertThat(p.path("gender").asString()).isEqualTo(male ? "MALE" : "FEMALE");
            int age = java.time.Period.between(java.time.LocalDate.parse(id.substring(6, 10) + "-" + id.substring(10, 12)
                    + "-" + id.substring(12, 14)), f.plannedStart).getYears();
            assertThat(age).isBetween(18, 50);
            assertThat(p.path("phone").asString()).matches("1\\d{10}");
        }
    }

    @Test
    void theBaseCreditCodeHasItsCheckCharacter() {
        String code = Fixtures.creditCode("52429006GWBENCH01");
        assertThat(code).hasSize(18).startsWith("52429006GWBENCH01");
        // GB 32100: the weighted sum of all 18 characters is a multiple of 31.
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(code.charAt(i)) * w[i];
        }
        assertThat((sum + chars.indexOf(code.charAt(17))) % 31).isZero();
    }
}
