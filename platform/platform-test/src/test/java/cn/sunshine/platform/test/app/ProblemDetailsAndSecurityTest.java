package cn.sunshine.platform.test.app;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** 401 without a token, 403 for the wrong role, 404 outside the jurisdiction, 400 naming the field. */
@SunshineServiceTest
class ProblemDetailsAndSecurityTest {

    @LocalServerPort
    int port;

    Http http() {
        return Http.local(port);
    }

    @Test
    void noTokenIs401ProblemDetails() {
        Http.Response r = http().post("/api/probe/items", Map.of("name", "x", "amountFen", 1));
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).as(r.toString()).isEqualTo("urn:sunshine:problem:unauthorized");
        assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
    }

    @Test
    void aForgedTokenIs401() {
        String token = TestTokens.of("COUNTY_OFFICER", "420981");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertThat(http().as(forged).get("/api/probe/divisions/420981").status()).isEqualTo(401);
    }

    @Test
    void theWrongRoleIs403() {
        Http.Response r = http().as(TestTokens.of("AUDITOR", "420981")).post("/api/probe/items",
                Map.of("name", "x", "amountFen", 1));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("type").asText()).as(r.toString()).isEqualTo("urn:sunshine:problem:forbidden");
    }

    @Test
    void anotherJurisdictionIs404AndOwnOrBelowIsServed() {
        String yingcheng = TestTokens.of("COUNTY_OFFICER", "420981");
        assertThat(http().as(yingcheng).get("/api/probe/divisions/420982").status()).isEqualTo(404);
        assertThat(http().as(yingcheng).get("/api/probe/divisions/420981").status()).isEqualTo(200);
        String xiaogan = TestTokens.of("CITY_OFFICER", "420900");
        assertThat(http().as(xiaogan).get("/api/probe/divisions/420982").status()).isEqualTo(200);
        assertThat(http().as(xiaogan).get("/api/probe/divisions/421002").status()).isEqualTo(404);
        String province = TestTokens.of("PROVINCE_OFFICER", "420000");
        assertThat(http().as(province).get("/api/probe/divisions/421002").status()).isEqualTo(200);
    }

    @Test
    void malformedJsonIs400ProblemDetails() {
        Http.Response r = http().as(TestTokens.of("COUNTY_OFFICER", "420981"))
                .postRaw("/api/probe/items", "{\"name\": \"x\", ", "application/json");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).as(r.toString()).isEqualTo("urn:sunshine:problem:malformed-request");
    }

    @Test
    void aWrongTypeNamesTheField() {
        Http.Response r = http().as(TestTokens.of("COUNTY_OFFICER", "420981"))
                .postRaw("/api/probe/items", "{\"name\": \"x\", \"amountFen\": \"lots\"}", "application/json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").path(0).path("field").asText()).as(r.toString()).isEqualTo("amountFen");
    }

    @Test
    void aValidationErrorNamesTheField() {
        Http.Response r = http().as(TestTokens.of("COUNTY_OFFICER", "420981"))
                .post("/api/probe/items", Map.of("name", "", "amountFen", -5));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("type").asText()).as(r.toString()).isEqualTo("urn:sunshine:problem:validation");
        assertThat(r.json().path("errors").findValuesAsString("field")).as(r.toString()).containsExactlyInAnyOrder("name", "amountFen");
    }

    @Test
    void publicRoutesNeedNoToken() {
        assertThat(http().get("/api/public/probe").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(http().get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void deadLettersAreForOperatorsOnly() {
        assertThat(http().get("/actuator/deadletters").status()).isEqualTo(401);
        assertThat(http().as(TestTokens.of("PROVINCE_OFFICER", "420000")).get("/actuator/deadletters").status())
                .isEqualTo(403);
        Http.Response r = http().as(TestTokens.of("OPERATOR", "420000")).get("/actuator/deadletters");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().has("deadLetterQueue")).isTrue();
    }

    @Test
    void anUnknownPathIs404ProblemDetails() {
        Http.Response r = http().as(TestTokens.of("COUNTY_OFFICER", "420981")).get("/api/probe/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }
}
