package cn.sunshine.accreditation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
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

/** Bad inputs get problem details that name the field, and change nothing. */
@SunshineServiceTest
class BadInputsTest extends ServiceTestSupport {


    /** The golden sample's tender: published 2026-05-31, window 6月1日 08:00 to 6月4日 18:00 (Asia/Shanghai). */
    private String publishedTender() {
        clock.set(Instant.parse("2026-05-31T02:00:00Z"));
        Http.Response drafted = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders", Fixtures.tender(2026,
                Instant.parse("2026-06-01T00:00:00Z"), Instant.parse("2026-06-04T10:00:00Z"),
                List.of(new Object[]{"WELDING", "电焊", 400}, new Object[]{"ELECTRONICS_ASSEMBLY", "电子装配", 600})));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String id = drafted.json().path("id").asText();
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + id + "/publication", null).status())
                .isEqualTo(200);
        return id;
    }

    private long applicationsOf(String tenderId) {
        return http().as(Fixtures.OFFICER).get("/api/accreditation/tenders/" + tenderId + "/applications").json()
                .path("total").asLong();
    }

    @Test
    void thePublishedTenderMatchesItsGoldenSampleAndIsPublic() {
        String tenderId = publishedTender();
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.TENDER_PUBLISHED.name()).stream()
                .anyMatch(t -> t.body().contains(tenderId)));
        GoldenSamples.assertMatches(EventTypes.TENDER_PUBLISHED, tap.ofType(EventTypes.TENDER_PUBLISHED.name()).stream()
                .filter(t -> t.body().contains(tenderId)).findFirst().orElseThrow().body()
                .replace(tenderId, "01JTENDER000000000000000001"));
        assertThat(http().get("/api/public/accreditation/tenders?division=420981").json().path("items")
                .findValuesAsString("id")).contains(tenderId);
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/publication", null)
                .status()).as("published once").isEqualTo(409);
        assertThat(http().as(Fixtures.ANLU_OFFICER).get("/api/accreditation/tenders/" + tenderId).status()).isEqualTo(404);
    }

    @Test
    void tendersWithWeightsThatDoNotAddUpAreRefused() {
        Map<String, Object> t = Fixtures.tender(2026, Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-05T00:00:00Z"),
                Fixtures.MAJORS);
        t.put("criteria", List.of(Map.of("code", "TEACHERS", "name", "师资力量", "weightBp", 6000),
                Map.of("code", "PLACEMENT", "name", "联系安排就业能力", "weightBp", 3000)));
        Http.Response r = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders", t);
        Fixtures.assertRefused(r, 400, "criteria");
        assertThat(r.json().path("errors").path(0).path("message").asText()).contains("10000", "9000");
        Http.Response other = http().as(Fixtures.ANLU_OFFICER).post("/api/accreditation/tenders", Fixtures.tender(2026,
                Instant.parse("2026-07-01T00:00:00Z"), Instant.parse("2026-07-05T00:00:00Z"), Fixtures.MAJORS));
        assertThat(other.status()).as("a tender for another county").isEqualTo(403);
    }

    @Test
    void applicationsWithAWrongCheckCharacterIncompleteOrLateAreRefusedAndNothingIsStored() {
        String tenderId = publishedTender();
        String path = "/api/accreditation/tenders/" + tenderId + "/applications";
        clock.set(Instant.parse("2026-06-02T02:00:00Z"));
        String applicant = Fixtures.applicant(1);

        Http.Response wrongCheck = http().as(applicant).post(path, Fixtures.application("银宇学校",
                Fixtures.withWrongCheckCharacter(Fixtures.creditCode()), List.of("WELDING")));
        Fixtures.assertRefused(wrongCheck, 400, "institution.creditCode");
        assertThat(wrongCheck.json().path("errors").path(0).path("message").asText()).contains("check character");

        Map<String, Object> incomplete = Fixtures.application("银宇学校", Fixtures.creditCode(), List.of("WELDING", "BIOGAS"));
        incomplete.put("documents", List.of(((List<?>) incomplete.get("documents")).get(0)));
        @SuppressWarnings("unchecked")
        Map<String, Object> welding = (Map<String, Object>) ((List<?>) incomplete.get("majors")).get(0);
        welding.put("teachers", List.of());
        Http.Response missing = http().as(applicant).post(path, incomplete);
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().path("type").asText()).isEqualTo("urn:sunshine:problem:application-incomplete");
        assertThat(missing.json().path("errors").findValuesAsString("field"))
                .contains("documents", "majors[0].teachers", "majors[1].majorCode");
        assertThat(missing.json().path("detail").asText()).contains("TEACHER_ROSTER");

        Map<String, Object> badTypes = new LinkedHashMap<>(Fixtures.application("银宇学校", Fixtures.creditCode(), List.of("WELDING")));
        badTypes.put("majors", "WELDING");
        Http.Response malformed = http().as(applicant).post(path, badTypes);
        Fixtures.assertRefused(malformed, 400, "majors");

        clock.set(Instant.parse("2026-06-04T10:00:00Z"));
        Http.Response late = http().as(applicant).post(path, Fixtures.application("银宇学校", Fixtures.creditCode(), List.of("WELDING")));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("type").asText()).isEqualTo("urn:sunshine:problem:application-window-closed");
        assertThat(late.json().path("errors").path(0).path("field").asText()).isEqualTo("applicationWindow");

        assertThat(applicationsOf(tenderId)).as("nothing was stored").isZero();
    }

    @Test
    void scoresOutsideTheScaleAndASecondSheetAreRefusedAndTheRankingIsUnchanged() {
        String tenderId = publishedTender();
        clock.set(Instant.parse("2026-06-02T02:00:00Z"));
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Http.Response a = http().as(Fixtures.applicant(i)).post("/api/accreditation/tenders/" + tenderId + "/applications",
                    Fixtures.application(Fixtures.INSTITUTIONS.get(i), Fixtures.creditCode(), List.of("WELDING")));
            assertThat(a.status()).as(a.toString()).isEqualTo(201);
            applications.add(a.json().path("id").asText());
        }
        Http.Response panel = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/panel",
                Map.of("members", List.of(Map.of("reviewerId", "expert-a", "name", "甲"), Map.of("reviewerId", "expert-b", "name", "乙"))));
        assertThat(panel.status()).isEqualTo(422);
        assertThat(panel.json().path("type").asText()).isEqualTo("urn:sunshine:problem:panel-too-small");
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/panel",
                Map.of("members", List.of(Map.of("reviewerId", "expert-a", "name", "甲"), Map.of("reviewerId", "expert-b", "name", "乙"),
                        Map.of("reviewerId", "expert-c", "name", "丙")))).status()).isEqualTo(200);
        http().as(Fixtures.expert("expert-a")).post("/api/accreditation/tenders/" + tenderId + "/panel/declarations",
                Map.of("noConflict", true, "statement", "无利害关系"));
        String sheets = "/api/accreditation/applications/" + applications.get(0) + "/score-sheets";

        Http.Response tooEarly = http().as(Fixtures.expert("expert-a")).post(sheets, Fixtures.sheet(80, "PASSED", "2026-06-02"));
        assertThat(tooEarly.status()).as("no scoring while the window is open").isEqualTo(422);

        clock.set(Instant.parse("2026-06-05T02:00:00Z"));
        Map<String, Object> outOfScale = new LinkedHashMap<>(Fixtures.sheet(80, "PASSED", "2026-06-05"));
        List<Map<String, Object>> scores = new ArrayList<>();
        Fixtures.CRITERIA.forEach(c -> scores.add(Map.of("criterionCode", c[0], "score", 80)));
        scores.set(2, Map.of("criterionCode", "TEACHERS", "score", 120));
        scores.set(3, Map.of("criterionCode", "PLACEMENT", "score", -5));
        outOfScale.put("scores", scores);
        Http.Response bad = http().as(Fixtures.expert("expert-a")).post(sheets, outOfScale);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").findValuesAsString("field")).containsExactly("scores[2].score", "scores[3].score");
        assertThat(bad.json().path("errors").path(0).path("message").asText()).contains("between 0 and 100");

        Http.Response badResult = http().as(Fixtures.expert("expert-a")).post(sheets,
                Map.of("scores", scores, "inspection", Map.of("visitedOn", "2026-06-05", "result", "MAYBE", "findings", "x")));
        Fixtures.assertRefused(badResult, 400, "inspection.result");

        JsonNode before = http().as(Fixtures.OFFICER).get("/api/accreditation/tenders/" + tenderId + "/ranking").json();
        assertThat(before.path("entries").path(0).path("sheetCount").asInt()).isZero();

        Http.Response first = http().as(Fixtures.expert("expert-a")).post(sheets, Fixtures.sheet(80, "PASSED", "2026-06-05"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        Http.Response same = http().as(Fixtures.expert("expert-a")).post(sheets, Fixtures.sheet(80, "PASSED", "2026-06-05"));
        assertThat(same.status()).as("the same sheet again (its answer lost) answers the sheet submitted: " + same).isEqualTo(201);
        assertThat(same.json().path("id")).isEqualTo(first.json().path("id"));
        Http.Response second = http().as(Fixtures.expert("expert-a")).post(sheets, Fixtures.sheet(40, "FAILED", "2026-06-05"));
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().path("type").asText()).isEqualTo("urn:sunshine:problem:score-sheet-already-submitted");
        assertThat(second.json().path("errors").path(0).path("field").asText()).isEqualTo("applicationId");

        JsonNode ranking = http().as(Fixtures.OFFICER).get("/api/accreditation/tenders/" + tenderId + "/ranking").json();
        JsonNode scored = ranking.path("entries").path(0);
        assertThat(scored.path("applicationId").asText()).isEqualTo(applications.get(0));
        assertThat(scored.path("sheetCount").asInt()).as("the first sheet stands, final").isEqualTo(1);
        assertThat(scored.path("averageScore").decimalValue()).isEqualByComparingTo("80.00");
        assertThat(ranking.path("complete").asBoolean()).isFalse();
        assertThat(ranking.path("missing").toString()).contains("only 1 reviewer(s) declared");

        Http.Response notYet = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/notice",
                Map.of("basesToAccredit", 1));
        assertThat(notYet.status()).isEqualTo(422);
        assertThat(notYet.json().path("type").asText()).isEqualTo("urn:sunshine:problem:ranking-incomplete");
        assertThat(http().as(Fixtures.expert("expert-z")).post(sheets, Fixtures.sheet(80, "PASSED", "2026-06-05")).status())
                .as("an expert not on the panel").isEqualTo(404);
    }

    @Test
    void malformedRequestsAreNeverA500() {
        Http.Response notJson = http().as(Fixtures.OFFICER).postRaw("/api/accreditation/tenders", "{\"title\": ", "application/json");
        assertThat(notJson.status()).isEqualTo(400);
        Http.Response badInstant = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders",
                Map.of("applicationOpensAt", "tomorrow"));
        Fixtures.assertRefused(badInstant, 400, "applicationOpensAt");
        Http.Response badPage = http().as(Fixtures.OFFICER).get("/api/accreditation/tenders?size=5000");
        Fixtures.assertRefused(badPage, 400, "size");
        Http.Response badObjection = http().post("/api/public/accreditation/notices/none/objections",
                Map.of("name", "张先生", "phone", "12345", "statement", "x"));
        Fixtures.assertRefused(badObjection, 400, "phone");
    }

    @Test
    void badInspectionsAreRefusedNamingTheFieldAndStoreNothing() {
        String baseId = Fixtures.registerBase(http(), "县再就业培训中心", Fixtures.creditCode(), Map.of("COOKING", 100));
        clock.set(Instant.parse("2026-10-09T02:00:00Z"));
        String visits = "/api/accreditation/inspection-visits?size=500&baseId=" + baseId;
        List<Map<String, Object>> full = InspectionTest.scores(Map.of());
        Map<String, Object> missingItem = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full.subList(1, full.size()), List.of());
        Map<String, Object> overMax = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09",
                InspectionTest.scores(Map.of("FEES", -1)), List.of());
        Map<String, Object> unknownItem = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full,
                List.of(InspectionTest.finding("CANTEEN", "食堂卫生差", null, null)));
        Map<String, Object> deadlineBefore = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full,
                List.of(InspectionTest.finding("FILES", "台帐不全", Map.of("requirement", "补齐", "deadline", "2026-10-01"), null)));
        Map<String, Object> future = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-12", full, List.of());
        Map<String, Object> noKind = InspectionTest.visit(baseId, null, "2026-10-09", full, List.of());
        Map<String, Object> badVersion = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full, List.of());
        badVersion.put("checklistVersion", "1999-1");
        Map<String, Object> negativeMoney = InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full,
                List.of(InspectionTest.finding("FEES", "乱收费", null, Map.of("amountFen", -5))));
        Map<String, Object> otherBase = InspectionTest.visit("no-such-base", "SUPERVISION", "2026-10-09", full, List.of());
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("scores", missingItem);
        cases.put("scores[5].score", overMax);
        cases.put("findings[0].itemCode", unknownItem);
        cases.put("findings[0].rectification.deadline", deadlineBefore);
        cases.put("visitedOn", future);
        cases.put("kind", noKind);
        cases.put("checklistVersion", badVersion);
        cases.put("findings[0].money.amountFen", negativeMoney);
        cases.put("baseId", otherBase);
        cases.forEach((field, body) -> {
            Http.Response r = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", body);
            assertThat(r.status()).as(field + ": " + r).isEqualTo(400);
            assertThat(r.json().path("errors").path(0).path("field").asText()).as(r.toString()).isEqualTo(field);
        });
        Http.Response zh = http().as(Fixtures.OFFICER).header("Accept-Language", "zh-CN")
                .post("/api/accreditation/inspection-visits", overMax);
        assertThat(zh.json().path("errors").path(0).path("message").asText()).isEqualTo("“收费”的得分须在 0 至 15 分之间");
        Http.Response kindZh = http().as(Fixtures.OFFICER).header("Accept-Language", "zh-CN")
                .post("/api/accreditation/inspection-visits", noKind);
        assertThat(kindZh.json().path("errors").path(0).path("message").asText()).isEqualTo("请填写检查类型（或选择检查计划）");
        assertThat(kindZh.json().path("detail").asText()).isEqualTo("kind：请填写检查类型（或选择检查计划）");
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-visits", noKind).json()
                .path("errors").path(0).path("message").asText()).isEqualTo("say what kind of inspection it was (or name its plan)");
        assertThat(http().as(Fixtures.ANLU_OFFICER).post("/api/accreditation/inspection-visits",
                InspectionTest.visit(baseId, "SUPERVISION", "2026-10-09", full, List.of())).status())
                .as("another county's base").isEqualTo(400);
        assertThat(http().as(Fixtures.OFFICER).get(visits).json().path("total").asInt()).as("nothing stored").isZero();
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/rectification-orders?size=500&baseId=" + baseId)
                .json().path("total").asInt()).isZero();

        Map<String, Object> plan = new LinkedHashMap<>(Map.of("divisionCode", "420981", "year", 2026, "kind", "MID_YEAR",
                "title", "年中检查", "baseIds", List.of(baseId), "plannedFrom", "2026-07-10", "plannedTo", "2026-07-01"));
        Http.Response backwards = http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-plans", plan);
        Fixtures.assertRefused(backwards, 400, "plannedTo");
        plan.put("plannedTo", "2026-07-20");
        plan.put("baseIds", List.of("no-such-base"));
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-plans", plan).json()
                .path("errors").path(0).path("field").asText()).isEqualTo("baseIds[0]");
        plan.put("kind", "ANNUAL");
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/inspection-plans", plan).status()).isEqualTo(400);
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/inspection-plans?year=2026&size=500").json()
                .path("items").findValuesAsString("baseIds").toString()).doesNotContain(baseId);

        String staff = cn.sunshine.platform.test.TestTokens.baseStaff("420981", baseId);
        Map<String, Object> self = new LinkedHashMap<>(Map.of("baseId", baseId, "year", 2026, "scores",
                InspectionTest.scores(Map.of()), "corrections", List.of(Map.of("problem", "x", "correction", "y",
                        "correctedOn", "2026-12-01"))));
        Http.Response correctedLater = http().as(staff).post("/api/accreditation/self-inspections", self);
        Fixtures.assertRefused(correctedLater, 400, "corrections[0].correctedOn");
        assertThat(http().as(staff).post("/api/accreditation/rectification-orders/none/report",
                Map.of("correction", "")).status()).isEqualTo(400);
        assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/rectification-orders/none/closure", Map.of())
                .status()).isEqualTo(404);
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/rectification-orders?overdue=maybe").status())
                .isEqualTo(400);
        assertThat(http().as(staff).get("/api/accreditation/self-inspections?baseId=" + baseId).json().path("total")
                .asInt()).isZero();
    }
}
