package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A base revoked mid-year: it enrolls no one, while its trainees are assessed and complete. */
@SunshineServiceTest
class RevokedBaseJourneyTest extends EnrollmentJourney {

    @Test
    void aRevokedBaseEnrollsNoOneWhileItsTraineesAreAssessedAndComplete() {
        AgreedBase base = agreedBase("应城市汉宜职业培训学校", Seeds.YINGCHENG, 60);
        String baseId = base.baseId();
        String staff = base.staff();
        String classId = classAt(staff, 60);
        Http.Response zhang = enroll(staff, classId, People.trainee("张伟", true, "420981199003152314", "13871234567"));
        assertThat(zhang.status()).as(zhang.toString()).isEqualTo(201);
        assertThat(zhang.json().path("trainee").path("idNumber").asText()).as("the base's staff see it masked")
                .isEqualTo("420981********2314");
        String zhangId = zhang.json().path("id").asText();

        clock.set(Instant.parse("2026-07-06T01:30:00Z"));
        Http.Response opened = http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening",
                Map.of("notes", "县阳光办张主任讲第一课，发放培训券"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of()).status()).isEqualTo(409);

        clock.set(Instant.parse("2026-07-06T01:40:00Z"));
        Map<String, Object> liNa = People.anyone();
        Http.Response li = enroll(staff, classId, liNa);
        assertThat(li.status()).isEqualTo(201);
        String liId = li.json().path("id").asText();

        Http.Response notVerified = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90));
        assertThat(notVerified.status()).isEqualTo(422);
        Http.Response verified = http().as(OFFICER).post("/api/enrollment/enrollments/" + zhangId + "/roster-check",
                Map.of("outcome", "VERIFIED"));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("trainee").path("idNumber").asText()).as("whole for the county's officer")
                .isEqualTo("420981199003152314");
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + liId + "/roster-check",
                Map.of("outcome", "REJECTED")).status()).as("a rejection needs its reason").isEqualTo(400);
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + liId + "/roster-check",
                Map.of("outcome", "REJECTED", "reason", "本人未到场，由他人冒名顶替")).status()).isEqualTo(200);

        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED, Seeds.baseRevoked(baseId, Seeds.YINGCHENG),
                baseId, Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(staff).get("/api/enrollment/bases/" + baseId).json()
                .path("standing").asText().equals("REVOKED"));
        Http.Response refused = enroll(staff, classId, People.anyone());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:base-not-accepting");
        assertThat(refused.json().path("detail").asText()).contains("revoked");
        assertThat(http().as(staff).post("/api/enrollment/classes", classBody(30)).status()).isEqualTo(422);

        clock.set(Instant.parse("2026-08-14T02:00:00Z"));
        Http.Response assessed = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90));
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
        assertThat(assessed.json().path("status").asText()).isEqualTo("ASSESSED");
        clock.set(Instant.parse("2026-08-15T02:00:00Z"));
        Http.Response completed = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/completion",
                Map.of("certificateNumber", "YC2026-WELD-0001", "skillCertificateNumber", "1142000000123", "skillLevel", "初级"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/withdrawal", Map.of("reason", "x"))
                .status()).as("a completed trainee is not withdrawn").isEqualTo(409);
        Http.Response withdrawn = http().as(staff).post("/api/enrollment/enrollments/" + liId + "/withdrawal",
                Map.of("reason", "身份核定未通过"));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).orElseThrow().taken()).isEqualTo(1);
        // The withdrawn person's year is free again: another base may enroll them.
        clock.set(DAY_ONE);
        String otherStaff = agreedBase("应城市第二职业培训学校", Seeds.YINGCHENG, 5).staff();
        assertThat(enroll(otherStaff, classAt(otherStaff, 5), liNa).status()).isEqualTo(201);

        // What was published matches the contracts (ids replaced by the samples' ones).
        String classBodyOf = awaitEvent(EventTypes.CLASS_OPENED.name(), classId);
        GoldenSamples.assertMatches(EventTypes.CLASS_OPENED, normalise(classBodyOf, baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_ENROLLED,
                normalise(awaitEvent(EventTypes.TRAINEE_ENROLLED.name(), zhangId), baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_ASSESSED,
                normalise(awaitEvent(EventTypes.TRAINEE_ASSESSED.name(), zhangId), baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_COMPLETED,
                normalise(awaitEvent(EventTypes.TRAINEE_COMPLETED.name(), zhangId), baseId, classId, zhangId));
        assertThat(awaitEvent(EventTypes.TRAINEE_WITHDRAWN.name(), liId)).contains("身份核定未通过");
    }
}
