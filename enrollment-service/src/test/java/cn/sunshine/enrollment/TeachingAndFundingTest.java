package cn.sunshine.enrollment;

import cn.sunshine.enrollment.ledger.Sheets;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 19: teaching records (三有) — lessons with attendance, the attendance minimum at completion, the ledger's
 * hours, a county officer's unannounced visit — and double funding (雨露计划, 再就业培训): other programmes' lists
 * refuse an overlapping enrollment and report those enrolled before the list came.
 */
@SunshineServiceTest
class TeachingAndFundingTest extends EnrollmentServiceTest {

    static final String OFFICER = OpenedClass.OFFICER;

    @BeforeEach
    void dayOne() {
        clock.set(DAY_ONE);
    }

    OpenedClass verifiedClass(String baseName, int trainees) {
        OpenedClass c = openedClass(baseName, trainees);
        Http.Response checked = http().as(OFFICER).post("/api/enrollment/classes/" + c.classId() + "/roster-checks",
                Map.of("checks", c.enrollmentIds().stream().map(id -> Map.of("enrollmentId", id, "outcome", "VERIFIED")).toList()));
        assertThat(checked.status()).as(checked.toString()).isEqualTo(200);
        return c;
    }

    static Map<String, Object> lesson(String date, int hours, List<String> ids, String... presence) {
        List<Map<String, Object>> marks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            marks.add(Map.of("enrollmentId", ids.get(i), "presence", presence[i]));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date);
        body.put("teacher", "王建国");
        body.put("topic", "平焊基本操作");
        body.put("kind", "PRACTICE");
        body.put("hours", hours);
        body.put("attendance", marks);
        return body;
    }

    Http.Response recordLesson(OpenedClass c, Map<String, Object> body) {
        return http().as(c.staff()).post("/api/enrollment/classes/" + c.classId() + "/lessons", body);
    }

    @Test
    void aTraineeBelowTheAttendanceMinimumCannotCompleteAndTheLedgerShowsTheHours() {
        OpenedClass c = verifiedClass("应城市阳光考勤培训学校", 3);
        List<String> ids = c.enrollmentIds();
        String a = ids.get(0);
        String b = ids.get(1);

        Http.Response missing = recordLesson(c, lesson("2026-07-06", 4, ids.subList(0, 2), "PRESENT", "PRESENT"));
        assertThat(missing.status()).as("a trainee in training is missing from the list").isEqualTo(422);
        assertThat(missing.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attendance-rejected");
        assertThat(missing.json().path("detail").asText()).contains("nothing was recorded");

        Http.Response first = recordLesson(c, lesson("2026-07-06", 4, ids, "PRESENT", "PRESENT", "ABSENT"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().path("present").asInt()).isEqualTo(2);
        clock.set(Instant.parse("2026-07-07T09:00:00Z"));
        assertThat(recordLesson(c, lesson("2026-07-07", 4, ids, "PRESENT", "EXCUSED", "PRESENT")).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("enrollment.lesson.recorded.v1").stream()
                .filter(m -> m.body().contains(c.classId())).count() == 2);

        JsonNode attendance = http().as(c.staff()).get("/api/enrollment/classes/" + c.classId() + "/attendance").json();
        assertThat(attendance.path("hoursHeld").asInt()).isEqualTo(8);
        assertThat(attendance.path("minimumAttendanceBp").asInt()).isEqualTo(8000);
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        attendance.path("trainees").forEach(t -> byId.put(t.path("enrollmentId").asText(), t));
        assertThat(byId.get(a).path("hoursAttended").asInt()).isEqualTo(8);
        assertThat(byId.get(b).path("hoursAttended").asInt()).isEqualTo(4);
        assertThat(byId.get(b).path("shareBp").asInt()).isEqualTo(5000);
        assertThat(byId.get(b).path("meetsMinimum").asBoolean()).isFalse();

        Http.Response assessed = http().as(c.staff()).post("/api/enrollment/classes/" + c.classId() + "/assessments",
                Map.of("assessments", List.of(Map.of("enrollmentId", a, "theoryScore", 80, "practicalScore", 85),
                        Map.of("enrollmentId", b, "theoryScore", 78, "practicalScore", 90))));
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);

        Http.Response batch = http().as(c.staff()).post("/api/enrollment/classes/" + c.classId() + "/completions",
                Map.of("completions", List.of(Map.of("enrollmentId", a, "certificateNumber", "YC2026-KQ-0001"),
                        Map.of("enrollmentId", b, "certificateNumber", "YC2026-KQ-0002"))));
        assertThat(batch.status()).as("the batch with a trainee below the minimum changes nothing").isEqualTo(422);
        JsonNode row = batch.json().path("rows").get(0);
        assertThat(row.path("enrollmentId").asText()).isEqualTo(b);
        assertThat(row.path("field").asText()).isEqualTo("attendance");
        assertThat(row.path("message").asText()).contains("attended 4 of 8 teaching hours (50.00%)", "at least 80.00%");

        Http.Response single = http().as(c.staff()).post("/api/enrollment/enrollments/" + b + "/completion",
                Map.of("certificateNumber", "YC2026-KQ-0002"));
        assertThat(single.status()).as(single.toString()).isEqualTo(422);
        assertThat(single.json().path("type").asText()).isEqualTo("urn:sunshine:problem:attendance-below-minimum");
        assertThat(single.json().path("detail").asText()).contains("4 of 8", "50.00%", "80.00%");
        assertThat(http().as(c.staff()).post("/api/enrollment/enrollments/" + a + "/completion",
                Map.of("certificateNumber", "YC2026-KQ-0001")).status()).as("a trainee above it completes").isEqualTo(200);

        List<List<String>> ledger = Sheets.readCsv(http().as(c.staff())
                .get("/api/enrollment/classes/" + c.classId() + "/ledger?format=csv").body().getBytes(StandardCharsets.UTF_8));
        int held = ledger.get(1).indexOf("hoursHeld");
        int attended = ledger.get(1).indexOf("hoursAttended");
        assertThat(ledger.get(0).get(attended)).isEqualTo("出勤学时");
        Map<String, String> hoursByStatus = new LinkedHashMap<>();
        for (List<String> r : ledger.subList(2, ledger.size())) {
            hoursByStatus.put(r.get(ledger.get(1).indexOf("status")) + "/" + r.get(held), r.get(attended));
        }
        assertThat(hoursByStatus).containsEntry("COMPLETED/8", "8").containsEntry("ASSESSED/8", "4")
                .containsEntry("ENROLLED/8", "4");
    }

    @Test
    void aTraineeMarkedPresentByTheBaseButNotFoundAtTheVisitIsFlagged() {
        OpenedClass c = verifiedClass("应城市阳光抽查培训学校", 3);
        List<String> ids = c.enrollmentIds();
        clock.set(Instant.parse("2026-07-08T02:10:00Z"));
        String visits = "/api/enrollment/classes/" + c.classId() + "/visits";
        Map<String, Object> visit = Map.of("present", List.of(ids.get(0)), "notes", "上午实操课抽查");

        assertThat(http().as(c.staff()).post(visits, visit).status()).as("the base does not record the county's visit")
                .isEqualTo(403);
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).post(visits, visit).status())
                .as("another county's officer: not found").isEqualTo(404);
        Http.Response recorded = http().as(OFFICER).post(visits, visit);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().path("absent")).hasSize(2);
        assertThat(recorded.json().path("flagged")).as("no lesson of the day recorded yet").isEmpty();

        clock.set(Instant.parse("2026-07-08T09:00:00Z"));
        assertThat(recordLesson(c, lesson("2026-07-08", 4, ids, "PRESENT", "PRESENT", "ABSENT")).status()).isEqualTo(201);

        Http.Response read = http().as(OFFICER).get(visits);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        JsonNode flagged = read.json().path("items").get(0).path("flagged");
        assertThat(flagged).as("present for the base, absent at the visit").hasSize(1);
        assertThat(flagged.get(0).path("enrollmentId").asText()).isEqualTo(ids.get(1));
        assertThat(flagged.get(0).path("lessonDate").asText()).isEqualTo("2026-07-08");
        assertThat(http().as(c.staff()).get(visits).status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("enrollment.visit.recorded.v1").stream()
                .anyMatch(m -> m.body().contains(c.classId())));
    }

    @Test
    void aPersonOnAnotherProgrammesListForAnOverlappingPeriodIsRefusedAndThoseEnrolledBeforeAreReported() {
        OpenedClass c = openedClass("应城市阳光双补培训学校", 1);
        String classPath = "/api/enrollment/classes/" + c.classId();
        Map<String, Object> earlier = People.anyone();
        Http.Response before = http().as(c.staff()).post(classPath + "/enrollments", earlier);
        assertThat(before.status()).as(before.toString()).isEqualTo(201);
        Map<String, Object> funded = People.anyone();
        Map<String, Object> later = People.anyone();

        String header = "项目名称,姓名,身份证号,培训开始,培训结束\n";
        String bad = header + "雨露计划," + funded.get("name") + "," + People.withWrongCheck((String) funded.get("idNumber"))
                + ",2026-07-01,2026-07-31\n";
        Http.Response refusedList = http().as(OFFICER).postRaw("/api/enrollment/funding-lists?year=2026", bad, "text/csv");
        assertThat(refusedList.status()).as(refusedList.toString()).isEqualTo(422);
        assertThat(refusedList.json().path("rows").get(0).path("field").asText()).isEqualTo("idNumber");

        String list = header
                + "雨露计划," + funded.get("name") + "," + funded.get("idNumber") + ",2026-07-01,2026-07-31\n"
                + "再就业培训," + earlier.get("name") + "," + earlier.get("idNumber") + ",2026-06-01,2026-07-20\n"
                + "雨露计划," + later.get("name") + "," + later.get("idNumber") + ",2026-03-01,2026-04-30\n";
        clock.set(DAY_ONE.plus(Duration.ofDays(1))); // the list comes a day after the first enrollment
        assertThat(http().as(c.staff()).postRaw("/api/enrollment/funding-lists?year=2026", list, "text/csv").status())
                .as("a base does not import the county's lists").isEqualTo(403);
        Http.Response imported = http().as(OFFICER).postRaw("/api/enrollment/funding-lists?year=2026", list, "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("people").asInt()).isEqualTo(3);
        assertThat(imported.body()).doesNotContain((String) funded.get("idNumber"));

        Http.Response refused = http().as(c.staff()).post(classPath + "/enrollments", funded);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:funded-elsewhere");
        assertThat(refused.json().path("detail").asText()).contains("雨露计划", "2026-07-01", "2026-07-31")
                .doesNotContain((String) funded.get("idNumber"));
        assertThat(http().as(c.staff()).post(classPath + "/enrollments", later).status())
                .as("funded for a period that does not overlap the class").isEqualTo(201);

        Http.Response matches = http().as(OFFICER).get("/api/enrollment/funding-matches?year=2026");
        assertThat(matches.status()).as(matches.toString()).isEqualTo(200);
        List<JsonNode> ours = new ArrayList<>();
        matches.json().path("items").forEach(m -> {
            if (m.path("classId").asText().equals(c.classId())) {
                ours.add(m);
            }
        });
        assertThat(ours).hasSize(1);
        assertThat(ours.get(0).path("enrollmentId").asText()).isEqualTo(before.json().path("id").asText());
        assertThat(ours.get(0).path("programme").asText()).isEqualTo("再就业培训");
        assertThat(ours.get(0).path("enrolledBeforeImport").asBoolean()).isTrue();
        assertThat(http().as(c.staff()).get("/api/enrollment/funding-matches?year=2026").status()).isEqualTo(403);
        await().atMost(Duration.ofSeconds(10)).until(() -> !tap.ofType("enrollment.funding-list.imported.v1").isEmpty());
    }
}
