package cn.sunshine.accreditation;

import cn.sunshine.platform.sms.SimulatedSms;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Complaints (监督举报): from the public web form (confirmed by the code sent to its phone, or anonymous) and the
 * county's hotline, through assignment, investigation and answer to closure, with a due day per step.
 */
@SunshineServiceTest
class ComplaintTest extends ServiceTestSupport {

    private static final String PHONE = "13871234567";
    private static final String OTHER_OFFICER = TestTokens.of("county-officer-2-420981", Set.of("COUNTY_OFFICER"),
            Seeds.YINGCHENG, null);

    @Autowired
    SimulatedSms sms;

    @Test
    void aComplaintsContactIsMaskedToEveryoneButTheHandlingOfficer() {
        String baseId = Fixtures.registerBase(http(), "县成人中专", Fixtures.creditCode(), Map.of("SEWING", 200));
        clock.set(Instant.parse("2026-09-14T02:00:00Z"));
        Http.Response filed = http().header("X-Sunshine-Client-Address", "198.51.100.61")
                .post("/api/public/accreditation/complaints", complaint(Map.of("name", "张三丰", "phone", PHONE),
                        Map.of("type", "BASE", "baseId", baseId), "培训基地向学员收取资料费每人120元"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(filed.json().path("status").asText()).isEqualTo("AWAITING_CONFIRMATION");
        assertThat(filed.json().path("phone").asText()).isEqualTo("138****4567");
        assertThat(filed.json().path("simulatedCode").isNull()).as("no code in the answer outside the local run").isTrue();
        String confirmation = "/api/public/accreditation/pending-complaints/" + filed.json().path("confirmationId").asText()
                + "/confirmation";
        assertThat(http().post(confirmation, Map.of("code", wrong(codeSentTo(PHONE)))).status()).isEqualTo(422);
        Http.Response received = http().post(confirmation, Map.of("code", codeSentTo(PHONE)));
        assertThat(received.status()).as(received.toString()).isEqualTo(201);
        assertThat(received.json().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(received.json().path("answerDue").asText()).isEqualTo("2026-10-05");
        String id = received.json().path("complaintId").asText();
        assertThat(http().post(confirmation, Map.of("code", codeSentTo(PHONE))).json().path("complaintId").asText())
                .as("confirming again answers the same complaint").isEqualTo(id);
        String url = "/api/accreditation/complaints/" + id;

        // Before anyone handles it, every official reads it masked.
        for (String reader : List.of(Fixtures.OFFICER, OTHER_OFFICER, Fixtures.PROVINCE_OFFICER, Fixtures.CITY_OFFICER,
                TestTokens.of("AUDITOR", Seeds.YINGCHENG))) {
            assertMasked(http().as(reader).get(url));
        }
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(url).status()).as("another county's officer").isEqualTo(404);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId)).get(url).status()).isEqualTo(403);

