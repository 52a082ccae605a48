package cn.sunshine.placement;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.placement.escalation.EscalationCase;
import cn.sunshine.placement.escalation.Escalations;
import cn.sunshine.placement.placement.Placement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Follow-ups fall due on the schedule, overdue ones are listed, and unpaid wages open a case for the county. */
@SunshineServiceTest
class FollowUpTest extends PlacementTestSupport {

    @Autowired
    private Escalations escalations;

    @Test
    void aCaseLeftUnopenedWhenTheProcessStoppedIsOpenedByTheSweep() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        String id = staff.post("/api/placement/placements", placeBody(enrollmentId, LocalDate.of(2026, 7, 1)))
                .json().path("id").asText();
        clock.set(Instant.parse("2026-08-02T02:00:00Z"));
        String caseId = staff.post("/api/placement/placements/" + id + "/follow-ups/1",
                Map.of("contactedOn", "2026-08-02", "reached", true, "problems", List.of("NO_CONTRACT")))
                .json().path("escalationCaseId").asText();

        // the state a stop between the follow-up's write and the case's insert leaves behind
        mongo.remove(Query.query(Criteria.where("_id").is(caseId)), EscalationCase.class);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), new Update().push("casesToOpen", caseId),
                Placement.class);
        assertThat(mongo.findById(caseId, EscalationCase.class)).isNull();

        assertThat(escalations.sweep()).isGreaterThanOrEqualTo(1);
        EscalationCase reopened = mongo.findById(caseId, EscalationCase.class);
        assertThat(reopened).isNotNull();
        assertThat(reopened.getProblems()).containsExactly("NO_CONTRACT");
        assertThat(reopened.getStatus()).isEqualTo(EscalationCase.Status.OPEN);
        assertThat(mongo.findById(id, Placement.class).getCasesToOpen()).isEmpty();
        assertThat(escalations.sweep()).as("nothing left").isZero();
    }

    @Test
    void aBaseRecordsAClassesFollowUpRoundInOneBatchAllOrNothingAndRepeatably() {
        String baseId = UUID.randomUUID().toString();
        String classId = "class-" + baseId;
        List<String> completers = complete(3, classId, baseId, Seeds.YINGCHENG, 2026);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        JsonNode placed = staff.post("/api/placement/classes/" + classId + "/placements", Map.of("placements",
                completers.stream().map(e -> placeBody(e, LocalDate.of(2026, 7, 1))).toList())).json();
        List<String> ids = new ArrayList<>();
        placed.path("placementIds").forEach(i -> ids.add(i.asText()));
        String path = "/api/placement/classes/" + classId + "/follow-ups/1";
        List<Map<String, Object>> contacts = List.of(
                Map.of("placementId", ids.get(0), "contactedOn", "2026-08-02", "reached", true, "stillEmployed", true,
                        "monthlyWageFen", 300000, "satisfaction", 4),
                Map.of("placementId", ids.get(1), "contactedOn", "2026-08-02", "reached", true, "stillEmployed", true,
                        "problems", List.of("UNPAID_WAGES"), "unpaidWagesFen", 150000),
                Map.of("placementId", ids.get(2), "contactedOn", "2026-08-02", "reached", false));

        // Not due yet on 1 July: every row refused, nothing recorded.
        clock.set(Instant.parse("2026-07-02T02:00:00Z"));
        Http.Response early = staff.post(path, Map.of("contacts", contacts));
        assertThat(early.status()).as(early.body()).isEqualTo(422);
        assertThat(early.json().path("type").asText()).endsWith("batch-rejected");
        assertThat(early.json().path("rows")).hasSize(3);

        clock.set(Instant.parse("2026-08-02T02:00:00Z"));
        // A row with unpaid wages but no problem named (row 2 changed) refuses the whole sheet.
        List<Map<String, Object>> bad = new ArrayList<>(contacts);
        bad.set(1, Map.of("placementId", ids.get(1), "contactedOn", "2026-08-02", "reached", true, "unpaidWagesFen", 150000));
        Http.Response rejected = staff.post(path, Map.of("contacts", bad));
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.json().path("rows").get(0).path("row").asInt()).isEqualTo(2);
        assertThat(staff.get("/api/placement/placements/" + ids.get(0)).json().path("followUps").get(0).path("status")
                .asText()).isEqualTo("DUE");
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "other-base")).post(path, Map.of("contacts", contacts))
                .status()).isEqualTo(404);

        JsonNode recorded = staff.post(path, Map.of("contacts", contacts)).json();
        assertThat(recorded.path("recorded").asInt()).isEqualTo(3);
        String caseId = recorded.path("escalationCaseIds").get(0).asText();
        assertThat(caseId).isEqualTo(ids.get(1) + "-f1");
        EscalationCase opened = mongo.findById(caseId, EscalationCase.class);
        assertThat(opened).isNotNull();
        assertThat(opened.getProblems()).containsExactly("UNPAID_WAGES");
        for (String id : ids) {
            assertThat(staff.get("/api/placement/placements/" + id).json().path("followUps").get(0).path("status")
                    .asText()).isEqualTo("DONE");
        }
        // Sent again (a lost answer): already done, nothing new.
        JsonNode again = staff.post(path, Map.of("contacts", contacts)).json();
        assertThat(again.path("recorded").asInt()).isZero();
        assertThat(again.path("alreadyDone").asInt()).isEqualTo(3);
        assertThat(again.path("escalationCaseIds").get(0).asText()).as("the case named as the first answer named it")
                .isEqualTo(caseId);

        // The process died after the rows' writes and before the case: sent again, the case is opened and named.
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(caseId)), EscalationCase.class);
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("_id").is(ids.get(1))),
                new org.springframework.data.mongodb.core.query.Update().push("casesToOpen", caseId), "placements");
        JsonNode afterTheCrash = staff.post(path, Map.of("contacts", contacts)).json();
        assertThat(afterTheCrash.path("escalationCaseIds").get(0).asText()).isEqualTo(caseId);
        assertThat(mongo.findById(caseId, EscalationCase.class)).as("opened by the sheet sent again").isNotNull();
    }

    private static List<String> ids(JsonNode page) {
        return itemValues(page, "id");
    }

    @Test
    void followUpsFallDueMonthlyAndOverdueOnesAreListedForTheBaseAndTheCounty() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        String id = staff.post("/api/placement/placements", placeBody(enrollmentId, LocalDate.of(2026, 7, 1)))
                .json().path("id").asText();
        String due = "/api/placement/follow-ups?state=DUE&baseId=" + baseId;
        String overdue = "/api/placement/follow-ups?state=OVERDUE&baseId=" + baseId;

        assertThat(ids(staff.get(due).json())).isEmpty();
        Http.Response early = staff.post("/api/placement/placements/" + id + "/follow-ups/1",
                Map.of("contactedOn", "2026-06-30", "reached", true, "stillEmployed", true));
        assertThat(early.status()).isEqualTo(422);

        clock.set(Instant.parse("2026-08-01T01:00:00Z")); // 09:00 on 1 August in Shanghai: the first falls due
        assertThat(ids(staff.get(due).json())).containsExactly(id);
        assertThat(ids(county.get(due).json())).containsExactly(id);
        assertThat(ids(county.get(overdue).json())).isEmpty();

        clock.set(Instant.parse("2026-08-09T01:00:00Z")); // past the 7 days of grace
        assertThat(ids(staff.get(overdue).json())).containsExactly(id);
        assertThat(ids(county.get(overdue).json())).containsExactly(id);
        assertThat(ids(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get(overdue).json())).isEmpty();
        assertThat(ids(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "other-base")).get(overdue).json())).isEmpty();

        Http.Response done = staff.post("/api/placement/placements/" + id + "/follow-ups/1",
                Map.of("contactedOn", "2026-08-08", "reached", true, "stillEmployed", true, "monthlyWageFen", 530000,
                        "satisfaction", 4));
        assertThat(done.status()).as(done.body()).isEqualTo(200);
        assertThat(done.json().path("escalationCaseId").isNull()).isTrue();
        assertThat(done.json().path("placement").path("nextDueOn").asText()).isEqualTo("2026-09-01");
        assertThat(ids(staff.get(overdue).json())).isEmpty();
        assertThat(staff.post("/api/placement/placements/" + id + "/follow-ups/1",
                Map.of("contactedOn", "2026-08-08", "reached", false)).status()).isEqualTo(409);

        clock.set(Instant.parse("2026-09-20T01:00:00Z"));
        assertThat(ids(county.get(overdue).json())).containsExactly(id);
    }

    @Test
    void anUnpaidWageReportOpensAnEscalationCaseForTheCounty() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        String id = staff.post("/api/placement/placements", placeBody(enrollmentId, LocalDate.of(2026, 7, 1)))
                .json().path("id").asText();

        clock.set(Instant.parse("2026-08-02T02:00:00Z"));
        Http.Response r = staff.post("/api/placement/placements/" + id + "/follow-ups/1",
                Map.of("contactedOn", "2026-08-02", "reached", true, "stillEmployed", true, "satisfaction", 1,
                        "problems", List.of("UNPAID_WAGES"), "unpaidWagesFen", 1040000, "note", "两个月工资未发"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        String caseId = r.json().path("escalationCaseId").asText();
        assertThat(caseId).isEqualTo(id + "-f1");

        var events = published(EventTypes.FOLLOW_UP_ESCALATED, e -> e.path("caseId").asText().equals(caseId), 1);
        assertThat(events).hasSize(1);
        assertGoldenShape(EventTypes.FOLLOW_UP_ESCALATED, events.get(0).body());
        JsonNode e = JSON.readTree(events.get(0).body());
        assertThat(e.path("unpaidWagesFen").asLong()).isEqualTo(1040000);
        assertThat(e.path("problems").get(0).asText()).isEqualTo("UNPAID_WAGES");

        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        JsonNode open = county.get("/api/placement/escalations?status=OPEN").json();
        assertThat(ids(open)).contains(caseId);
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/placement/escalations/" + caseId)
                .status()).isEqualTo(404);

        Http.Response resolved = county.post("/api/placement/escalations/" + caseId + "/resolution",
                Map.of("resolution", "劳动监察大队督促企业补发", "recoveredWagesFen", 1040000));
        assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
        assertThat(resolved.json().path("status").asText()).isEqualTo("RESOLVED");
        assertThat(staff.post("/api/placement/escalations/" + caseId + "/resolution",
                Map.of("resolution", "x", "recoveredWagesFen", 0)).status()).isEqualTo(403);

        // the case was confirmed opened: nothing left for the sweep
        assertThat(mongo.findById(id, Placement.class).getCasesToOpen()).isEmpty();

        // unpaid wages without saying so is refused, naming the field
        Http.Response inconsistent = staff.post("/api/placement/placements/" + id + "/follow-ups/2",
                Map.of("contactedOn", "2026-08-02", "reached", true, "unpaidWagesFen", 100));
        assertThat(inconsistent.status()).isEqualTo(400);
    }
}
