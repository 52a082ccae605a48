package cn.sunshine.placement;

import cn.sunshine.placement.monitoring.LabourReturn;
import cn.sunshine.placement.monitoring.MonitoringPoint;
import cn.sunshine.placement.monitoring.NeedsSurvey;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad inputs to placement's writes get a problem that names the field (400/404/409/422), never a 500, and change nothing. */
@SunshineServiceTest
class BadInputsTest extends PlacementTestSupport {

    private static final String POINTS = MonitoringTest.POINTS;

    private static void refused(Http.Response r, int status, String field) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        if (field != null) {
            assertThat(r.json().path("errors").findValuesAsString("field")).as(r.body()).contains(field);
        }
    }

    private long count(Class<?> type) {
        return mongo.count(new org.springframework.data.mongodb.core.query.Query(), type);
    }

    @Test
    void monitoringPointsReturnsAndSurveysWithBadInputsAreRefusedAndNothingIsStored() {
        Http officer = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        String village = "新河村" + UUID.randomUUID().toString().substring(0, 6);
        String id = officer.post(POINTS, MonitoringTest.point(Seeds.YINGCHENG, village, "13907125678")).json().path("id").asText();
        long points = count(MonitoringPoint.class);
        long returns = count(LabourReturn.class);
        long surveys = count(NeedsSurvey.class);

        // points
        refused(officer.postRaw(POINTS, "{\"divisionCode\": ", "application/json"), 400, null);
        refused(officer.post(POINTS, Map.of("divisionCode", "4209", "town", "陈河镇", "village", "甲村",
                "monitor", Map.of("name", "张三", "phone", "13907125678"))), 400, "divisionCode");
        refused(officer.post(POINTS, MonitoringTest.point(Seeds.XIAOGAN, "乙村", "13907125678")), 400, "divisionCode");
        refused(officer.post(POINTS, MonitoringTest.point(Seeds.YINGCHENG, "丙村", "12345")), 400, "monitor.phone");
        refused(officer.post(POINTS, Map.of("divisionCode", Seeds.YINGCHENG, "town", "陈河镇", "village", "丁村")), 400, "monitor");
        refused(officer.post(POINTS, Map.of("divisionCode", Seeds.YINGCHENG, "town", "陈河镇", "village", List.of("戊村"),
                "monitor", Map.of("name", "张三", "phone", "13907125678"))), 400, "village");
        refused(officer.post(POINTS + "/" + id + "/retirement", Map.of()), 400, "reason");
        refused(officer.post(POINTS + "/no-such-point/retirement", Map.of("reason", "x")), 404, null);
        refused(officer.get(POINTS + "?status=CLOSED"), 400, null);
        refused(officer.get(POINTS + "?division=42"), 400, "division");

        // returns
        Map<String, Object> good = MonitoringTest.good();
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", 0, "figures", good)), 400, "quarter");
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 1990, "quarter", 1, "figures", good)), 400, "year");
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", 1)), 400, "figures");
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", "一", "figures", good)), 400, "quarter");
        Map<String, Object> noDestinations = new LinkedHashMap<>(good);
        noDestinations.remove("destinations");
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", 1, "figures", noDestinations)),
                400, "figures.destinations");
        Map<String, Object> negativeSector = new LinkedHashMap<>(good);
        negativeSector.put("sectors", Map.of("SERVICES", -3));
        refused(officer.post(POINTS + "/" + id + "/returns", Map.of("year", 2026, "quarter", 1, "figures", negativeSector)),
                400, "figures.sectors.SERVICES");
        refused(officer.post(POINTS + "/" + id + "/returns", MonitoringTest.returnOf(2026, 1,
                MonitoringTest.figures(10, 5, 5, 11, 0, 0, 0, 0, Map.of(), 0))), 422, "figures.transferred");
        refused(officer.post(POINTS + "/no-such-point/returns", MonitoringTest.returnOf(2026, 1, good)), 404, null);
        refused(officer.put(POINTS + "/" + id + "/returns/2026/1", Map.of("figures", good, "reason", "更正")), 404, null);
        refused(officer.put(POINTS + "/" + id + "/returns/2026/9", Map.of("figures", good, "reason", "更正")), 400, null);
        refused(officer.put(POINTS + "/" + id + "/returns/2026/1", Map.of("figures", good)), 400, "reason");
        refused(officer.get(POINTS + "/" + id + "/returns/2026/1"), 404, null);

        // surveys
        Map<String, Object> welding = Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 10);
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-03-01",
                "needs", List.of(welding, welding))), 400, "needs[1].majorCode");
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-03-01",
                "needs", List.of(Map.of("majorCode", "welding", "majorName", "电焊", "headCount", 10)))), 400, null);
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-03-01",
                "needs", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "headCount", 0)))), 400, null);
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-03-01",
                "needs", List.of())), 400, "needs");
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2025-12-31",
                "needs", List.of(welding))), 400, "surveyedOn");
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "2026-12-01",
                "needs", List.of(welding))), 400, "surveyedOn");
        refused(officer.post(POINTS + "/" + id + "/needs-surveys", Map.of("year", 2026, "surveyedOn", "三月",
                "needs", List.of(welding))), 400, "surveyedOn");

        // trends
        refused(officer.get("/api/placement/monitoring/trends"), 400, null);
        refused(officer.get("/api/placement/monitoring/trends?year=2026&division=abc"), 400, "division");
        refused(officer.get("/api/placement/monitoring/trends?year=2026&division=" + Seeds.ANLU), 404, null);

        assertThat(count(MonitoringPoint.class)).isEqualTo(points);
        assertThat(count(LabourReturn.class)).isEqualTo(returns);
        assertThat(count(NeedsSurvey.class)).isEqualTo(surveys);
    }
}
