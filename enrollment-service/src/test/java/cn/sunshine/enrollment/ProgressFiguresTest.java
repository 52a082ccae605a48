package cn.sunshine.enrollment;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * enrollment-service's part of the progress reports: in 孝昌县 (420921, a county no other test
 * uses), four trainees enrolled in July — one withdraws, one is rejected at the roster check — and
 * one completes in August.
 */
@SunshineServiceTest
class ProgressFiguresTest extends EnrollmentServiceTest {

    static final String XIAOCHANG = "420921";
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", XIAOCHANG);

    JsonNode figures(String token, String division, String from, String to) {
        Http.Response r = http().as(token).get("/api/enrollment/progress?division=" + division + "&from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json().path("figures");
    }

    @Test
    void enrolledCountsTheTraineesWhoStandAndCompletedCountsCompletionsInThePeriod() {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        String staff = agreedBase("孝昌县职业教育中心", XIAOCHANG, 40).staff();
        Http.Response klass = http().as(staff).post("/api/enrollment/classes", Map.of("majorCode", "WELDING",
                "plannedStart", "2026-07-06", "plannedEnd", "2026-08-14", "trainingForm", "FREE", "capacity", 40,
                "feeFen", 0, "place", Map.of("town", "花园镇", "village", "黄岗村", "address", "孝昌县职教中心实训楼",
                        "mobile", false)));
        assertThat(klass.status()).as(klass.toString()).isEqualTo(201);
        String classId = klass.json().path("id").asText();
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            Http.Response r = http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", People.anyone());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids[i] = r.json().path("id").asText();
        }
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of()).status()).isEqualTo(200);
        for (String id : List.of(ids[0], ids[1], ids[2])) {
            assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + id + "/roster-check",
                    Map.of("outcome", "VERIFIED")).status()).isEqualTo(200);
        }
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + ids[3] + "/roster-check",
                Map.of("outcome", "REJECTED", "reason", "冒名顶替")).status()).isEqualTo(200);
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + ids[2] + "/withdrawal",
                Map.of("reason", "外出务工")).status()).isEqualTo(200);

        clock.set(Instant.parse("2026-08-14T02:00:00Z"));
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + ids[0] + "/assessment",
                Map.of("theoryScore", 80, "practicalScore", 85)).status()).isEqualTo(200);
        clock.set(Instant.parse("2026-08-15T02:00:00Z"));
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + ids[0] + "/completion",
                Map.of("certificateNumber", "XC2026-WELD-0001")).status()).isEqualTo(200);

        JsonNode july = figures(OFFICER, XIAOCHANG, "2026-07-01", "2026-07-31");
        assertThat(july.path("enrolled").asLong()).as("four enrolled, one withdrew, one was not the person").isEqualTo(2);
        assertThat(july.path("completed").asLong()).isZero();
        JsonNode q3 = figures(OFFICER, XIAOCHANG, "2026-07-01", "2026-09-30");
        assertThat(q3.path("enrolled").asLong()).isEqualTo(2);
        assertThat(q3.path("completed").asLong()).isEqualTo(1);
        JsonNode city = figures(TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN), Seeds.XIAOGAN, "2026-07-01", "2026-09-30");
        assertThat(city.path("enrolled").asLong()).as("the city includes its counties").isGreaterThanOrEqualTo(2);
        assertThat(city.path("completed").asLong()).isGreaterThanOrEqualTo(1);

        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG))
                .get("/api/enrollment/progress?division=420921&from=2026-07-01&to=2026-07-31").status()).isEqualTo(404);
        assertThat(http().as(staff).get("/api/enrollment/progress?division=420921&from=2026-07-01&to=2026-07-31").status())
                .isEqualTo(403);
        Http.Response backwards = http().as(OFFICER).get("/api/enrollment/progress?division=420921&from=2026-07-31&to=2026-07-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("errors").path(0).path("field").asText()).isEqualTo("to");
        assertThat(http().as(OFFICER).get("/api/enrollment/progress?division=420921&from=2026-07-01&to=july").status())
                .isEqualTo(400);
    }
}
