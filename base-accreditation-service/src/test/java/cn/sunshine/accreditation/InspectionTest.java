package cn.sunshine.accreditation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Inspections and acceptance (检查验收): the county's plan published to its bases, a supervision visit scored
 * against the province's checklist with a finding that orders a rectification and involves money, the base's
 * correction rejected and reported again until the officer closes it, an order past its deadline listed as overdue,
 * the base's self-inspection, and the year-end acceptance — each finding and acceptance joining the base's year.
 */
@SunshineServiceTest
class InspectionTest extends ServiceTestSupport {

    /** The built-in checklist's items and maxima (2026-1, 100 points, 70 to pass). */
    static final Map<String, Integer> ITEMS = items();

    private static Map<String, Integer> items() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("OPENNESS", 10);
        m.put("AGREEMENT", 5);
        m.put("TEACHING_PLAN", 15);
        m.put("ATTENDANCE", 10);
        m.put("TEACHERS_FACILITIES", 10);
        m.put("FEES", 15);
        m.put("SUBSIDY", 10);
        m.put("PLACEMENT", 15);
        m.put("FOLLOW_UP", 5);
        m.put("FILES", 5);
        return m;
    }

    /** Scores for every item: its maximum less what {@code less} takes off (by item code). */
    static List<Map<String, Object>> scores(Map<String, Integer> less) {
        List<Map<String, Object>> all = new ArrayList<>();
        ITEMS.forEach((code, max) -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("itemCode", code);
            s.put("score", max - less.getOrDefault(code, 0));
            if (less.containsKey(code)) {
                s.put("remark", "扣" + less.get(code) + "分");
            }
            all.add(s);
        });
        return all;
    }

    static Map<String, Object> visit(String baseId, String kind, String visitedOn, List<Map<String, Object>> scores,
                                     List<Map<String, Object>> findings) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("baseId", baseId);
        v.put("kind", kind);
        v.put("visitedOn", visitedOn);
        v.put("inspectors", List.of("李科长", "县财政局王股长"));
        v.put("scores", scores);
        v.put("summary", "查阅培训台帐、学员档案和收费票据，电话回访学员");
        v.put("findings", findings);
        return v;
    }

    static Map<String, Object> finding(String itemCode, String description, Map<String, Object> rectification,
                                       Map<String, Object> money) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("itemCode", itemCode);
        f.put("description", description);
        if (rectification != null) {
            f.put("rectification", rectification);
        }
        if (money != null) {
            f.put("money", money);
        }
        return f;
    }

    @Test
    void aFindingsRectificationIsReportedRejectedReportedAgainAndClosed() {
        String baseId = Fixtures.registerBase(http(), "县劳动就业培训中心", Fixtures.creditCode(), Map.of("SEWING", 200));
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        clock.set(Instant.parse("2026-09-01T02:00:00Z"));

        JsonNode checklists = http().as(staff).get("/api/accreditation/inspection-checklists").json();
        assertThat(checklists.path("current").asText()).isEqualTo("2026-1");
        assertThat(checklists.path("versions").path(0).path("passingScore").asInt()).isEqualTo(70);

        // The plan: drafted, read by the base only once published.
        Http.Response drafted = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-plans", Map.of(
                "divisionCode", Seeds.YINGCHENG, "year", 2026, "kind", "SUPERVISION", "title", "2026年10月阳光工程培训基地督查",
                "baseIds", List.of(baseId), "plannedFrom", "2026-10-08", "plannedTo", "2026-10-16"));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String planUrl = "/api/accreditation/inspection-plans/" + drafted.json().path("id").asText();
        assertThat(http().as(staff).get(planUrl).status()).as("a draft is the office's own").isEqualTo(404);
        assertThat(http().as(Fixtures.OFFICER).header("If-Match", "\"7\"").post(planUrl + "/publication", null).status())
                .isEqualTo(412);
        Http.Response published = http().as(Fixtures.OFFICER).header("If-Match", drafted.header("ETag"))
                .post(planUrl + "/publication", null);
        assertThat(published.json().path("status").asText()).isEqualTo("PUBLISHED");
        assertThat(http().as(staff).get(planUrl).status()).isEqualTo(200);
        assertThat(http().as(staff).get("/api/accreditation/inspection-plans?year=2026").json().path("items")
                .findValuesAsString("id")).contains(drafted.json().path("id").asText());
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(planUrl).status()).isEqualTo(404);

        // The visit, with a finding that orders a rectification (10 working days) and involves money.
        clock.set(Instant.parse("2026-10-09T02:00:00Z"));
        Map<String, Object> body = visit(baseId, null, "2026-10-09", scores(Map.of("FEES", 9, "FILES", 2)), List.of(
                finding("FEES", "向学员收取资料费每人120元，未按公示标准收费",
                        Map.of("requirement", "退还学员资料费并在基地公示"),
                        Map.of("amountFen", 360000, "enrollmentIds", List.of("01JENROLLMENT0000000000001"))),
                finding("FILES", "部分学员档案缺身份证复印件", null, null)));
        body.put("planId", drafted.json().path("id").asText());
        body.remove("kind");
        Http.Response recorded = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", body);
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        JsonNode visit = recorded.json();
        assertThat(visit.path("kind").asText()).as("the plan's kind").isEqualTo("SUPERVISION");
        assertThat(visit.path("total").asInt()).isEqualTo(89);
        assertThat(visit.path("checklistVersion").asText()).isEqualTo("2026-1");
        assertThat(visit.path("scores").path(5).path("remark").asText()).isEqualTo("扣9分");
        JsonNode feeFinding = visit.path("findings").path(0);
        assertThat(feeFinding.path("rectification").path("deadline").asText()).isEqualTo("2026-10-23");
        assertThat(visit.path("findings").path(1).path("rectification").isNull()).isTrue();
        String visitId = visit.path("id").asText();
        String orderId = feeFinding.path("findingId").asText();
        String orderUrl = "/api/accreditation/rectification-orders/" + orderId;

        // Who reads what: the county's officials and the base's own staff; another county's officer is told nothing.
        assertThat(http().as(Fixtures.ANLU_OFFICER).get("/api/accreditation/inspection-visits/" + visitId).status()).isEqualTo(404);
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(orderUrl).status()).isEqualTo(404);
        assertThat(http().as(Fixtures.ANLU_OFFICER).get("/api/accreditation/rectification-orders?size=500").json()
                .path("items").findValuesAsString("id")).doesNotContain(orderId);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "another-base")).get(orderUrl).status()).isEqualTo(404);
        for (String reader : List.of(staff, TestTokens.of("COUNTY_LEADER", Seeds.YINGCHENG), TestTokens.of("AUDITOR", Seeds.YINGCHENG))) {
            assertThat(http().as(reader).get(orderUrl).status()).isEqualTo(200);
        }
        assertThat(http().as(TestTokens.of("AUDITOR", Seeds.YINGCHENG)).post(orderUrl + "/closure", Map.of()).status())
                .as("auditors read only").isEqualTo(403);
        JsonNode order = http().as(staff).get(orderUrl).json();
        assertThat(order.path("status").asText()).isEqualTo("OPEN");
        assertThat(order.path("involvesMoney").asBoolean()).isTrue();
        assertThat(order.path("overdue").asBoolean()).isFalse();

        // The base reports; the officer finds it not done; reported again and closed.
        assertThat(http().as(Fixtures.OFFICER).post(orderUrl + "/report", Map.of("correction", "x")).status()).isEqualTo(403);
        assertThat(http().as(Fixtures.OFFICER).post(orderUrl + "/closure", Map.of()).status()).as("nothing reported").isEqualTo(409);
        clock.set(Instant.parse("2026-10-15T02:00:00Z"));
        Http.Response reported = http().as(staff).post(orderUrl + "/report", Map.of("correction", "已退还部分学员资料费"));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(200);
        assertThat(reported.json().path("status").asText()).isEqualTo("REPORTED");
        Http.Response rejected = http().as(Fixtures.OFFICER).header("If-Match", reported.header("ETag"))
                .post(orderUrl + "/rejection", Map.of("reason", "仍有12名学员未退还"));
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
        assertThat(rejected.json().path("status").asText()).isEqualTo("OPEN");
        assertThat(http().as(staff).header("If-Match", reported.header("ETag")).post(orderUrl + "/report",
                Map.of("correction", "y")).status()).as("a stale copy").isEqualTo(412);
        clock.set(Instant.parse("2026-10-21T02:00:00Z"));
        Http.Response again = http().as(staff).header("If-Match", rejected.header("ETag")).post(orderUrl + "/report",
                Map.of("correction", "已全部退还学员资料费共3600元，退款签收表附后，已在基地公示栏公示"));
        assertThat(again.status()).isEqualTo(200);
        clock.set(Instant.parse("2026-10-26T02:00:00Z"));
        Http.Response closed = http().as(Fixtures.OFFICER).header("If-Match", again.header("ETag"))
                .post(orderUrl + "/closure", Map.of("note", "核对退款签收表，整改到位"));
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("status").asText()).isEqualTo("CLOSED");
        assertThat(closed.json().path("correctedOnTime").asBoolean()).as("reported on 10-21, due 10-23").isTrue();
        assertThat(closed.json().path("overdue").asBoolean()).isFalse();
        assertThat(closed.json().path("reports").size()).isEqualTo(2);
        assertThat(http().as(Fixtures.OFFICER).post(orderUrl + "/closure", Map.of()).status()).isEqualTo(409);

        // The finding event crosses AMQP as its contract says, and joins the base's year for the annual review.
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.INSPECTION_FINDING_RECORDED.name()).stream()
                .anyMatch(t -> t.body().contains(orderId)));
        GoldenSamples.assertMatches(EventTypes.INSPECTION_FINDING_RECORDED, tap.ofType(EventTypes.INSPECTION_FINDING_RECORDED
                .name()).stream().filter(t -> t.body().contains(orderId)).findFirst().orElseThrow().body()
                .replace(orderId, "01JFINDING0000000000000001").replace(visitId, "01JVISIT000000000000000001")
                .replace(baseId, "01JBASE0000000000000000001"));
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json()
                .path("findings").toString().contains("督查 " + orderId + "：向学员收取资料费每人120元"));
        assertThat(http().as(Fixtures.OFFICER).get(performance).json().path("findings").toString())
                .contains("部分学员档案缺身份证复印件");
    }

    /** The progress report's supervision figures: complaints received and substantiated, inspection findings. */
    @Test
    void theProgressReportCountsTheDaysComplaintsAndInspectionFindings() {
        String baseId = Fixtures.registerBase(http(), "仁和职校", Fixtures.creditCode(), Map.of("COMPUTING", 100));
        clock.set(Instant.parse("2026-02-24T02:00:00Z"));
        String day = "/api/accreditation/progress?division=" + Seeds.YINGCHENG + "&from=2026-02-24&to=2026-02-24";
        JsonNode before = http().as(Fixtures.OFFICER).get(day).json().path("figures");
        assertThat(before.path("complaintsReceived").asLong()).isZero();
        assertThat(before.path("inspectionFindings").asLong()).isZero();
        Map<String, Object> complaint = new LinkedHashMap<>();
        complaint.put("divisionCode", Seeds.YINGCHENG);
        complaint.put("subject", Map.of("type", "OFFICER_CONDUCT", "description", "报名时工作人员拒绝解答"));
        complaint.put("statement", "电话举报：乡镇劳务站工作人员态度粗暴");
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/complaints", complaint).status()).isEqualTo(201);
        // A second complaint, answered as substantiated: the report reads the answers it counts.
        complaint.put("statement", "电话举报：培训基地向学员收取资料费");
        String answered = "/api/accreditation/complaints/"
                + http().as(Fixtures.OFFICER).post("/api/accreditation/complaints", complaint).json().path("id").asText();
        http().as(Fixtures.OFFICER).post(answered + "/assignment", Map.of());
        http().as(Fixtures.OFFICER).post(answered + "/investigation", Map.of());
        assertThat(http().as(Fixtures.OFFICER).post(answered + "/answer", Map.of("substantiated", true,
                "findings", List.of("向学员收取资料费每人120元"), "reply", "经查属实，已责令退还")).status()).isEqualTo(200);
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", visit(baseId, "SUPERVISION",
                "2026-02-24", scores(Map.of("TEACHING_PLAN", 6, "ATTENDANCE", 4)), List.of(
                        finding("TEACHING_PLAN", "无备课记录", null, null),
                        finding("ATTENDANCE", "考勤表未逐日签到", null, null)))).status()).isEqualTo(201);
        JsonNode after = http().as(Fixtures.OFFICER).get(day).json().path("figures");
        assertThat(after.path("complaintsReceived").asLong()).isEqualTo(2);
        assertThat(after.path("complaintsSubstantiated").asLong()).isEqualTo(1);
        assertThat(after.path("inspectionFindings").asLong()).isEqualTo(2);
        // Another county's officer asks for 应城市: refused, as every progress part is.
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(day).status()).isEqualTo(404);
    }

    @Test
    void anOrderPastItsDeadlineAppearsAsOverdueTheMostOverdueFirst() {
        String baseId = Fixtures.registerBase(http(), "银宇学校", Fixtures.creditCode(), Map.of("COMPUTING", 200));
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        clock.set(Instant.parse("2026-06-10T02:00:00Z"));
        JsonNode visit = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", visit(baseId,
                "MID_YEAR", "2026-06-10", scores(Map.of("TEACHING_PLAN", 6, "ATTENDANCE", 4)), List.of(
                        finding("TEACHING_PLAN", "电脑班无备课记录", Map.of("requirement", "补齐备课记录",
                                "deadline", "2026-06-20"), null),
                        finding("ATTENDANCE", "考勤表未逐日签到", Map.of("requirement", "建立逐日签到考勤表",
                                "withinWorkingDays", 5), null)))).json();
        String planLess = visit.path("findings").path(0).path("findingId").asText();
        String attendance = visit.path("findings").path(1).path("findingId").asText();
        assertThat(visit.path("findings").path(1).path("rectification").path("deadline").asText()).isEqualTo("2026-06-17");
        String overdue = "/api/accreditation/rectification-orders?overdue=true&baseId=" + baseId;
        assertThat(http().as(Fixtures.OFFICER).get(overdue).json().path("total").asInt()).isZero();

        clock.set(Instant.parse("2026-06-18T02:00:00Z"));
        JsonNode one = http().as(Fixtures.OFFICER).get(overdue).json();
        assertThat(one.path("items").findValuesAsString("id")).containsExactly(attendance);
        assertThat(one.path("items").path(0).path("overdue").asBoolean()).isTrue();
        assertThat(one.path("items").path(0).path("daysOverdue").asInt()).isEqualTo(1);

        // Reported is not closed: still overdue; the most overdue first.
        clock.set(Instant.parse("2026-06-25T02:00:00Z"));
        assertThat(http().as(staff).post("/api/accreditation/rectification-orders/" + planLess + "/report",
                Map.of("correction", "已补写备课记录")).status()).isEqualTo(200);
        JsonNode both = http().as(staff).get(overdue).json();
        assertThat(both.path("items").findValuesAsString("id")).containsExactly(attendance, planLess);
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/rectification-orders/" + planLess).json()
                .path("overdue").asBoolean()).isTrue();
        assertThat(http().as(Fixtures.ANLU_OFFICER).get("/api/accreditation/rectification-orders?overdue=true&size=500")
                .json().path("items").findValuesAsString("id")).doesNotContain(attendance, planLess);

        // Closed, late: no longer overdue, and not corrected on time.
        Http.Response closed = http().as(Fixtures.OFFICER).post("/api/accreditation/rectification-orders/" + planLess
                + "/closure", Map.of());
        assertThat(closed.json().path("overdue").asBoolean()).isFalse();
        assertThat(closed.json().path("correctedOnTime").asBoolean()).isFalse();
        assertThat(http().as(Fixtures.OFFICER).get(overdue).json().path("items").findValuesAsString("id"))
                .containsExactly(attendance);
    }

    @Test
    void theBasesSelfInspectionIsItsOwnOnceAYear() {
        String baseId = Fixtures.registerBase(http(), "县职教中心", Fixtures.creditCode(), Map.of("WELDING", 200));
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        clock.set(Instant.parse("2026-11-20T02:00:00Z"));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("baseId", baseId);
        report.put("year", 2026);
        report.put("scores", scores(Map.of("FOLLOW_UP", 2)));
        report.put("summary", "对照检查验收办法逐项自查");
        report.put("corrections", List.of(Map.of("itemCode", "FOLLOW_UP", "problem", "10月就业学员未全部回访",
                "correction", "已电话回访并补记回访记录", "correctedOn", "2026-11-18")));
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/self-inspections", report).status()).isEqualTo(403);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "another-base")).post("/api/accreditation/self-inspections",
                report).status()).isEqualTo(403);
        Http.Response submitted = http().as(staff).post("/api/accreditation/self-inspections", report);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(201);
        assertThat(submitted.json().path("total").asInt()).isEqualTo(98);
        String url = "/api/accreditation/self-inspections/" + submitted.json().path("id").asText();
        Http.Response twice = http().as(staff).post("/api/accreditation/self-inspections", report);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.json().path("type").asText()).isEqualTo("urn:sunshine:problem:self-inspection-submitted");
        assertThat(http().as(staff).header("Accept-Language", "zh-CN").post("/api/accreditation/self-inspections", report)
                .json().path("detail").asText()).contains("自查");
        assertThat(http().as(Fixtures.OFFICER).get(url).json().path("corrections").path(0).path("correction").asText())
                .isEqualTo("已电话回访并补记回访记录");
        assertThat(http().as(Fixtures.ANLU_OFFICER).get(url).status()).isEqualTo(404);
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/self-inspections?year=2026&baseId=" + baseId)
                .json().path("total").asInt()).isEqualTo(1);
    }

    @Test
    void theYearEndAcceptanceIsRecordedFromAnAcceptanceVisitAndJoinsTheYear() {
        String baseId = Fixtures.registerBase(http(), "县技工学校", Fixtures.creditCode(), Map.of("ELECTRICAL", 200));
        clock.set(Instant.parse("2026-12-15T03:00:00Z"));
        JsonNode supervision = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", visit(baseId,
                "SUPERVISION", "2026-12-14", scores(Map.of()), List.of())).json();
        Http.Response notAcceptance = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits/"
                + supervision.path("id").asText() + "/acceptance", Map.of("conclusion", "合格"));
        assertThat(notAcceptance.status()).isEqualTo(422);
        assertThat(notAcceptance.json().path("type").asText()).isEqualTo("urn:sunshine:problem:not-an-acceptance-visit");

        Http.Response visit = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", visit(baseId,
                "ACCEPTANCE", "2026-12-15", scores(Map.of("TEACHING_PLAN", 2, "ATTENDANCE", 1, "TEACHERS_FACILITIES", 1,
                        "FEES", 2, "SUBSIDY", 1, "PLACEMENT", 3, "FOLLOW_UP", 2, "FILES", 2)), List.of()));
        assertThat(visit.json().path("total").asInt()).isEqualTo(86);
        assertThat(visit.json().path("passed").asBoolean()).isTrue();
        String visitId = visit.json().path("id").asText();
        String acceptance = "/api/accreditation/inspection-visits/" + visitId + "/acceptance";
        assertThat(http().as(Fixtures.ANLU_OFFICER).post(acceptance, Map.of("conclusion", "合格")).status()).isEqualTo(404);
        Map<String, Object> conclusion = Map.of("conclusion", "培训建档规范，资金补助已公示，验收合格");
        Http.Response accepted = http().as(Fixtures.OFFICER).post(acceptance, conclusion);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        assertThat(accepted.json().path("passed").asBoolean()).isTrue();
        assertThat(accepted.json().path("score").asInt()).isEqualTo(86);
        assertThat(http().as(Fixtures.OFFICER).post(acceptance, conclusion).json().path("id").asText())
                .as("the same record sent again").isEqualTo(accepted.json().path("id").asText());
        assertThat(http().as(Fixtures.OFFICER).post(acceptance, Map.of("conclusion", "不合格")).status()).isEqualTo(409);
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId)).get("/api/accreditation/acceptance-records?year=2026")
                .json().path("items").path(0).path("conclusion").asText()).isEqualTo("培训建档规范，资金补助已公示，验收合格");

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.ACCEPTANCE_RECORDED.name()).stream()
                .anyMatch(t -> t.body().contains(visitId)));
        GoldenSamples.assertMatches(EventTypes.ACCEPTANCE_RECORDED, tap.ofType(EventTypes.ACCEPTANCE_RECORDED.name()).stream()
                .filter(t -> t.body().contains(visitId)).findFirst().orElseThrow().body()
                .replace(visitId, "01JVISIT000000000000000002").replace(baseId, "01JBASE0000000000000000001"));
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json()
                .path("acceptanceScore").asInt() == 86);
        assertThat(http().as(Fixtures.OFFICER).get(performance).json().path("acceptancePassed").asBoolean()).isTrue();
    }

    @Test
    void aFailedAcceptanceIsAFindingOfTheYear() {
        String baseId = Fixtures.registerBase(http(), "县驾驶员培训学校", Fixtures.creditCode(), Map.of("DRIVING", 200));
        clock.set(Instant.parse("2026-12-20T03:00:00Z"));
        String visitId = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", visit(baseId,
                "ACCEPTANCE", "2026-12-18", scores(Map.of("TEACHING_PLAN", 10, "PLACEMENT", 10, "FILES", 5, "FEES", 10)),
                List.of())).json().path("id").asText();
        Http.Response failed = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits/" + visitId
                + "/acceptance", Map.of("conclusion", "教学计划和就业档案不全，验收不合格"));
        assertThat(failed.json().path("passed").asBoolean()).isFalse();
        assertThat(failed.json().path("score").asInt()).isEqualTo(65);
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json()
                .path("findings").toString().contains("未通过，得分65（合格分70）"));
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/acceptance-records?passed=false&year=2026")
                .json().path("items").findValuesAsString("baseId")).contains(baseId);
    }
}
