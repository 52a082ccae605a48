package cn.sunshine.accreditation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A county officer accredits and revokes bases over HTTP; the events leave through the outbox. */
@SunshineServiceTest
class BaseAccreditationTest extends ServiceTestSupport {

    static final String YINGCHENG_OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);

    static Map<String, Object> request(String creditCode, String division) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", "应城市职业教育中心");
        r.put("creditCode", creditCode);
        r.put("divisionCode", division);
        r.put("address", "湖北省应城市城中民营经济园");
        r.put("validFrom", "2026-07-01");
        r.put("validUntil", "2027-06-30");
        r.put("majors", List.of(
                Map.of("majorCode", "WELDING", "majorName", "电焊", "annualCapacity", 300, "feeStandardFen", 60000),
                Map.of("majorCode", "ELECTRONICS_ASSEMBLY", "majorName", "电子装配", "annualCapacity", 500,
                        "feeStandardFen", 40000)));
        return r;
    }

    @Test
    void aCountyOfficerAccreditsABaseAndTheEventMatchesItsGoldenSample() {
        Http.Response created = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases",
                request("12420981MB1234567H", Seeds.YINGCHENG));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("ETag")).isEqualTo("\"0\"");
        String id = created.json().path("id").asText();
        assertThat(created.header("Location")).endsWith("/api/accreditation/bases/" + id);
        assertThat(created.json().path("status").asText()).isEqualTo("ACCREDITED");
        assertThat(created.json().path("accreditation").path("by").asText()).isEqualTo("county-officer-420981");

        await().atMost(Duration.ofSeconds(10)).until(() -> !tap.ofType(EventTypes.BASE_ACCREDITED.name()).stream()
                .filter(t -> t.body().contains(id)).toList().isEmpty());
        EventTap.Tapped event = tap.ofType(EventTypes.BASE_ACCREDITED.name()).stream()
                .filter(t -> t.body().contains(id)).findFirst().orElseThrow();
        GoldenSamples.assertMatches(EventTypes.BASE_ACCREDITED, event.body().replace(id, "01JBASE0000000000000000001"));
        assertThat(event.headers().get("cloudEvents_division").toString()).isEqualTo(Seeds.YINGCHENG);
        assertThat(String.valueOf(event.headers().get("traceparent")))
                .as("the trace of the request travels with its event").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");

        Http.Response publicList = http().get("/api/public/accreditation/bases?division=420981");
        assertThat(publicList.status()).isEqualTo(200);
        assertThat(publicList.json().path("items").findValuesAsString("id")).contains(id);

        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/accreditation/bases/" + id).status())
                .isEqualTo(404);
        assertThat(http().as(TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN)).get("/api/accreditation/bases/" + id).status())
                .isEqualTo(200);
        Http.Response again = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases",
                request("12420981MB1234567H", Seeds.YINGCHENG));
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aWrongCheckCharacterIsRefusedNamingTheFieldAndStoresNothing() {
        long before = http().get("/api/public/accreditation/bases?division=420981").json().path("total").asLong();
        Http.Response r = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases",
                request("52420981MJ00000018", Seeds.YINGCHENG));
        Fixtures.assertRefused(r, 400, "creditCode");
        assertThat(r.json().path("errors").path(0).path("message").asText()).contains("check character");
        assertThat(http().get("/api/public/accreditation/bases?division=420981").json().path("total").asLong())
                .isEqualTo(before);
    }

    @Test
    void otherJurisdictionsAndRolesCannotAccredit() {
        Http.Response anlu = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).post("/api/accreditation/bases",
                request("52420981MJ0000002A", Seeds.YINGCHENG));
        assertThat(anlu.status()).isEqualTo(403);
        Http.Response staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "b-1")).post("/api/accreditation/bases",
                request("52420981MJ0000002A", Seeds.YINGCHENG));
        assertThat(staff.status()).isEqualTo(403);
        assertThat(http().post("/api/accreditation/bases", request("52420981MJ0000002A", Seeds.YINGCHENG)).status())
                .isEqualTo(401);
    }

    @Test
    void badDatesAndMissingFieldsAreNamed() {
        Map<String, Object> r = request("52420981MJ0000002A", Seeds.YINGCHENG);
        r.put("validFrom", "2026-13-45");
        Http.Response bad = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases", r);
        Fixtures.assertRefused(bad, 400, "validFrom");

        Map<String, Object> noMajors = request("52420981MJ0000002A", Seeds.YINGCHENG);
        noMajors.put("majors", List.of());
        noMajors.remove("name");
        JsonNode errors = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases", noMajors).json().path("errors");
        assertThat(errors.findValuesAsString("field")).contains("majors", "name");
    }

    @Test
    void revocationTakesIfMatchPublishesAnEventAndCannotBeRepeated() {
        Http.Response created = http().as(YINGCHENG_OFFICER).post("/api/accreditation/bases",
                request("91420981MA0000001M", Seeds.YINGCHENG));
        String id = created.json().path("id").asText();
        String path = "/api/accreditation/bases/" + id + "/revocation";
        Map<String, Object> reason = Map.of("reason", "年度再认定未通过：全年未开班");

        assertThat(http().as(YINGCHENG_OFFICER).header("If-Match", "\"7\"").post(path, reason).status()).isEqualTo(412);
        Http.Response revoked = http().as(YINGCHENG_OFFICER).header("If-Match", created.header("ETag")).post(path, reason);
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.header("ETag")).isEqualTo("\"1\"");

        Http.Response twice = http().as(YINGCHENG_OFFICER).post(path, reason);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("type").asText()).isEqualTo("urn:sunshine:problem:invalid-state-transition");

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.BASE_REVOKED.name()).stream()
                .anyMatch(t -> t.body().contains(id)));
        assertThat(tap.ofType(EventTypes.BASE_REVOKED.name()).stream().filter(t -> t.body().contains(id)).count()).isEqualTo(1);
        assertThat(http().get("/api/public/accreditation/bases?division=420981").json().path("items")
                .findValuesAsString("id")).doesNotContain(id);
    }
}
