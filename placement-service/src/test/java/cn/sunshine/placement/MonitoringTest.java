package cn.sunshine.placement;

import cn.sunshine.placement.monitoring.MonitoringPoint;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Monitoring points (监测点): the county officer registers a village with its monitor, records its quarterly
 * returns (one per quarter, corrected with If-Match, every revision kept) and its training-needs survey; the
 * officials covering it read the trends beside the programme's own figures; anyone else is told "not found".
 */
@SunshineServiceTest
class MonitoringTest extends PlacementTestSupport {

    static final String POINTS = "/api/placement/monitoring-points";
    /** 汉川市: only this test's points and completers lie there, so the trends' sums are known. */
    static final String HANCHUAN = "420984";

    static Map<String, Object> point(String division, String village, String phone) {
        return Map.of("divisionCode", division, "town", "陈河镇", "village", village,
                "monitor", Map.of("name", "杨文华", "phone", phone));
    }

    static Map<String, Object> figures(int labourers, int male, int female, int transferred, int newly, int inCounty,
                                       int inProvince, int outOfProvince, Map<String, Integer> sectors, int back) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("labourers", labourers);
        f.put("male", male);
        f.put("female", female);
        f.put("transferred", transferred);
        f.put("newlyTransferred", newly);
        f.put("destinations", Map.of("inCounty", inCounty, "inProvince", inProvince, "outOfProvince", outOfProvince));
        f.put("sectors", sectors);
        f.put("returnedHome", back);
        return f;
    }

    static Map<String, Object> returnOf(int year, int quarter, Map<String, Object> figures) {
        return Map.of("year", year, "quarter", quarter, "figures", figures);
    }

    static Map<String, Object> good() {
        return figures(860, 470, 390, 412, 23, 96, 118, 198,
                Map.of("MANUFACTURING", 170, "CONSTRUCTION", 121, "SERVICES", 88, "TRANSPORT", 21), 9);
    }

    private static String village() {
        return "杨岭村" + UUID.randomUUID().toString().substring(0, 6);
    }

    @Test
    void aCountyOfficerRegistersAPointRecordsAndCorrectsAReturnAndOtherCountiesSeeNothing() {
        Http yingcheng = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        Http anlu = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU));
        Http city = http().as(TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN));
        String village = village();
        String key = UUID.randomUUID().toString();

        Http.Response registered = yingcheng.header("Idempotency-Key", "point-" + key)
                .post(POINTS, point(Seeds.YINGCHENG, village, "13907121234"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        String id = registered.json().path("id").asText();
        assertThat(registered.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(registered.json().path("monitorPhone").asText()).as("whole for the county's officer").isEqualTo("13907121234");
        // the same request again with its key: the same point, not a second one
        Http.Response again = yingcheng.header("Idempotency-Key", "point-" + key)
                .post(POINTS, point(Seeds.YINGCHENG, village, "13907121234"));
        assertThat(again.json().path("id").asText()).isEqualTo(id);
        // the same village again without the key: 409, naming the point
        Http.Response twice = yingcheng.post(POINTS, point(Seeds.YINGCHENG, village, "13907121234"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("type").asText()).isEqualTo("urn:sunshine:problem:monitoring-point-exists");
        assertThat(twice.json().path("detail").asText()).contains(id);

        // the phone lies sealed: no digit of it in the document
        Document stored = mongo.getCollection(mongo.getCollectionName(MonitoringPoint.class)).find(new Document("_id", id)).first();
        assertThat(stored.toJson()).doesNotContain("13907121234").doesNotContain("1234\"");
        // masked in lists and for the city
        JsonNode listed = yingcheng.get(POINTS + "?division=" + Seeds.YINGCHENG).json().path("items");
        assertThat(listed.findValuesAsString("monitorPhone")).contains("139****1234").doesNotContain("13907121234");
        assertThat(city.get(POINTS + "/" + id).json().path("monitorPhone").asText()).isEqualTo("139****1234");

        // another county's officer: not found, for reading and for writing
        assertThat(anlu.get(POINTS + "/" + id).status()).isEqualTo(404);
        assertThat(anlu.post(POINTS + "/" + id + "/returns", returnOf(2026, 2, good())).status()).isEqualTo(404);
        assertThat(anlu.get(POINTS).json().path("items").findValuesAsString("id")).doesNotContain(id);
        // and registering a village of another county is refused
        assertThat(anlu.post(POINTS, point(Seeds.YINGCHENG, village(), "13907121234")).status()).isEqualTo(403);
        // base staff read no monitoring
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "b1")).get(POINTS + "/" + id).status()).isEqualTo(403);

        // the quarter's return
        Http.Response recorded = yingcheng.header("Idempotency-Key", "return-" + key)
                .post(POINTS + "/" + id + "/returns", returnOf(2026, 2, good()));
        assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
        assertThat(recorded.header("Location")).isEqualTo(POINTS + "/" + id + "/returns/2026/2");
        assertThat(recorded.json().path("revision").asInt()).isEqualTo(1);
        assertThat(recorded.json().path("transferRateBp").asInt()).isEqualTo(412 * 10_000 / 860);
        String etag = recorded.header("ETag");
        // its event, as the contract's sample
        List<cn.sunshine.platform.test.EventTap.Tapped> events = published(EventTypes.LABOUR_RETURN_RECORDED,
                j -> j.path("pointId").asText().equals(id), 1);
        assertGoldenShape(EventTypes.LABOUR_RETURN_RECORDED, events.get(0).body());
        assertThat(events.get(0).body()).doesNotContain("13907121234").doesNotContain("杨文华");

        // one return per quarter: a second is 409, to be corrected instead
        Http.Response second = yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 2, good()));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("type").asText()).isEqualTo("urn:sunshine:problem:return-exists");

        // a correction with If-Match: a new revision; a stale copy is 412
        Map<String, Object> corrected = new HashMap<>(Map.of("figures", figures(862, 471, 391, 415, 26, 96, 120, 199,
                Map.of("MANUFACTURING", 172), 9), "reason", "漏报两户"));
        Http.Response correction = yingcheng.header("If-Match", etag).put(POINTS + "/" + id + "/returns/2026/2", corrected);
        assertThat(correction.status()).as(correction.body()).isEqualTo(200);
        assertThat(correction.json().path("revision").asInt()).isEqualTo(2);
        assertThat(correction.json().path("figures").path("labourers").asInt()).isEqualTo(862);
        assertThat(correction.json().path("revisions").path(0).path("figures").path("labourers").asInt()).isEqualTo(860);
        assertThat(correction.json().path("revisions").path(1).path("reason").asText()).isEqualTo("漏报两户");
        Http.Response stale = yingcheng.header("If-Match", etag).put(POINTS + "/" + id + "/returns/2026/2", corrected);
        assertThat(stale.status()).isEqualTo(412);
        published(EventTypes.LABOUR_RETURN_RECORDED, j -> j.path("pointId").asText().equals(id)
                && j.path("revision").asInt() == 2, 1);
        // the city reads it; another county does not
        assertThat(city.get(POINTS + "/" + id + "/returns/2026/2").json().path("revision").asInt()).isEqualTo(2);
        assertThat(anlu.get(POINTS + "/" + id + "/returns/2026/2").status()).isEqualTo(404);
        assertThat(anlu.header("If-Match", correction.header("ETag")).put(POINTS + "/" + id + "/returns/2026/2", corrected)
                .status()).isEqualTo(404);

        // a quarter not yet begun (the clock is at 2026-06-30)
        Http.Response early = yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 3, good()));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().path("errors").path(0).path("field").asText()).isEqualTo("quarter");

        // retired: no more returns
        JsonNode now = yingcheng.get(POINTS + "/" + id).json();
        Http.Response retired = yingcheng.header("If-Match", "\"" + now.path("version").asLong() + "\"")
                .post(POINTS + "/" + id + "/retirement", Map.of("reason", "村组合并"));
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        assertThat(retired.json().path("status").asText()).isEqualTo("RETIRED");
        assertThat(yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 1, good())).status()).isEqualTo(409);
    }

    @Test
    void partsLargerThanTheirTotalsAreRefusedNamingTheFieldAndNothingIsRecorded() {
        Http yingcheng = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        String id = yingcheng.post(POINTS, point(Seeds.YINGCHENG, village(), "0712-3221234")).json().path("id").asText();

        Http.Response bad = yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 1,
                figures(100, 60, 50, 120, 130, 50, 50, 30, Map.of("MANUFACTURING", 200), 101)));
        assertThat(bad.status()).as(bad.body()).isEqualTo(422);
        assertThat(bad.json().path("type").asText()).isEqualTo("urn:sunshine:problem:return-figures-inconsistent");
        assertThat(bad.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("figures.female",
                "figures.transferred", "figures.newlyTransferred", "figures.destinations", "figures.sectors",
                "figures.returnedHome");
        Http.Response negative = yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 1,
                figures(100, -1, 50, 10, 1, 1, 1, 1, Map.of(), 0)));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.json().path("errors").path(0).path("field").asText()).isEqualTo("figures.male");
        Http.Response sector = yingcheng.post(POINTS + "/" + id + "/returns", returnOf(2026, 1,
                figures(100, 50, 50, 10, 1, 1, 1, 1, Map.of("FARMING", 3), 0)));
        assertThat(sector.status()).isEqualTo(400);
        assertThat(sector.json().path("errors").path(0).path("field").asText()).isEqualTo("figures.sectors.FARMING");
        assertThat(yingcheng.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", 5,
                "figures", good())).status()).isEqualTo(400);
        assertThat(yingcheng.get(POINTS + "/" + id + "/returns").json().size()).as("nothing recorded").isZero();
    }

    @Test
    void theTrendsSumTheReturnsAndNeedsOfTheDivisionBesideTheProgrammesFigures() {
        Http hanchuan = http().as(TestTokens.of("COUNTY_OFFICER", HANCHUAN));
        String a = hanchuan.post(POINTS, point(HANCHUAN, village(), "13907120001")).json().path("id").asText();
        String b = hanchuan.post(POINTS, point(HANCHUAN, village(), "13907120002")).json().path("id").asText();
        assertThat(hanchuan.post(POINTS + "/" + a + "/returns", returnOf(2026, 1, figures(500, 260, 240, 200, 10, 50,
                50, 100, Map.of("MANUFACTURING", 120, "SERVICES", 80), 5))).status()).isEqualTo(201);
        assertThat(hanchuan.post(POINTS + "/" + b + "/returns", returnOf(2026, 1, figures(300, 150, 150, 100, 5, 20,
                30, 50, Map.of("CONSTRUCTION", 100), 2))).status()).isEqualTo(201);
        assertThat(hanchuan.post(POINTS + "/" + a + "/returns", returnOf(2026, 2, figures(500, 260, 240, 230, 30, 60,
                60, 110, Map.of("MANUFACTURING", 130), 3))).status()).isEqualTo(201);
        Http.Response survey = hanchuan.post(POINTS + "/" + a + "/needs-surveys", Map.of("year", 2026,
                "surveyedOn", "2026-03-15", "needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 40),
                        Map.of("majorCode", "SEWING", "majorName", "电动缝纫", "headCount", 25))));
        assertThat(survey.status()).as(survey.body()).isEqualTo(201);
        assertThat(hanchuan.post(POINTS + "/" + b + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-03-20",
                "needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 15))))
                .status()).isEqualTo(201);
        // the programme's figures that placement knows: 3 completers, 1 placed
        String baseId = UUID.randomUUID().toString();
        List<String> completers = complete(3, "class-" + baseId, baseId, HANCHUAN, 2026);
        assertThat(http().as(TestTokens.baseStaff(HANCHUAN, baseId)).post("/api/placement/placements",
                placeBody(completers.get(0), LocalDate.of(2026, 7, 1))).status()).isEqualTo(201);

        for (Http reader : List.of(hanchuan, http().as(TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN)),
                http().as(TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE)))) {
            Http.Response r = reader.get("/api/placement/monitoring/trends?division=" + HANCHUAN + "&year=2026");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode t = r.json();
            assertThat(t.path("pointsActive").asLong()).isEqualTo(2);
            JsonNode q1 = t.path("quarters").path(0);
            assertThat(q1.path("pointsReporting").asInt()).isEqualTo(2);
            assertThat(q1.path("labourers").asLong()).isEqualTo(800);
            assertThat(q1.path("transferred").asLong()).isEqualTo(300);
            assertThat(q1.path("outOfProvince").asLong()).isEqualTo(150);
            assertThat(q1.path("sectors").path("MANUFACTURING").asLong()).isEqualTo(120);
            assertThat(q1.path("sectors").path("CONSTRUCTION").asLong()).isEqualTo(100);
            assertThat(q1.path("transferRateBp").asInt()).isEqualTo(3750);
            JsonNode q2 = t.path("quarters").path(1);
            assertThat(q2.path("pointsReporting").asInt()).isEqualTo(1);
            assertThat(q2.path("transferRateBp").asInt()).isEqualTo(4600);
            assertThat(t.path("quarters").path(2).path("pointsReporting").asInt()).isZero();
            assertThat(t.path("quarters").path(2).path("transferRateBp").isNull()).isTrue();
            assertThat(t.path("needs").path(0).path("majorCode").asText()).isEqualTo("WELDING");
            assertThat(t.path("needs").path(0).path("headCount").asLong()).isEqualTo(55);
            assertThat(t.path("needs").path(0).path("villages").asInt()).isEqualTo(2);
            assertThat(t.path("needs").path(1).path("headCount").asLong()).isEqualTo(25);
            assertThat(t.path("plan").path("completed").asLong()).isEqualTo(3);
            assertThat(t.path("plan").path("placed").asLong()).isEqualTo(1);
        }
        // another county's officer, and another city's: not found
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU))
                .get("/api/placement/monitoring/trends?division=" + HANCHUAN + "&year=2026").status()).isEqualTo(404);
        assertThat(http().as(TestTokens.of("CITY_OFFICER", "421000"))
                .get("/api/placement/monitoring/trends?division=" + HANCHUAN + "&year=2026").status()).isEqualTo(404);
        // the county's own trends without naming it
        assertThat(hanchuan.get("/api/placement/monitoring/trends?year=2026").json().path("divisionCode").asText())
                .isEqualTo(HANCHUAN);

        // a survey's correction: a new revision with If-Match, the trends follow
        Http.Response read = hanchuan.get(POINTS + "/" + b + "/needs-surveys/2026");
        Http.Response fixed = hanchuan.header("If-Match", read.header("ETag")).put(POINTS + "/" + b + "/needs-surveys/2026",
                Map.of("surveyedOn", "2026-03-20", "reason", "复核更正", "needs",
                        List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 20))));
        assertThat(fixed.status()).as(fixed.body()).isEqualTo(200);
        assertThat(fixed.json().path("revision").asInt()).isEqualTo(2);
        assertThat(hanchuan.get("/api/placement/monitoring/trends?year=2026").json().path("needs").path(0)
                .path("headCount").asLong()).isEqualTo(60);
    }
}
