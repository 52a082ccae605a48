package cn.sunshine.enrollment;

import cn.sunshine.enrollment.confirmation.TraineeConfirmation;
import cn.sunshine.platform.sms.SimulatedSms;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Trainees confirm what the base claims of them (学员确认), through HTTP: the county officer asks a class, each
 * trainee who completed gets a one-time code by SMS, opens their confirmation on the public API with their phone
 * (or the ID number's last six) and the code, and answers; a denial is published for the claim's officer.
 */
@SunshineServiceTest
class TraineeConfirmationTest extends EnrollmentServiceTest {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
    static final String ANLU_OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.ANLU);
    static final String LOOKUP = "/api/public/enrollment/confirmations/lookup";
    static final String ANSWERS = "/api/public/enrollment/confirmations/answers";

    @Autowired
    SimulatedSms sms;

    record Completer(String enrollmentId, String phone, String idNumber) {
    }

    @Test
    void traineesConfirmOrDenyByTheCodeSentToTheirPhone() {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        OpenedClass c = openedClass("应城市学员确认培训学校", 4);
        List<Completer> done = c.enrollmentIds().subList(0, 3).stream().map(id -> complete(c, id)).toList();

        // only the class's county officer asks; the base may not
        assertThat(http().as(c.staff()).post(requests(c), Map.of()).status()).isEqualTo(403);
        assertThat(http().as(ANLU_OFFICER).post(requests(c), Map.of()).status()).isEqualTo(404);
        Http.Response asked = http().as(OFFICER).post(requests(c), Map.of());
        assertThat(asked.status()).as(asked.toString()).isEqualTo(200);
        assertThat(asked.json().path("asked").asInt()).as("the three who completed, not the one in training").isEqualTo(3);
        assertThat(asked.json().path("sent").asInt()).isEqualTo(3);
        assertThat(asked.json().path("simulatedCodes").isNull()).as("codes only echoed where configured").isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("enrollment.confirmation.requested.v1").stream()
                .filter(t -> t.body().contains(c.classId())).count() == 3);
        // the document keeps no phone, no ID number, no code
        String stored = mongo.getCollection("trainee_confirmations").find(new org.bson.Document("_id",
                done.get(0).enrollmentId())).first().toJson();
        String code0 = sms.lastCodeTo(done.get(0).phone());
        assertThat(stored).doesNotContain(done.get(0).phone()).doesNotContain(done.get(0).idNumber().substring(12))
                .doesNotContain("\"" + code0 + "\"");

        // the first opens it with the phone and code, sees the class and base, confirms everything
        Http.Response open = http().post(LOOKUP, Map.of("phone", done.get(0).phone(), "code", code0));
        assertThat(open.status()).as(open.toString()).isEqualTo(200);
        assertThat(open.json().path("baseName").asText()).isEqualTo("应城市学员确认培训学校");
        assertThat(open.json().path("majorName").asText()).isEqualTo("电焊");
        assertThat(open.json().path("status").asText()).isEqualTo("REQUESTED");
        assertThat(open.json().path("traineeName").asText()).endsWith("*");
        assertThat(open.body()).doesNotContain(done.get(0).phone());
        Map<String, Object> yes = answers("phone", done.get(0).phone(), code0, true, true, "应城市宏达机械厂", "NOT_APPLICABLE");
        Http.Response confirmed = http().post(ANSWERS, yes);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
        // the same answers again: the same result, no second event
        Http.Response again = http().post(ANSWERS, yes);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("answers")).isEqualTo(confirmed.json().path("answers"));
        // other answers after the first: 409
        Http.Response changed = http().post(ANSWERS, answers("phone", done.get(0).phone(), code0, false, true, null, "NO"));
        assertThat(changed.status()).as(changed.toString()).isEqualTo(409);
        assertThat(changed.json().path("type").asText()).endsWith("confirmation-already-answered");

        // the second denies attending, by the last six of the ID number
        String code1 = sms.lastCodeTo(done.get(1).phone());
        String tail = done.get(1).idNumber().substring(12);
        Http.Response denied = http().post(ANSWERS, answers("idNumberTail", tail, code1, false, true, null, "NO"));
        assertThat(denied.status()).as(denied.toString()).isEqualTo(200);
        assertThat(denied.json().path("status").asText()).isEqualTo("DENIED");
        assertThat(denied.json().path("answers").path("denied").toString()).contains("ATTENDED").contains("SUBSIDY_RECEIVED");
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("enrollment.trainee.confirmed.v1").stream()
                .filter(t -> t.body().contains(c.classId())).count() == 2);
        assertThat(tap.ofType("enrollment.trainee.confirmed.v1").stream().filter(t -> t.body().contains(done.get(1).enrollmentId()))
                .findFirst().orElseThrow().body()).contains("\"outcome\":\"DENIED\"").contains("\"ATTENDED\"");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> tap.ofType(
                "enrollment.trainee.confirmed.v1").stream().filter(t -> t.body().contains(done.get(0).enrollmentId())).count() == 1);

        // the third: a wrong code counts, the right one still opens; asked again, answered ones are not sent a code
        String code2 = sms.lastCodeTo(done.get(2).phone());
        String wrong = code2.equals("000000") ? "111111" : "000000";
        Http.Response bad = http().post(LOOKUP, Map.of("phone", done.get(2).phone(), "code", wrong));
        assertThat(bad.status()).as(bad.toString()).isEqualTo(422);
        assertThat(bad.json().path("type").asText()).endsWith("confirmation-code-wrong");
        assertThat(mongo.findById(done.get(2).enrollmentId(), TraineeConfirmation.class).getAttempts()).isEqualTo(1);
        Http.Response askedAgain = http().as(OFFICER).post(requests(c), Map.of());
        assertThat(askedAgain.json().path("sent").asInt()).isEqualTo(1);
        assertThat(askedAgain.json().path("answered").asInt()).isEqualTo(2);
        String newCode = sms.lastCodeTo(done.get(2).phone());
        if (!newCode.equals(code2)) {
            assertThat(http().post(LOOKUP, Map.of("phone", done.get(2).phone(), "code", code2)).status())
                    .as("the old code died with the new one").isEqualTo(422);
        }
        // the code expires
        clock.advance(Duration.ofDays(15));
        Http.Response expired = http().post(LOOKUP, Map.of("phone", done.get(2).phone(), "code", newCode));
        assertThat(expired.status()).as(expired.toString()).isEqualTo(422);
        assertThat(expired.json().path("type").asText()).endsWith("confirmation-code-expired");
        // the answered ones stay readable with their code
        assertThat(http().post(LOOKUP, Map.of("phone", done.get(0).phone(), "code", code0)).json().path("status")
                .asText()).isEqualTo("CONFIRMED");

        // the officer's view of the class
        Http.Response view = http().as(OFFICER).get("/api/enrollment/classes/" + c.classId() + "/confirmations");
        assertThat(view.status()).as(view.toString()).isEqualTo(200);
        assertThat(view.json().path("asked").asInt()).isEqualTo(3);
        assertThat(view.json().path("confirmed").asInt()).isEqualTo(1);
        assertThat(view.json().path("denied").asInt()).isEqualTo(1);
        assertThat(http().as(c.staff()).get("/api/enrollment/classes/" + c.classId() + "/confirmations").status())
                .isEqualTo(403);
    }

    @Test
    void fiveWrongCodesVoidTheConfirmationUntilTheOfficerAsksAgain() {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        OpenedClass c = openedClass("应城市确认码培训学校", 1);
        Completer t = complete(c, c.enrollmentIds().get(0));
        assertThat(http().as(OFFICER).post(requests(c), Map.of()).status()).isEqualTo(200);
        String code = sms.lastCodeTo(t.phone());
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(http().post(LOOKUP, Map.of("phone", t.phone(), "code", wrong)).status()).isEqualTo(422);
        }
        Http.Response voided = http().post(LOOKUP, Map.of("phone", t.phone(), "code", code));
        assertThat(voided.status()).as(voided.toString()).isEqualTo(422);
        assertThat(voided.json().path("type").asText()).endsWith("confirmation-code-void");
        assertThat(http().as(OFFICER).post(requests(c), Map.of()).json().path("sent").asInt()).isEqualTo(1);
        Http.Response answered = http().post(ANSWERS, answers("phone", t.phone(), sms.lastCodeTo(t.phone()), true, true,
                "", "YES"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().path("status").asText()).isEqualTo("CONFIRMED");
    }

    @Test
    void badInputsAreProblemsAndChangeNothing() {
        String code = "123456";
        List<Map<String, Object>> lookups = List.of(
                Map.of("code", code),
                Map.of("phone", "13800000000", "idNumberTail", "12345X", "code", code),
                Map.of("phone", "1380000", "code", code),
                Map.of("idNumberTail", "12", "code", code),
                Map.of("phone", "13800000000", "code", "12ab"),
                Map.of("phone", "13800000000"));
        for (Map<String, Object> body : lookups) {
            Http.Response r = http().post(LOOKUP, body);
            assertThat(r.status()).as(body + " → " + r).isEqualTo(400);
        }
        Http.Response unknown = http().post(LOOKUP, Map.of("phone", "13800000000", "code", code));
        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(422);
        Map<String, Object> noAnswer = new HashMap<>(answers("phone", "13800000000", code, true, true, null, "YES"));
        noAnswer.remove("attended");
        assertThat(http().post(ANSWERS, noAnswer).status()).isEqualTo(400);
        Map<String, Object> badSubsidy = new HashMap<>(answers("phone", "13800000000", code, true, true, null, "MAYBE"));
        assertThat(http().post(ANSWERS, badSubsidy).status()).isEqualTo(400);
        Map<String, Object> longEmployer = new HashMap<>(answers("phone", "13800000000", code, true, true, "厂".repeat(101), "YES"));
        assertThat(http().post(ANSWERS, longEmployer).status()).isEqualTo(400);
        assertThat(http().postRaw(ANSWERS, "{not json", "application/json").status()).isEqualTo(400);
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/no-such-class/confirmation-requests", Map.of())
                .status()).isEqualTo(404);
    }

    private static String requests(OpenedClass c) {
        return "/api/enrollment/classes/" + c.classId() + "/confirmation-requests";
    }

    private static Map<String, Object> answers(String who, String value, String code, boolean attended, boolean completed,
                                               String employer, String subsidy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(who, value);
        m.put("code", code);
        m.put("attended", attended);
        m.put("completed", completed);
        if (employer != null) {
            m.put("employer", employer);
        }
        m.put("subsidyReceived", subsidy);
        return m;
    }

    private Completer complete(OpenedClass c, String id) {
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + id + "/roster-check",
                Map.of("outcome", "VERIFIED")).status()).isEqualTo(200);
        assertThat(http().as(c.staff()).post("/api/enrollment/enrollments/" + id + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90)).status()).isEqualTo(200);
        Http.Response done = http().as(c.staff()).post("/api/enrollment/enrollments/" + id + "/completion",
                Map.of("certificateNumber", "YC2026-" + id.substring(0, 8)));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        Http.Response whole = http().as(OFFICER).get("/api/enrollment/enrollments/" + id + "?purpose=学员确认测试");
        return new Completer(id, whole.json().path("trainee").path("phone").asText(),
                whole.json().path("trainee").path("idNumber").asText());
    }
}
