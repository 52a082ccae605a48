package cn.sunshine.placement;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Placements of completers only, one current placement per trainee, re-placement, and the rate against the commitment. */
@SunshineServiceTest
class PlacementTest extends PlacementTestSupport {

    private static final LocalDate START = LocalDate.of(2026, 7, 1);

    @Test
    void aCompleterIsPlacedOnceAndThePlacementIsPublished() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));

        Http.Response placed = staff.post("/api/placement/placements", placeBody(enrollmentId, START));
        assertThat(placed.status()).as(placed.body()).isEqualTo(201);
        JsonNode p = placed.json();
        assertThat(p.path("status").asText()).isEqualTo("CURRENT");
        assertThat(p.path("traineeName").asText()).isEqualTo("学员0");
        assertThat(p.path("followUps")).hasSize(6);
        assertThat(p.path("followUps").get(0).path("dueOn").asText()).isEqualTo("2026-08-01");
        assertThat(p.path("followUps").get(5).path("dueOn").asText()).isEqualTo("2027-01-01");

        String placementId = p.path("id").asText();
        var events = published(EventTypes.TRAINEE_PLACED, e -> e.path("placementId").asText().equals(placementId), 1);
        assertThat(events).hasSize(1);
        assertGoldenShape(EventTypes.TRAINEE_PLACED, events.get(0).body());
        JsonNode e = JSON.readTree(events.get(0).body());
        assertThat(e.path("enrollmentId").asText()).isEqualTo(enrollmentId);
        assertThat(e.path("baseId").asText()).isEqualTo(baseId);
        assertThat(e.path("monthlyWageFen").asLong()).isEqualTo(520000);
        assertThat(String.valueOf(events.get(0).headers().get(cn.sunshine.platform.events.CloudEventHeaders.DIVISION))).isEqualTo(Seeds.YINGCHENG);

        // a second current placement is refused; the first stands
        Http.Response again = staff.post("/api/placement/placements", placeBody(enrollmentId, START.plusDays(3)));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).endsWith("already-placed");

        // the same report sent again (a retry whose answer was lost, without its key) is the same act:
        // it answers the placement and publishes nothing more
        Http.Response retried = staff.post("/api/placement/placements", placeBody(enrollmentId, START));
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().path("id").asText()).isEqualTo(placementId);
        assertThat(retried.json().path("version").asLong()).isEqualTo(p.path("version").asLong());
        assertThat(staff.get("/api/placement/placements?enrollmentId=" + enrollmentId).json().path("total").asInt())
                .isEqualTo(1);
        // listed by its class too (and by no other class)
        JsonNode byClass = staff.get("/api/placement/placements?classId=" + p.path("classId").asText()).json();
        assertThat(byClass.path("items").findValuesAsString("id")).contains(placementId);
        assertThat(staff.get("/api/placement/placements?classId=no-such-class").json().path("total").asInt()).isZero();

        // another base's staff and another county's officer do not see it
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "other-base")).get("/api/placement/placements/" + placementId)
                .status()).isEqualTo(404);
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/placement/placements/" + placementId)
                .status()).isEqualTo(404);
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG)).get("/api/placement/placements/" + placementId)
                .status()).isEqualTo(200);
    }

    @Test
    void aBaseReportsAClassesPlacementsInOneBatchAllOrNothingAndRepeatably() {
        String baseId = UUID.randomUUID().toString();
        String classId = "class-" + baseId;
        List<String> completers = complete(3, classId, baseId, Seeds.YINGCHENG, 2026);
        String outsider = complete(1, "class-other-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        String path = "/api/placement/classes/" + classId + "/placements";
        List<Map<String, Object>> entries = completers.stream().map(e -> placeBody(e, START)).toList();

        // A trainee of another class (row 2) and a start too far ahead (row 3): 422 naming both, nothing placed.
        Map<String, Object> tooFar = new HashMap<>(placeBody(completers.get(2), START.plusYears(2)));
        Http.Response rejected = staff.post(path, Map.of("placements", List.of(entries.get(0), placeBody(outsider, START), tooFar)));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(422);
        assertThat(rejected.json().path("type").asText()).endsWith("batch-rejected");
        List<Integer> rows = new java.util.ArrayList<>();
        rejected.json().path("rows").forEach(r -> rows.add(r.path("row").asInt()));
        assertThat(rows).containsExactly(2, 3);
        assertThat(staff.get("/api/placement/placements?baseId=" + baseId).json().path("items")).isEmpty();

        // Another base's staff: not their class (404); an empty batch: 400.
        assertThat(http().as(TestTokens.baseStaff(Seeds.YINGCHENG, "other-base")).post(path, Map.of("placements", entries))
                .status()).isEqualTo(404);
        assertThat(staff.post(path, Map.of("placements", List.of())).status()).isEqualTo(400);

        Http.Response placed = staff.post(path, Map.of("placements", entries));
        assertThat(placed.status()).as(placed.body()).isEqualTo(200);
        assertThat(placed.json().path("placed").asInt()).isEqualTo(3);
        List<String> ids = new java.util.ArrayList<>();
        placed.json().path("placementIds").forEach(id -> ids.add(id.asText()));
        for (int i = 0; i < 3; i++) {
            // each as the single endpoint writes it, and published like it
            JsonNode p = staff.get("/api/placement/placements/" + ids.get(i)).json();
            assertThat(p.path("enrollmentId").asText()).isEqualTo(completers.get(i));
            assertThat(p.path("status").asText()).isEqualTo("CURRENT");
            assertThat(p.path("followUps")).hasSize(6);
            String id = ids.get(i);
            assertThat(published(EventTypes.TRAINEE_PLACED, e -> e.path("placementId").asText().equals(id), 1)).hasSize(1);
        }
        // Sent again (a lost answer): already done, nothing new; another job for a placed trainee is refused.
        Http.Response again = staff.post(path, Map.of("placements", entries));
        assertThat(again.json().path("placed").asInt()).isZero();
        assertThat(again.json().path("alreadyDone").asInt()).isEqualTo(3);
        Http.Response otherJob = staff.post(path, Map.of("placements", List.of(placeBody(completers.get(0), START.plusDays(5)))));
        assertThat(otherJob.status()).isEqualTo(422);
        assertThat(otherJob.json().path("rows").get(0).path("message").asText()).contains("already has a placement");
    }

    @Test
    void tenConcurrentReportsForOneTraineeMakeExactlyOnePlacement() throws Exception {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            var start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                LocalDate day = START.plusDays(i);
                answers.add(pool.submit(() -> {
                    start.await();
                    return staff.post("/api/placement/placements", placeBody(enrollmentId, day)).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(staff.get("/api/placement/placements?enrollmentId=" + enrollmentId).json().path("total").asInt())
                .isEqualTo(1);
    }

    @Test
    void aTraineeWhoDidNotCompleteIsRefused() {
        String baseId = UUID.randomUUID().toString();
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        Http.Response r = staff.post("/api/placement/placements", placeBody("never-completed-" + baseId, START));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).endsWith("not-a-completer");

        // a completer of another base cannot be reported by this one
        String otherBase = UUID.randomUUID().toString();
        String theirs = complete(1, "class-" + otherBase, otherBase, Seeds.YINGCHENG, 2026).get(0);
        assertThat(staff.post("/api/placement/placements", placeBody(theirs, START)).status()).isEqualTo(422);
        assertThat(mongo.findById(theirs + "-1", cn.sunshine.placement.placement.Placement.class)).isNull();
    }

    @Test
    void badInputIsRefusedNamingTheFieldNever500() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));

        String code = creditCode(7);
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        Map<String, Object> badCode = placeBody(enrollmentId, START, Map.of("employer", Map.of("name", "某公司",
                "creditCode", code.substring(0, 17) + wrong, "address", "武汉市江夏区庙山大道8号", "hrPhone", "027-87654321")));
        Http.Response r = staff.post("/api/placement/placements", badCode);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("employer.creditCode");

        Map<String, Object> badPhone = placeBody(enrollmentId, START, Map.of("employer", Map.of("name", "某公司",
                "creditCode", code, "address", "武汉市江夏区庙山大道8号", "hrPhone", "12345")));
        assertThat(staff.post("/api/placement/placements", badPhone).status()).isEqualTo(400);

        Map<String, Object> badWorkplace = placeBody(enrollmentId, START, Map.of("workplace", "MOON"));
        assertThat(staff.post("/api/placement/placements", badWorkplace).status()).isEqualTo(400);

        assertThat(staff.postRaw("/api/placement/placements", "{\"enrollmentId\":", "application/json").status())
                .isEqualTo(400);
        assertThat(staff.get("/api/placement/rates?year=abc").status()).isEqualTo(400);
        assertThat(mongo.findById(enrollmentId + "-1", cn.sunshine.placement.placement.Placement.class)).isNull();
    }

    @Test
    void aTraineeWhoLeftIsRePlacedAndTheNewPlacementLinksTheOld() {
        String baseId = UUID.randomUUID().toString();
        String enrollmentId = complete(1, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026).get(0);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        String first = staff.post("/api/placement/placements", placeBody(enrollmentId, START)).json().path("id").asText();

        Map<String, Object> replacement = placeBody(enrollmentId, START.plusMonths(1), Map.of("replacesPlacementId", first));
        assertThat(staff.post("/api/placement/placements", replacement).status())
                .as("still working there").isEqualTo(409);

        clock.set(java.time.Instant.parse("2026-08-10T02:00:00Z"));
        Http.Response left = staff.post("/api/placement/placements/" + first + "/departure",
                Map.of("leftOn", "2026-08-05", "reason", "工厂减产，工资过低"));
        assertThat(left.status()).as(left.body()).isEqualTo(200);
        assertThat(left.json().path("status").asText()).isEqualTo("LEFT");
        assertThat(left.json().path("nextDueOn").isNull()).isTrue();

        Http.Response second = staff.post("/api/placement/placements", replacement);
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        assertThat(second.json().path("replacesPlacementId").asText()).isEqualTo(first);
        assertThat(second.json().path("sequence").asInt()).isEqualTo(2);
        // the same re-placement sent again is the same act; another one after it is refused
        Http.Response retried = staff.post("/api/placement/placements", replacement);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().path("id").asText()).isEqualTo(second.json().path("id").asText());
        Map<String, Object> another = new HashMap<>(replacement);
        another.put("job", "另一个岗位");
        Http.Response refused = staff.post("/api/placement/placements", another);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).endsWith("already-replaced");

        // published as a re-placement, naming the old one; "placed" stays once per trainee
        String secondId = second.json().path("id").asText();
        var replaced = published(EventTypes.TRAINEE_REPLACED, e -> e.path("placementId").asText().equals(secondId), 1);
        assertGoldenShape(EventTypes.TRAINEE_REPLACED, replaced.get(0).body());
        assertThat(JSON.readTree(replaced.get(0).body()).path("replacesPlacementId").asText()).isEqualTo(first);
        assertThat(published(EventTypes.TRAINEE_PLACED, e -> e.path("enrollmentId").asText().equals(enrollmentId), 1))
                .hasSize(1);

        JsonNode history = staff.get("/api/placement/placements?enrollmentId=" + enrollmentId).json();
        assertThat(history.path("total").asInt()).isEqualTo(2);
    }

    @Test
    void theRateOfAClassIsPlacedOverCompletedAndAShortfallAgainstNinetyPercentIsFlagged() {
        String baseId = UUID.randomUUID().toString();
        String classId = "class-" + baseId;
        agree(baseId, Seeds.YINGCHENG, 2026, 9000);
        List<String> completers = complete(20, classId, baseId, Seeds.YINGCHENG, 2026);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        for (String id : completers.subList(0, 17)) {
            assertThat(staff.post("/api/placement/placements", placeBody(id, START)).status()).isEqualTo(201);
        }
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        await().atMost(Duration.ofSeconds(10)).until(() ->
                !county.get("/api/placement/rates?year=2026&classId=" + classId).json().path("committedRateBp").isNull());

        JsonNode rate = county.get("/api/placement/rates?year=2026&classId=" + classId).json();
        assertThat(rate.path("completed").asLong()).isEqualTo(20);
        assertThat(rate.path("placed").asLong()).isEqualTo(17);
        assertThat(rate.path("rateBp").asInt()).isEqualTo(8500);
        assertThat(rate.path("committedRateBp").asInt()).isEqualTo(9000);
        assertThat(rate.path("shortfall").asBoolean()).isTrue();
        assertThat(rate.path("shortfallTrainees").asLong()).isEqualTo(1);

        // one more placement meets the commitment exactly
        assertThat(staff.post("/api/placement/placements", placeBody(completers.get(17), START)).status()).isEqualTo(201);
        JsonNode met = staff.get("/api/placement/rates?year=2026&baseId=" + baseId).json();
        assertThat(met.path("rateBp").asInt()).isEqualTo(9000);
        assertThat(met.path("shortfall").asBoolean()).isFalse();
        assertThat(met.path("shortfallTrainees").asLong()).isZero();

        // by completion period: all twenty completed on 20 June
        JsonNode june = county.get("/api/placement/rates?year=2026&classId=" + classId
                + "&completedFrom=2026-06-01&completedTo=2026-06-30").json();
        assertThat(june.path("completed").asLong()).isEqualTo(20);
        assertThat(june.path("placed").asLong()).isEqualTo(18);
        JsonNode july = county.get("/api/placement/rates?year=2026&classId=" + classId
                + "&completedFrom=2026-07-01&completedTo=2026-07-31").json();
        assertThat(july.path("completed").asLong()).isZero();
        assertThat(july.path("rateBp").isNull()).isTrue();
        assertThat(county.get("/api/placement/rates?year=2026&completedFrom=2026-07-01&completedTo=2026-06-01").status())
                .isEqualTo(400);

        // another county's officer counts none of them
        JsonNode foreign = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU))
                .get("/api/placement/rates?year=2026&classId=" + classId).json();
        assertThat(foreign.path("completed").asLong()).isZero();
    }
}