        Http.Response assigned = http().as(OTHER_OFFICER).post(url + "/assignment",
                Map.of("handler", "county-officer-420981", "handlerName", "李科长"));
        assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);
        assertThat(assigned.json().path("status").asText()).isEqualTo("ASSIGNED");
        assertMasked(assigned);

        JsonNode whole = http().as(Fixtures.OFFICER).get(url).json();
        assertThat(whole.path("complainant").path("phone").asText()).isEqualTo(PHONE);
        assertThat(whole.path("complainant").path("name").asText()).isEqualTo("张三丰");
        assertThat(whole.path("complainant").path("masked").asBoolean()).isFalse();
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/complaints?status=ASSIGNED").body())
                .contains(PHONE);
        for (String reader : List.of(OTHER_OFFICER, Fixtures.PROVINCE_OFFICER, TestTokens.of("COUNTY_LEADER", Seeds.YINGCHENG))) {
            assertMasked(http().as(reader).get(url));
            assertThat(http().as(reader).get("/api/accreditation/complaints?size=500").body()).doesNotContain(PHONE);
        }

        Http.Response notHandler = http().as(OTHER_OFFICER).post(url + "/investigation", Map.of());
        assertThat(notHandler.status()).isEqualTo(403);
        assertThat(notHandler.json().path("type").asText()).isEqualTo("urn:sunshine:problem:not-the-handler");
        Http.Response investigating = http().as(Fixtures.OFFICER).post(url + "/investigation", Map.of("note", "约谈学员"));
        assertThat(investigating.status()).as(investigating.toString()).isEqualTo(200);

        clock.set(Instant.parse("2026-09-28T06:00:00Z"));
        Http.Response stale = http().as(Fixtures.OFFICER).header("If-Match", assigned.header("ETag")).post(url + "/answer",
                Map.of("substantiated", true, "findings", List.of("向学员收取资料费每人120元"), "reply", "经查属实，已责令退还"));
        assertThat(stale.status()).isEqualTo(412);
        Http.Response answered = http().as(Fixtures.OFFICER).header("If-Match", investigating.header("ETag"))
                .post(url + "/answer", Map.of("substantiated", true, "findings", List.of("向学员收取资料费每人120元"),
                        "reply", "经查属实，已责令退还"));
        assertThat(answered.status()).as(answered.toString()).isEqualTo(200);
        assertThat(answered.json().path("answer").path("onTime").asBoolean()).isTrue();
        assertThat(answered.json().path("dueDate").isNull()).isTrue();
        clock.set(Instant.parse("2026-09-30T02:00:00Z"));
        assertThat(http().as(Fixtures.OFFICER).post(url + "/closure", Map.of()).json().path("status").asText())
                .isEqualTo("CLOSED");

        // The events carry no contact; the substantiated finding joins the base's year for the annual review.
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json()
                .path("findings").toString().contains("监督举报 " + id + "：向学员收取资料费每人120元"));
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.COMPLAINT_CLOSED.name()).stream()
                .anyMatch(t -> t.body().contains(id)));
        for (var type : List.of(EventTypes.COMPLAINT_RECEIVED, EventTypes.COMPLAINT_ANSWERED, EventTypes.COMPLAINT_CLOSED)) {
            String body = tap.ofType(type.name()).stream().filter(t -> t.body().contains(id)).findFirst().orElseThrow().body();
            assertThat(body).doesNotContain("4567", "张三丰");
            GoldenSamples.assertMatches(type, body.replace(id, "01JCOMPLAINT00000000000001")
                    .replace(baseId, "01JBASE0000000000000000001"));
        }
    }

    @Test
    void anOverdueCaseAppearsAsOverdue() {
        clock.set(Instant.parse("2026-11-02T02:00:00Z"));
        Http.Response taken = http().as(Fixtures.OFFICER).post("/api/accreditation/complaints",
                complaint(Map.of("name", "王五", "phone", "13907125678"), Map.of("type", "OFFICER_CONDUCT",
                        "description", "乡镇劳务站工作人员态度粗暴"), "咨询报名时工作人员拒绝解答"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(201);
        assertThat(taken.json().path("channel").asText()).isEqualTo("HOTLINE");
        assertThat(taken.json().path("dueDate").asText()).as("assigned within 2 working days").isEqualTo("2026-11-04");
        assertThat(taken.json().path("overdue").asBoolean()).isFalse();
        String id = taken.json().path("id").asText();
        String overdue = "/api/accreditation/complaints?overdue=true&size=500";
        assertThat(http().as(Fixtures.OFFICER).get(overdue).json().path("items").findValuesAsString("id")).doesNotContain(id);

        clock.set(Instant.parse("2026-11-05T02:00:00Z"));
        JsonNode listed = http().as(Fixtures.OFFICER).get(overdue).json();
        JsonNode item = null;
        for (JsonNode i : listed.path("items")) {
            item = i.path("id").asText().equals(id) ? i : item;
        }
        assertThat(item).as("listed as overdue: %s", listed).isNotNull();
        assertThat(item.path("overdue").asBoolean()).isTrue();
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/complaints/" + id).json().path("overdue").asBoolean())
                .isTrue();
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(overdue).json().path("items").findValuesAsString("id"))
                .doesNotContain(id);

        Http.Response assigned = http().as(Fixtures.OFFICER).post("/api/accreditation/complaints/" + id + "/assignment", Map.of());
        assertThat(assigned.json().path("handler").asText()).isEqualTo("county-officer-420981");
        assertThat(assigned.json().path("dueDate").asText()).as("investigated within 3 working days").isEqualTo("2026-11-10");
        assertThat(assigned.json().path("overdue").asBoolean()).isFalse();
        assertThat(http().as(Fixtures.OFFICER).get(overdue).json().path("items").findValuesAsString("id")).doesNotContain(id);
    }

    @Test
    void anAnonymousComplaintIsAcceptedAndOneConnectionIsLimited() {
        clock.set(Instant.parse("2026-10-12T02:00:00Z"));
        Http.Response filed = http().header("X-Sunshine-Client-Address", "203.0.113.77")
                .post("/api/public/accreditation/complaints", complaint(null, Map.of("type", "OTHER"),
                        "有人冒用培训名义收取报名费"));
        assertThat(filed.status()).as(filed.toString()).isEqualTo(201);
        assertThat(filed.json().path("status").asText()).isEqualTo("RECEIVED");
        assertThat(filed.json().path("anonymous").asBoolean()).isTrue();
        JsonNode c = http().as(Fixtures.OFFICER).get("/api/accreditation/complaints/"
                + filed.json().path("complaintId").asText()).json();
        assertThat(c.path("anonymous").asBoolean()).isTrue();
        assertThat(c.path("complainant").isNull()).isTrue();
        assertThat(c.path("channel").asText()).isEqualTo("WEB");
        assertThat(c.path("status").asText()).isEqualTo("RECEIVED");

        for (int i = 1; i < 5; i++) {
            assertThat(http().header("X-Sunshine-Client-Address", "203.0.113.77").post("/api/public/accreditation/complaints",
                    complaint(null, Map.of("type", "OTHER"), "第" + i + "条")).status()).isEqualTo(201);
        }
        Http.Response sixth = http().header("X-Sunshine-Client-Address", "203.0.113.77")
                .post("/api/public/accreditation/complaints", complaint(null, Map.of("type", "OTHER"), "第六条"));
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.json().path("type").asText()).isEqualTo("urn:sunshine:problem:complaint-limit");
        Http.Response noBase = http().header("X-Sunshine-Client-Address", "203.0.113.78")
                .post("/api/public/accreditation/complaints", complaint(null, Map.of("type", "BASE"), "某基地"));
        Fixtures.assertRefused(noBase, 400, "subject.baseId");
    }

    @Test
    void thePublicStatisticsCountEachCountysComplaints() {
        String baseId = Fixtures.registerBase(http(), "县电子技术学校", Fixtures.creditCode(), Map.of("ELECTRONICS_ASSEMBLY", 200));
        clock.set(Instant.parse("2027-03-01T02:00:00Z"));
        String id = http().as(Fixtures.OFFICER).post("/api/accreditation/complaints", complaint(null,
                Map.of("type", "BASE", "baseId", baseId), "未按承诺推荐就业")).json().path("id").asText();
        String url = "/api/accreditation/complaints/" + id;
        http().as(Fixtures.OFFICER).post(url + "/assignment", Map.of());
        http().as(Fixtures.OFFICER).post(url + "/investigation", Map.of());
        assertThat(http().as(Fixtures.OFFICER).post(url + "/answer", Map.of("substantiated", false, "reply", "经查不属实"))
                .json().path("status").asText()).isEqualTo("ANSWERED");
        assertThat(http().header("X-Sunshine-Client-Address", "203.0.113.90").post("/api/public/accreditation/complaints",
                complaint(null, Map.of("type", "OTHER"), "补贴未到账")).status()).isEqualTo(201);
        clock.set(Instant.parse("2027-03-10T02:00:00Z"));

        Http.Response stats = http().get("/api/public/accreditation/complaint-statistics?year=2027&division=" + Seeds.YINGCHENG);
        assertThat(stats.status()).as(stats.toString()).isEqualTo(200);
        assertThat(stats.json().path("year").asInt()).isEqualTo(2027);
        JsonNode county = stats.json().path("counties").path(0);
        assertThat(county.path("divisionCode").asText()).isEqualTo(Seeds.YINGCHENG);
        assertThat(county.path("received").asLong()).isEqualTo(2);
        assertThat(county.path("answered").asLong()).isEqualTo(1);
        assertThat(county.path("answeredOnTime").asLong()).isEqualTo(1);
        assertThat(county.path("substantiated").asLong()).isZero();
        assertThat(county.path("overdue").asLong()).isEqualTo(1);
        assertThat(stats.body()).doesNotContain("补贴未到账");
        assertThat(http().get("/api/public/accreditation/complaint-statistics?year=2027&division=" + Seeds.ANLU)
                .json().path("counties").size()).isZero();
    }

    private static Map<String, Object> complaint(Map<String, Object> complainant, Map<String, Object> subject,
                                                 String statement) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("divisionCode", Seeds.YINGCHENG);
        if (complainant != null) {
            c.put("complainant", complainant);
        }
        c.put("subject", subject);
        c.put("statement", statement);
        return c;
    }

    private static void assertMasked(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("complainant").path("phone").asText()).isEqualTo("138****4567");
        assertThat(r.json().path("complainant").path("name").asText()).isEqualTo("张**");
        assertThat(r.json().path("complainant").path("masked").asBoolean()).isTrue();
        assertThat(r.body()).doesNotContain(PHONE, "张三丰");
    }

    private String codeSentTo(String phone) {
        Matcher m = java.util.regex.Pattern.compile("\\d{6}").matcher(sms.lastMessageTo(phone));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }
}
