package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A spot-check finding of a false claim: a recovery order, and the base's next payment held until it is settled. */
@SunshineServiceTest
class RecoveryTest extends ServiceTestSupport {

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingProperties messaging;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void healthyBureau() {
        FinanceBureauStub.healthy();
    }

    @Test
    void aFindingOrdersRecoveryOfWhatWasPaidAndHoldsTheBasesNextPaymentUntilSettled() {
        Story story = new Story(http(), rabbit, messaging.getExchange(), mongo).setUp("REDUCED_FEE", 2_000_000);
        story.enrollAndIssue(Story.tiers343(20));
        story.redeemAll();
        story.completeAll();

        // The first class's claim (the first ten trainees) is paid to the base.
        String firstClaim = Story.ok(story.claim(story.enrollmentIds.subList(0, 10))).json().path("claimId").asText();
        story.approveThroughTheChain(firstClaim);
        Story.ok(http().as(story.finance).post("/api/subsidy/payment-runs", null));
        assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + firstClaim)).json()
                .path("status").asText()).isEqualTo("PAID");

        // A phone spot check finds that the third trainee never attended (虚报冒领).
        String liar = story.enrollmentIds.get(2);
        String findingId = "finding-" + story.baseId;
        SpotCheckFinding finding = new SpotCheckFinding(findingId, "spot-" + story.baseId, "pl-" + liar, liar,
                story.baseId, story.county, story.year, "NOT_TRAINED", "本人称未参加培训",
                Instant.parse(story.year + "-10-10T02:00:00Z"), "officer-wang");
        String eventId = TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED, finding,
                findingId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() ->
                http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json().size() == 1);
        JsonNode order = http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json().get(0);
        assertThat(order.path("status").asText()).isEqualTo("OPEN");
        assertThat(order.path("amountFen").asLong()).isEqualTo(10_000L); // the third trainee's tier: 100 yuan
        assertThat(order.path("items").get(0).path("enrollmentId").asText()).isEqualTo(liar);
        assertThat(order.path("findingId").asText()).isEqualTo(findingId);
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("subsidy.recovery.ordered.v1").stream()
                .anyMatch(t -> t.body().contains(findingId)));

        // The same finding delivered again orders nothing more.
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED, finding, findingId,
                story.county, eventId);

        // The base's next claim goes through the chain, but its payment is held.
        String nextClaim = Story.ok(story.claim(story.enrollmentIds.subList(10, 20))).json().path("claimId").asText();
        story.approveThroughTheChain(nextClaim);
        JsonNode run = Story.ok(http().as(story.finance).post("/api/subsidy/payment-runs", null)).json();
        assertThat(run.path("held").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode held = http().as(story.finance).get("/api/subsidy/claims/" + nextClaim + "/payment-instructions").json().get(0);
        assertThat(held.path("status").asText()).isEqualTo("PENDING");
        assertThat(held.path("heldBecause").asText()).contains(order.path("recoveryId").asText());
        assertThat(http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()).hasSize(1);

        // Settled: the held payment goes out.
        Story.ok(http().as(story.finance).post("/api/subsidy/recoveries/" + order.path("recoveryId").asText()
                + "/settlement", Map.of("reference", "退回-" + story.year + "-001")));
        Story.ok(http().as(story.finance).post("/api/subsidy/payment-runs", null));
        JsonNode paid = http().as(story.finance).get("/api/subsidy/claims/" + nextClaim + "/payment-instructions").json().get(0);
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("amountFen").asLong()).isEqualTo(200_000L);
    }

    @Test
    void aRevokedBasesApprovedClaimIsHeldNotPaid() {
        Story story = new Story(http(), rabbit, messaging.getExchange(), mongo).setUp("REDUCED_FEE", 1_000_000);
        story.enrollAndIssue(Story.tiers343(10));
        story.redeemAll();
        story.completeAll();
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        story.approveThroughTheChain(claimId);

        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED,
                cn.sunshine.platform.test.Seeds.baseRevoked(story.baseId, story.county), story.baseId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> http().as(story.officer)
                .get("/api/subsidy/bases/" + story.baseId).json().path("paymentsHeld").asBoolean());

        Story.ok(http().as(story.finance).post("/api/subsidy/payment-runs", null));
        JsonNode held = http().as(story.finance).get("/api/subsidy/claims/" + claimId + "/payment-instructions").json().get(0);
        assertThat(held.path("status").asText()).isEqualTo("PENDING");
        assertThat(held.path("heldBecause").asText()).startsWith("base revoked");
        assertThat(FinanceBureauStub.server().getAllServeEvents()).as("nothing was sent to the bureau").isEmpty();
    }

    @Test
    void anOfficerOrdersRecoveryOnlyOfWhatWasPaid() {
        Story story = new Story(http(), rabbit, messaging.getExchange(), mongo).setUp("REDUCED_FEE", 0);
        story.enrollAndIssue(Story.tiers343(10));
        var r = http().as(story.officer).post("/api/subsidy/recoveries", Map.of("baseId", story.baseId,
                "enrollmentIds", story.enrollmentIds.subList(0, 1), "reason", "duplicate found in 安陆市"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:nothing-to-recover");
    }
}
