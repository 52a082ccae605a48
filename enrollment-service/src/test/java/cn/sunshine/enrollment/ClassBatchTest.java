package cn.sunshine.enrollment;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The class-level batches: a county officer checks a whole class against the roster in one call,
 * the base records the class's assessments and completions in one call each — the single trainee's
 * rules and events, all rows or none, and a batch sent again changes nothing.
 */
@SunshineServiceTest
class ClassBatchTest extends EnrollmentServiceTest {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
    static final String ANLU_OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.ANLU);

    @BeforeEach
    void dayOne() {
        clock.set(DAY_ONE);
    }

    static Map<String, Object> check(String enrollmentId, String outcome, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enrollmentId", enrollmentId);
        m.put("outcome", outcome);
        if (reason != null) {
            m.put("reason", reason);
        }
        return m;
    }

    static Map<String, Object> verifyAll(List<String> ids) {
        return Map.of("checks", ids.stream().map(id -> check(id, "VERIFIED", null)).toList());
    }

    JsonNode enrollment(String token, String id) {
        Http.Response r = http().as(token).get("/api/enrollment/enrollments/" + id);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    long eventsOf(String type, String enrollmentId) {
        return tap.ofType(type).stream().filter(t -> t.body().contains(enrollmentId)).count();
    }

    @Test
    void theCountysOfficerChecksAWholeClassInOneCallAnotherCountysOfficerIsRefused() {
        OpenedClass c = openedClass("应城市阳光批量培训学校", 5);
        List<String> ids = c.enrollmentIds();
        String path = "/api/enrollment/classes/" + c.classId() + "/roster-checks";
        List<Map<String, Object>> checks = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            checks.add(check(ids.get(i), "VERIFIED", null));
        }
        checks.add(check(ids.get(4), "REJECTED", "本人未到场，由他人冒名顶替"));

        Http.Response foreign = http().as(ANLU_OFFICER).post(path, Map.of("checks", checks));
        assertThat(foreign.status()).as("another county's officer: the class is not found").isEqualTo(404);
        assertThat(http().as(c.staff()).post(path, Map.of("checks", checks)).status())
                .as("the base's staff do not check their own trainees").isEqualTo(403);
        assertThat(enrollment(OFFICER, ids.get(0)).path("rosterCheck").asText()).isEqualTo("PENDING");

        Http.Response done = http().as(OFFICER).post(path, Map.of("checks", checks));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(done.json().path("applied").asInt()).isEqualTo(5);
        assertThat(done.json().path("alreadyDone").asInt()).isZero();
        List<String> answered = new ArrayList<>();
        done.json().path("enrollmentIds").forEach(n -> answered.add(n.asText()));
        assertThat(answered).containsExactlyElementsOf(ids);
        for (int i = 0; i < 4; i++) {
            JsonNode e = enrollment(OFFICER, ids.get(i));
            assertThat(e.path("rosterCheck").asText()).isEqualTo("VERIFIED");
            assertThat(e.path("rosterDecision").path("at").asText()).isEqualTo(DAY_ONE.toString());
        }
        JsonNode rejected = enrollment(OFFICER, ids.get(4));
        assertThat(rejected.path("rosterCheck").asText()).isEqualTo("REJECTED");
        assertThat(rejected.path("rosterDecision").path("reason").asText()).isEqualTo("本人未到场，由他人冒名顶替");
    }

    @Test
    void aBatchWithBadRowsChangesNothingAndListsEveryRow() {
        OpenedClass c = openedClass("应城市阳光校验培训学校", 4);
        OpenedClass other = openedClass("应城市阳光另班培训学校", 1);
        List<String> ids = c.enrollmentIds();
        String path = "/api/enrollment/classes/" + c.classId() + "/roster-checks";
        List<Map<String, Object>> checks = List.of(check(ids.get(0), "VERIFIED", null),
                check(ids.get(1), "VERIFIED", null),
                check(ids.get(2), "REJECTED", null),                          // row 3: a rejection gives its reason
                check(other.enrollmentIds().get(0), "VERIFIED", null));       // row 4: a trainee of another class

        Http.Response refused = http().as(OFFICER).post(path, Map.of("checks", checks));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:batch-rejected");
        JsonNode rows = refused.json().path("rows");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("row").asInt()).isEqualTo(3);
        assertThat(rows.get(0).path("enrollmentId").asText()).isEqualTo(ids.get(2));
        assertThat(rows.get(0).path("field").asText()).isEqualTo("reason");
        assertThat(rows.get(1).path("row").asInt()).isEqualTo(4);
        assertThat(rows.get(1).path("field").asText()).isEqualTo("enrollmentId");
        assertThat(rows.get(1).path("message").asText()).contains("not an enrollment of this class");
        for (String id : ids) {
            JsonNode e = enrollment(OFFICER, id);
            assertThat(e.path("rosterCheck").asText()).as("nothing changed").isEqualTo("PENDING");
            assertThat(e.path("version").asLong()).isZero();
        }
        assertThat(enrollment(OFFICER, other.enrollmentIds().get(0)).path("rosterCheck").asText()).isEqualTo("PENDING");

        // An assessment of a trainee not yet verified is refused by the single trainee's rule, row by row.
        Http.Response notVerified = http().as(c.staff()).post("/api/enrollment/classes/" + c.classId() + "/assessments",
                Map.of("assessments", List.of(Map.of("enrollmentId", ids.get(0), "theoryScore", 80, "practicalScore", 80),
                        Map.of("enrollmentId", ids.get(1), "theoryScore", 101, "practicalScore", 80))));
        assertThat(notVerified.status()).as(notVerified.toString()).isEqualTo(422);
        assertThat(notVerified.json().path("rows").get(0).path("field").asText()).isEqualTo("rosterCheck");
        assertThat(notVerified.json().path("rows").get(1).path("field").asText()).isEqualTo("theoryScore");

        // The list itself: empty, too long, a trainee named twice, malformed, an unknown outcome: 400.
        Http.Response empty = http().as(OFFICER).post(path, Map.of("checks", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("errors").get(0).path("field").asText()).isEqualTo("checks");
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            tooMany.add(check(UUID.randomUUID().toString(), "VERIFIED", null));
        }
        Http.Response tooLong = http().as(OFFICER).post(path, Map.of("checks", tooMany));
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("errors").get(0).path("field").asText()).isEqualTo("checks");
        assertThat(tooLong.json().path("errors").get(0).path("message").asText()).contains("500");
        Http.Response twice = http().as(OFFICER).post(path, Map.of("checks", List.of(check(ids.get(0), "VERIFIED", null),
                check(ids.get(1), "VERIFIED", null), check(ids.get(0), "VERIFIED", null))));
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().path("errors").get(0).path("field").asText()).isEqualTo("checks[2].enrollmentId");
        assertThat(twice.json().path("errors").get(0).path("message").asText()).contains("row 3").contains("row 1");
        assertThat(http().as(OFFICER).postRaw(path, "{\"checks\": [", "application/json").status()).isEqualTo(400);
        Http.Response unknown = http().as(OFFICER).post(path, Map.of("checks", List.of(check(ids.get(0), "MAYBE", null))));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
        Http.Response nullEntry = http().as(OFFICER).postRaw(path, "{\"checks\": [{\"enrollmentId\": \"" + ids.get(0)
                + "\", \"outcome\": \"VERIFIED\"}, null]}", "application/json");
        assertThat(nullEntry.status()).as(nullEntry.toString()).isEqualTo(422);
        assertThat(nullEntry.json().path("rows").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(enrollment(OFFICER, ids.get(0)).path("version").asLong()).isZero();
    }

    @Test
    void aBatchSentAgainChangesNothingAndCompletesWhatACrashLeftUndone() {
        OpenedClass c = openedClass("应城市阳光重发培训学校", 4);
        List<String> ids = c.enrollmentIds();
        String path = "/api/enrollment/classes/" + c.classId() + "/roster-checks";
        // As if a first sending stopped after two trainees: they stand verified by the same write.
        for (String id : ids.subList(0, 2)) {
            assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + id + "/roster-check",
                    Map.of("outcome", "VERIFIED")).status()).isEqualTo(200);
        }
        Http.Response resumed = http().as(OFFICER).post(path, verifyAll(ids));
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.json().path("applied").asInt()).isEqualTo(2);
        assertThat(resumed.json().path("alreadyDone").asInt()).isEqualTo(2);

        List<Long> versions = ids.stream().map(id -> enrollment(OFFICER, id).path("version").asLong()).toList();
        Http.Response again = http().as(OFFICER).post(path, verifyAll(ids));
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("applied").asInt()).isZero();
        assertThat(again.json().path("alreadyDone").asInt()).isEqualTo(4);
        assertThat(ids.stream().map(id -> enrollment(OFFICER, id).path("version").asLong()).toList())
                .as("nothing written again").isEqualTo(versions);
    }

    @Test
    void assessmentsThenCompletionsInBatchEmitTheSingleTraineesEventsOnce() {
        OpenedClass c = openedClass("应城市阳光结业培训学校", 4);
        List<String> ids = c.enrollmentIds();
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + c.classId() + "/roster-checks", verifyAll(ids))
                .status()).isEqualTo(200);

        clock.set(Instant.parse("2026-08-14T02:00:00Z"));
        String assessments = "/api/enrollment/classes/" + c.classId() + "/assessments";
        List<Map<String, Object>> scores = List.of(
                Map.of("enrollmentId", ids.get(0), "theoryScore", 82, "practicalScore", 90),
                Map.of("enrollmentId", ids.get(1), "theoryScore", 75, "practicalScore", 68),
                Map.of("enrollmentId", ids.get(2), "theoryScore", 91, "practicalScore", 88),
                Map.of("enrollmentId", ids.get(3), "theoryScore", 45, "practicalScore", 70));
        assertThat(http().as(ANLU_OFFICER).post(assessments, Map.of("assessments", scores)).status()).isEqualTo(403);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, UUID.randomUUID().toString()))
                .post(assessments, Map.of("assessments", scores)).status()).as("another base's staff").isEqualTo(404);
        Http.Response assessed = http().as(c.staff()).post(assessments, Map.of("assessments", scores));
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
        assertThat(assessed.json().path("applied").asInt()).isEqualTo(4);
        assertThat(enrollment(c.staff(), ids.get(3)).path("assessments").get(0).path("theoryPassed").asBoolean()).isFalse();

        clock.set(Instant.parse("2026-08-15T02:00:00Z"));
        String completions = "/api/enrollment/classes/" + c.classId() + "/completions";
        Map<String, Object> failed = Map.of("enrollmentId", ids.get(3), "certificateNumber", "YC2026-WELD-B004");
        Http.Response withFailed = http().as(c.staff()).post(completions, Map.of("completions", List.of(
                Map.of("enrollmentId", ids.get(0), "certificateNumber", "YC2026-WELD-B001"), failed)));
        assertThat(withFailed.status()).as(withFailed.toString()).isEqualTo(422);
        assertThat(withFailed.json().path("rows")).hasSize(1);
        assertThat(withFailed.json().path("rows").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(withFailed.json().path("rows").get(0).path("field").asText()).isEqualTo("assessment");
        assertThat(enrollment(c.staff(), ids.get(0)).path("status").asText()).as("nothing changed").isEqualTo("ASSESSED");

        Map<String, Object> body = Map.of("completions", List.of(
                Map.of("enrollmentId", ids.get(0), "certificateNumber", "YC2026-WELD-B001",
                        "skillCertificateNumber", "1142000000801", "skillLevel", "初级"),
                Map.of("enrollmentId", ids.get(1), "certificateNumber", "YC2026-WELD-B002"),
                Map.of("enrollmentId", ids.get(2), "certificateNumber", "YC2026-WELD-B003")));
        Http.Response completed = http().as(c.staff()).post(completions, body);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("applied").asInt()).isEqualTo(3);
        JsonNode first = enrollment(c.staff(), ids.get(0));
        assertThat(first.path("status").asText()).isEqualTo("COMPLETED");
        assertThat(first.path("completion").path("skillLevel").asText()).isEqualTo("初级");

        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                .allMatch(id -> eventsOf(EventTypes.TRAINEE_ASSESSED.name(), id) == 1)
                && ids.subList(0, 3).stream().allMatch(id -> eventsOf(EventTypes.TRAINEE_COMPLETED.name(), id) == 1));
        assertThat(tap.ofType(EventTypes.TRAINEE_COMPLETED.name()).stream().filter(t -> t.body().contains(ids.get(0)))
                .findFirst().orElseThrow().body()).contains("YC2026-WELD-B001").contains("1142000000801");

        Http.Response again = http().as(c.staff()).post(completions, body);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("applied").asInt()).isZero();
        assertThat(again.json().path("alreadyDone").asInt()).isEqualTo(3);
        Http.Response assessedAgain = http().as(c.staff()).post(assessments, Map.of("assessments", scores));
        assertThat(assessedAgain.json().path("alreadyDone").asInt()).as(assessedAgain.toString()).isEqualTo(4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> ids.subList(0, 3).stream()
                .allMatch(id -> eventsOf(EventTypes.TRAINEE_COMPLETED.name(), id) == 1
                        && eventsOf(EventTypes.TRAINEE_ASSESSED.name(), id) == 1));
        Http.Response changed = http().as(c.staff()).post(completions, Map.of("completions", List.of(
                Map.of("enrollmentId", ids.get(1), "certificateNumber", "YC2026-WELD-X002"))));
        assertThat(changed.status()).as("a different certificate for a completed trainee").isEqualTo(422);
        assertThat(changed.json().path("rows").get(0).path("field").asText()).isEqualTo("status");
    }
}
