package cn.sunshine.platform.test.app;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 at the platform, so in every service: people's tokens must name the suite's audience
 * ({@code sunshine.security.audiences}, default {@code sunshine}); a JSON body above
 * {@code sunshine.web.max-json-body} (1 MB) is 413 {@code body-too-large}, declared or streamed.
 */
@SunshineServiceTest
class AudienceAndBodyLimitTest {

    @LocalServerPort
    int port;

    Http http() {
        return Http.local(port);
    }

    @Test
    void aTokenOfTheSameIssuerForAnotherAudienceIs401() {
        String path = "/api/probe/divisions/420981";
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", "420981")).get(path).status()).isEqualTo(200);
        Http.Response other = http().as(TestTokens.withAudience("COUNTY_OFFICER", "420981", "another-app")).get(path);
        assertThat(other.status()).as(other.toString()).isEqualTo(401);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:unauthorized");
        assertThat(http().as(TestTokens.withAudience("COUNTY_OFFICER", "420981")).get(path).status())
                .as("no audience at all").isEqualTo(401);
        assertThat(http().as(TestTokens.withAudience("COUNTY_OFFICER", "420981", "account", "sunshine")).get(path).status())
                .as("one of several audiences is ours").isEqualTo(200);
        // an operator's token for another application opens nothing of the operator's either
        assertThat(http().as(TestTokens.withAudience("OPERATOR", "420000", "grafana")).get("/actuator/deadletters").status())
                .isEqualTo(401);
    }

    @Test
    void aJsonBodyAboveTheLimitIs413BodyTooLargeDeclaredOrStreamed() throws Exception {
        String token = TestTokens.of("COUNTY_OFFICER", "420981");
        // 1.5 MB: above the limit, below what Tomcat swallows after answering (2 MB), so the client reads the answer
        byte[] huge = hugeJson(1536 * 1024);

        HttpResponse<String> declared = send(token, HttpRequest.BodyPublishers.ofByteArray(huge));
        assertThat(declared.statusCode()).as(declared.body()).isEqualTo(413);
        assertThat(declared.body()).contains("urn:sunshine:problem:body-too-large");

        // without a length (chunked): cut off while read, the same answer
        HttpResponse<String> streamed = send(token, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge)));
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(413);
        assertThat(streamed.body()).contains("urn:sunshine:problem:body-too-large");

        // before authentication: an anonymous huge body costs nothing either
        HttpResponse<String> anonymous = send(null, HttpRequest.BodyPublishers.ofByteArray(huge));
        assertThat(anonymous.statusCode()).isEqualTo(413);

        // with an Idempotency-Key (the filter that buffers bodies), streamed
        HttpResponse<String> keyed = HttpClient.newHttpClient().send(request(token)
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(huge))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(keyed.statusCode()).as(keyed.body()).isEqualTo(413);
        assertThat(keyed.body()).contains("urn:sunshine:problem:body-too-large");

        // a body within the limit is read as before
        Http.Response ok = http().as(token).post("/api/probe/items", Map.of("name", "x".repeat(100_000), "amountFen", 1));
        assertThat(ok.status()).as(ok.toString()).isBetween(200, 201);
    }

    private HttpRequest.Builder request(String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/probe/items"))
                .header("Content-Type", "application/json");
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(String token, HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newHttpClient().send(request(token).POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {"name": "xxxx…", "amountFen": 1} of about {@code size} bytes: valid JSON, only too large. */
    private static byte[] hugeJson(int size) {
        char[] name = new char[size];
        Arrays.fill(name, 'x');
        return ("{\"name\":\"" + new String(name) + "\",\"amountFen\":1}").getBytes(StandardCharsets.UTF_8);
    }

}
