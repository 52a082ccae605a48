package cn.sunshine.accreditation;

import cn.sunshine.accreditation.reaccreditation.PerformanceContracts;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The annual review (再认定): a base that trained no one is revoked and the revocation is published; a weak one is renewed with conditions. */
@SunshineServiceTest
class AnnualReviewTest extends ServiceTestSupport {

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    MessagingProperties messaging;

    private static Map<String, Object> facts(int enrolled, int completed, int placed, List<String> findings) {
        return Map.of("enrolled", enrolled, "completed", completed, "placed", placed, "committedPlacementRateBp", 9000,
                "spotChecksCalled", 13, "spotChecksConfirmed", 13, "findings", findings);
    }

    @Test
    void aBaseThatTrainedNoOneIsRevokedAtOnceAndTheRevocationIsPublished() {
        String baseId = Fixtures.registerBase(http(), "县再就业培训中心", Fixtures.creditCode(), Map.of("COOKING", 200));
        clock.set(Instant.parse("2026-12-20T06:30:00Z"));
        Http.Response opened = http().as(Fixtures.OFFICER).post("/api/accreditation/bases/" + baseId + "/annual-reviews",
                Map.of("year", 2026, "facts", Map.of("enrolled", 0, "completed", 0, "placed", 0, "committedPlacementRateBp", 9000,
                        "spotChecksCalled", 0, "spotChecksConfirmed", 0)));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String reviewId = opened.json().path("id").asText();
        String decision = "/api/accreditation/annual-reviews/" + reviewId + "/decision";

        Http.Response renew = http().as(Fixtures.OFFICER).post(decision, Map.of("outcome", "RENEW", "reasons", "继续认定"));
        assertThat(renew.status()).isEqualTo(422);
        assertThat(renew.json().path("type").asText()).isEqualTo("urn:sunshine:problem:review-rule");
        assertThat(renew.json().path("errors").path(0).path("field").asText()).isEqualTo("outcome");
        assertThat(http().as(Fixtures.OFFICER).get("/api/accreditation/bases/" + baseId).json().path("status").asText())
                .as("a refused decision changes nothing").isEqualTo("ACCREDITED");

        Http.Response revoked = http().as(Fixtures.OFFICER).header("If-Match", opened.header("ETag"))
                .post(decision, Map.of("outcome", "REVOKE", "reasons", "全年未开班"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("status").asText()).isEqualTo("REVOKED");
        assertThat(revoked.json().path("decision").path("by").asText()).isEqualTo("county-officer-420981");

        JsonNode base = http().as(Fixtures.OFFICER).get("/api/accreditation/bases/" + baseId).json();
        assertThat(base.path("status").asText()).isEqualTo("REVOKED");
        assertThat(base.path("revocation").path("reason").asText()).isEqualTo("年度再认定：全年未开班");
        assertThat(http().get("/api/public/accreditation/bases/" + baseId).status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.BASE_REVOKED.name()).stream()
                .anyMatch(t -> t.body().contains(baseId)));
        EventTap.Tapped event = tap.ofType(EventTypes.BASE_REVOKED.name()).stream().filter(t -> t.body().contains(baseId))
                .findFirst().orElseThrow();
        assertThat(event.body()).contains("\"reason\":\"年度再认定：全年未开班\"", "\"revokedAt\":\"2026-12-20T06:30:00Z\"");
        assertThat(event.headers().get("cloudEvents_division").toString()).isEqualTo(Seeds.YINGCHENG);

        Http.Response twice = http().as(Fixtures.OFFICER).post(decision, Map.of("outcome", "REVOKE", "reasons", "again"));
        assertThat(twice.status()).isEqualTo(409);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() ->
                tap.ofType(EventTypes.BASE_REVOKED.name()).stream().filter(t -> t.body().contains(baseId)).count() == 1);
    }

    @Test
    void aBaseBelowItsCommitmentIsRenewedOnlyWithConditions() {
        String baseId = Fixtures.registerBase(http(), "应城市职业教育中心", Fixtures.creditCode(), Map.of("WELDING", 300));

        // What enrollment would report: two enrollments, one delivered twice, counted once.
        String twice = UUID.randomUUID().toString();
        PerformanceContracts.TraineeEnrolled first = new PerformanceContracts.TraineeEnrolled("e-1", baseId, Seeds.YINGCHENG,
                "WELDING", Instant.parse("2026-07-10T01:00:00Z"));
        TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_ENROLLED, first, "e-1", Seeds.YINGCHENG, twice);
        TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_ENROLLED, first, "e-1", Seeds.YINGCHENG, twice);
        TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_ENROLLED,
                new PerformanceContracts.TraineeEnrolled("e-2", baseId, Seeds.YINGCHENG, "WELDING",
                        Instant.parse("2026-07-10T02:00:00Z")), "e-2", Seeds.YINGCHENG);
        TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_PLACED,
                new PerformanceContracts.TraineePlaced("p-1", "e-1", baseId, Seeds.YINGCHENG,
                        Instant.parse("2026-09-01T02:00:00Z")), "p-1", Seeds.YINGCHENG);
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("placed").asInt() == 1
                && http().as(Fixtures.OFFICER).get(performance).json().path("enrolled").asInt() == 2);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("enrolled").asInt() == 2);

        clock.set(Instant.parse("2027-06-20T02:00:00Z"));
        Http.Response opened = http().as(Fixtures.OFFICER).post("/api/accreditation/bases/" + baseId + "/annual-reviews",
                Map.of("year", 2026, "facts", facts(312, 298, 259, List.of())));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        assertThat(opened.json().path("facts").path("placementRateBp").asInt()).isEqualTo(8691);
        assertThat(opened.json().path("facts").path("meetsCommitment").asBoolean()).isFalse();
        assertThat(opened.json().path("recordedByOtherServices").path("enrolled").asInt()).isEqualTo(2);
        String decision = "/api/accreditation/annual-reviews/" + opened.json().path("id").asText() + "/decision";
        String reviewId = opened.json().path("id").asText();

        assertThat(http().as(Fixtures.OFFICER).post(decision, Map.of("outcome", "RENEW", "reasons", "继续认定")).status())
                .isEqualTo(422);
        Http.Response noConditions = http().as(Fixtures.OFFICER).post(decision,
                Map.of("outcome", "RENEW_WITH_CONDITIONS", "reasons", "就业率偏低"));
        Fixtures.assertRefused(noConditions, 400, "conditions");

        Http.Response renewed = http().as(Fixtures.OFFICER).post(decision, Map.of("outcome", "RENEW_WITH_CONDITIONS",
                "reasons", "全年培训312人，结业298人，就业259人（86.9%），低于承诺的90%",
                "conditions", List.of("就业率须达到承诺的90%", "每月报送跟踪服务记录")));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        JsonNode base = http().as(Fixtures.OFFICER).get("/api/accreditation/bases/" + baseId).json();
        assertThat(base.path("validFrom").asText()).isEqualTo("2027-07-01");
        assertThat(base.path("validUntil").asText()).isEqualTo("2028-06-30");
        assertThat(base.path("conditions")).hasSize(2);
        assertThat(base.path("terms")).as("the earlier term is kept").hasSize(2);
        assertThat(http().get("/api/public/accreditation/bases/" + baseId).json().path("conditions").path(0).asText())
                .isEqualTo("就业率须达到承诺的90%");

        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.BASE_RENEWED.name()).stream()
                .anyMatch(t -> t.body().contains(baseId)));
        GoldenSamples.assertMatches(EventTypes.BASE_RENEWED, tap.ofType(EventTypes.BASE_RENEWED.name()).stream()
                .filter(t -> t.body().contains(baseId)).findFirst().orElseThrow().body()
                .replace(baseId, "01JBASE0000000000000000001").replace(reviewId, "01JREVIEW00000000000000001"));
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.BASE_ACCREDITED.name()).stream()
                .anyMatch(t -> t.body().contains(baseId) && t.body().contains("\"validUntil\":\"2028-06-30\"")));
    }

    /**
     * Hole 6: a placement a spot check disproved ({@code placement.placement.disproved.v1}) leaves the
     * base's performance facts — placed and the placement rate against the commitment — once however
     * often it is delivered; a disproval that arrives before its placement keeps it from being counted.
     */
    @Test
    void hole6_disprovedPlacementLeavesTheAnnualReviewFacts() {
        String baseId = Fixtures.registerBase(http(), "应城市阳光职业培训学校", Fixtures.creditCode(), Map.of("WELDING", 300));
        for (String e : List.of("e-1", "e-2")) {
            TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_ENROLLED,
                    new PerformanceContracts.TraineeEnrolled(e, baseId, Seeds.YINGCHENG, "WELDING",
                            Instant.parse("2026-07-10T01:00:00Z")), e, Seeds.YINGCHENG);
            TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_COMPLETED,
                    new PerformanceContracts.TraineeCompleted(e, baseId, Seeds.YINGCHENG, "WELDING",
                            Instant.parse("2026-08-20T01:00:00Z")), e, Seeds.YINGCHENG);
            TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_PLACED,
                    new PerformanceContracts.TraineePlaced(e + "-1", e, baseId, Seeds.YINGCHENG,
                            Instant.parse("2026-09-01T02:00:00Z")), e + "-1", Seeds.YINGCHENG);
        }
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("placed").asInt() == 2
                && http().as(Fixtures.OFFICER).get(performance).json().path("completed").asInt() == 2);
        assertThat(http().as(Fixtures.OFFICER).get(performance).json().path("placementRateBp").asInt()).isEqualTo(10000);

        // the spot check's finding disproved e-1's placement: delivered twice, and once more under another id
        cn.sunshine.platform.events.placement.PlacementDisproved disproval = new cn.sunshine.platform.events.placement.PlacementDisproved(
                "e-1-1", "e-1", baseId, Seeds.YINGCHENG, 2026, "s-1-e-1-1-NOT_EMPLOYED_AS_REPORTED",
                "NOT_EMPLOYED_AS_REPORTED", Instant.parse("2026-09-01T02:00:00Z"), Instant.parse("2026-10-15T03:00:00Z"),
                "county-officer-" + Seeds.YINGCHENG);
        String eventId = UUID.randomUUID().toString();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.PLACEMENT_DISPROVED, disproval, "e-1-1", Seeds.YINGCHENG, eventId);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.PLACEMENT_DISPROVED, disproval, "e-1-1", Seeds.YINGCHENG, eventId);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.PLACEMENT_DISPROVED, disproval, "e-1-1", Seeds.YINGCHENG);
        // e-3's placement is disproved before its placed event arrives: it is never counted
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.PLACEMENT_DISPROVED,
                new cn.sunshine.platform.events.placement.PlacementDisproved("e-3-1", "e-3", baseId, Seeds.YINGCHENG, 2026,
                        "s-1-e-3-1-NOT_EMPLOYED_AS_REPORTED", "NOT_EMPLOYED_AS_REPORTED",
                        Instant.parse("2026-09-02T02:00:00Z"), Instant.parse("2026-10-15T03:10:00Z"),
                        "county-officer-" + Seeds.YINGCHENG), "e-3-1", Seeds.YINGCHENG);
        TestEvents.publish(rabbit, messaging.getExchange(), PerformanceContracts.TRAINEE_PLACED,
                new PerformanceContracts.TraineePlaced("e-3-1", "e-3", baseId, Seeds.YINGCHENG,
                        Instant.parse("2026-09-02T02:00:00Z")), "e-3-1", Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("disproved").asInt() == 2);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("placed").asInt() == 1);
        JsonNode facts = http().as(Fixtures.OFFICER).get(performance).json();
        assertThat(facts.path("placed").asInt()).isEqualTo(1);
        assertThat(facts.path("placementRateBp").asInt()).isEqualTo(5000);

        // the review opened on them records the placed count and rate without the disproved placement
        clock.set(Instant.parse("2027-06-20T02:00:00Z"));
        Http.Response opened = http().as(Fixtures.OFFICER).post("/api/accreditation/bases/" + baseId + "/annual-reviews",
                Map.of("year", 2026, "facts", facts(2, 2, 1, List.of("NOT_EMPLOYED_AS_REPORTED"))));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode recorded = opened.json().path("recordedByOtherServices");
        assertThat(recorded.path("placed").asInt()).isEqualTo(1);
        assertThat(recorded.path("disproved").asInt()).isEqualTo(2);
        assertThat(recorded.path("placementRateBp").asInt()).isEqualTo(5000);
        assertThat(recorded.path("meetsCommitment").asBoolean()).as("5000 bp against the committed 9000").isFalse();
        assertThat(opened.json().path("facts").path("meetsCommitment").asBoolean()).isFalse();
    }

    /**
     * Trainees' confirmations (学员确认) feed the annual review: asked, confirmed, denied and the confirmation rate
     * (confirmed / asked), each event counted once however often it is delivered.
     */
    @Test
    void theTraineesConfirmationRateIsAFactOfTheAnnualReview() {
        String baseId = Fixtures.registerBase(http(), "应城市学员确认职业培训学校", Fixtures.creditCode(), Map.of("WELDING", 300));
        for (String e : List.of("c-1", "c-2", "c-3", "c-4")) {
            TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.CONFIRMATION_REQUESTED,
                    new cn.sunshine.platform.events.enrollment.ConfirmationRequested(e, "class-1", baseId,
                            Seeds.YINGCHENG, 2026, Instant.parse("2026-08-16T02:00:00Z"), "officer-wang"), e, Seeds.YINGCHENG);
        }
        String denial = UUID.randomUUID().toString();
        for (String e : List.of("c-1", "c-2", "c-3")) {
            List<String> denied = e.equals("c-3") ? List.of("ATTENDED") : List.of();
            TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_CONFIRMED,
                    new cn.sunshine.platform.events.enrollment.TraineeConfirmed(e, "class-1", baseId, Seeds.YINGCHENG,
                            2026, denied.isEmpty() ? "CONFIRMED" : "DENIED", denied.isEmpty(), true, "NOT_APPLICABLE",
                            false, denied, Instant.parse("2026-08-17T02:00:00Z")), e, Seeds.YINGCHENG,
                    e.equals("c-3") ? denial : UUID.randomUUID().toString());
        }
        // the denial delivered twice counts once
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_CONFIRMED,
                new cn.sunshine.platform.events.enrollment.TraineeConfirmed("c-3", "class-1", baseId, Seeds.YINGCHENG,
                        2026, "DENIED", false, true, "NOT_APPLICABLE", false, List.of("ATTENDED"),
                        Instant.parse("2026-08-17T02:00:00Z")), "c-3", Seeds.YINGCHENG, denial);
        String performance = "/api/accreditation/bases/" + baseId + "/performance?year=2026";
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode p = http().as(Fixtures.OFFICER).get(performance).json();
            return p.path("confirmationsAsked").asInt() == 4 && p.path("confirmationsConfirmed").asInt() == 2
                    && p.path("confirmationsDenied").asInt() == 1;
        });
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
                .until(() -> http().as(Fixtures.OFFICER).get(performance).json().path("confirmationsDenied").asInt() == 1);
        assertThat(http().as(Fixtures.OFFICER).get(performance).json().path("confirmationRateBp").asInt()).isEqualTo(5000);

        clock.set(Instant.parse("2027-06-20T02:00:00Z"));
        Http.Response opened = http().as(Fixtures.OFFICER).post("/api/accreditation/bases/" + baseId + "/annual-reviews",
                Map.of("year", 2026, "facts", facts(4, 4, 0, List.of())));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        JsonNode recorded = opened.json().path("recordedByOtherServices");
        assertThat(recorded.path("confirmationsAsked").asInt()).isEqualTo(4);
        assertThat(recorded.path("confirmationsDenied").asInt()).isEqualTo(1);
        assertThat(recorded.path("confirmationRateBp").asInt()).isEqualTo(5000);
    }
}
