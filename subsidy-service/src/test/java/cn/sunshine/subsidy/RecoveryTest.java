package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.InspectionFindingRecorded;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.subsidy.recovery.Recoveries;
import io.micrometer.core.instrument.Counter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A spot-check finding of a false claim: a recovery order, and the base's next payment held until it is settled. */
@SunshineServiceTest
class RecoveryTest extends SubsidyServiceTest {

    @Autowired
    Recoveries recoveries;

    private static final JsonMapper JSON = JsonMapper.builder().build();


    @Test
    void aFindingOrdersRecoveryOfWhatWasPaidAndHoldsTheBasesNextPaymentUntilSettled() {
        Story story = claimableStory(20, 2_000_000);

        // The first class's claim (the first ten trainees) is paid to the base.
        String firstClaim = story.approvedClaim(story.enrollmentIds.subList(0, 10));
        story.runPayments();
        assertThat(story.claimStatus(firstClaim)).isEqualTo("PAID");

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
        String nextClaim = story.approvedClaim(story.enrollmentIds.subList(10, 20));
        JsonNode run = story.runPayments().json();
        assertThat(run.path("held").asInt()).isGreaterThanOrEqualTo(1);
        JsonNode held = http().as(story.finance).get("/api/subsidy/claims/" + nextClaim + "/payment-instructions").json().get(0);
        assertThat(held.path("status").asText()).isEqualTo("PENDING");
        assertThat(held.path("heldBecause").asText()).contains(order.path("recoveryId").asText());
        assertThat(http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()).hasSize(1);

        // One finance officer records the repayment: still held until a second one confirms it.
        String recovery = "/api/subsidy/recoveries/" + order.path("recoveryId").asText();
        Map<String, Object> receipt = Map.of("reference", "退回-" + story.year + "-001", "amountFen", 10_000);
        assertThat(Story.ok(http().as(story.finance).post(recovery + "/settlement", receipt)).json().path("status")
                .asText()).isEqualTo("SETTLEMENT_RECORDED");
        story.runPayments();
        assertThat(http().as(story.finance).get("/api/subsidy/claims/" + nextClaim + "/payment-instructions").json().get(0)
                .path("status").asText()).isEqualTo("PENDING");

        // Confirmed by the second person: the held payment goes out.
        assertThat(Story.ok(http().as(story.financeChecker).post(recovery + "/settlement/confirmation", receipt)).json()
                .path("status").asText()).isEqualTo("SETTLED");
        story.runPayments();
        JsonNode paid = http().as(story.finance).get("/api/subsidy/claims/" + nextClaim + "/payment-instructions").json().get(0);
        assertThat(paid.path("status").asText()).isEqualTo("PAID");
        assertThat(paid.path("amountFen").asLong()).isEqualTo(200_000L);
    }

    /**
     * An inspection visit (督查) finds fees charged against the rules for two trainees of a paid claim: a recovery
     * order of everything paid for them, once however often the finding comes; a money finding that names no
     * trainee orders nothing (the officer orders it by hand).
     */
    @Test
    void anInspectionFindingThatInvolvesMoneyOrdersRecoveryOfWhatWasPaidForTheTraineesNamed() {
        Story story = claimableStory(10, 2_000_000);
        String claim = story.approvedClaim(story.enrollmentIds);
        story.runPayments();

        List<String> charged = story.enrollmentIds.subList(0, 2);
        String findingId = "insp-" + story.baseId;
        InspectionFindingRecorded finding = new InspectionFindingRecorded(findingId, "visit-" + story.baseId,
                story.baseId, story.county, story.year, "SUPERVISION", "FEES", "向学员收取资料费每人120元",
                java.time.LocalDate.parse(story.year + "-10-23"), true, 24_000L, charged,
                Instant.parse(story.year + "-10-09T02:00:00Z"), "officer-li");
        InspectionFindingRecorded unnamed = new InspectionFindingRecorded("insp-unnamed-" + story.baseId,
                "visit-" + story.baseId, story.baseId, story.county, story.year, "SUPERVISION", "SUBSIDY",
                "补助未足额兑现", null, true, null, List.of(), Instant.parse(story.year + "-10-09T02:00:00Z"), "officer-li");
        Counter consumed = meters.counter("sunshine.events.consumed", "type", EventTypes.INSPECTION_FINDING_RECORDED.name());
        double before = consumed.count();
        String eventId = TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.INSPECTION_FINDING_RECORDED,
                finding, findingId, story.county);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.INSPECTION_FINDING_RECORDED, unnamed,
                unnamed.findingId(), story.county);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.INSPECTION_FINDING_RECORDED, finding, findingId,
                story.county, eventId);
        await().atMost(Duration.ofSeconds(15)).until(() -> consumed.count() >= before + 3);
        JsonNode orders = http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json();
        assertThat(orders).as("one order, of the finding naming its trainees").hasSize(1);
        JsonNode order = orders.get(0);
        assertThat(order.path("recoveryId").asText()).isEqualTo("inspection-" + findingId);
        assertThat(order.path("findingId").asText()).isEqualTo(findingId);
        assertThat(order.path("reason").asText()).contains("向学员收取资料费");
        assertThat(order.path("items").findValuesAsString("enrollmentId")).containsExactlyInAnyOrderElementsOf(charged);
        assertThat(order.path("amountFen").asLong()).as("both trainees' tiers, 100 and 100 yuan").isEqualTo(20_000L);
    }

    /**
     * A county pays 70 % at completion and the rest for trainees placed. A false placement (the trainee is not
     * employed as the base reported) recovers exactly the placement part paid for the trainee, once however often
     * the finding comes; a trainee who was not trained at all still costs the base both parts; a false placement
     * whose placement part was never paid orders nothing.
     */
    @Test
    void aFalsePlacementRecoversExactlyThePlacementPartPaidForTheTrainee() {
        Story story = newStory().setUp("REDUCED_FEE", 1_000_000);
        int shareBp = 7000;
        story.splitAt(shareBp);
        List<JsonNode> vouchers = story.issueRedeemAndComplete(10);
        Map<String, Long> amountOf = new HashMap<>();
        vouchers.forEach(v -> amountOf.put(v.path("enrollmentId").asText(), v.path("amountFen").asLong()));
        String completionClaim = story.approvedClaim(story.enrollmentIds);
        // Nine are reported placed; the placement part is claimed for the first eight.
        story.placed(story.enrollmentIds.subList(0, 9));
        String placementClaim = story.approvedPlacementClaim(story.enrollmentIds.subList(0, 8));
        story.runPayments();
        for (String claim : List.of(completionClaim, placementClaim)) {
            assertThat(story.claimStatus(claim)).as(claim).isEqualTo("PAID");
        }

        // subsidy.claim.approved.v1 says which part each claim pays.
        await().atMost(Duration.ofSeconds(10)).until(() -> approvedEvent(placementClaim) != null
                && approvedEvent(completionClaim) != null);
        assertThat(approvedEvent(completionClaim).path("part").asText()).isEqualTo("COMPLETION");
        assertThat(approvedEvent(placementClaim).path("part").asText()).isEqualTo("PLACEMENT");

        // A spot check finds that the eighth trainee (300 yuan) is not employed as the base reported.
        String falselyPlaced = story.enrollmentIds.get(7);
        long amount = amountOf.get(falselyPlaced);
        long placementPart = amount - amount * shareBp / 10_000;
        assertThat(placementPart).isEqualTo(9_000L);
        SpotCheckFinding falsePlacement = finding(story, falselyPlaced, "NOT_EMPLOYED_AS_REPORTED", "本人称从未到该企业上班");
        publishAndAwaitHandled(falsePlacement);
        JsonNode order = Story.ok(http().as(story.officer).get("/api/subsidy/recoveries/finding-"
                + falsePlacement.findingId())).json();
        assertThat(order.path("status").asText()).isEqualTo("OPEN");
        assertThat(order.path("amountFen").asLong()).as("the placement part only: the training did happen")
                .isEqualTo(placementPart);
        assertThat(order.path("items")).hasSize(1);
        JsonNode item = order.path("items").get(0);
        assertThat(item.path("enrollmentId").asText()).isEqualTo(falselyPlaced);
        assertThat(item.path("claimId").asText()).isEqualTo(placementClaim);
        assertThat(item.path("part").asText()).isEqualTo("PLACEMENT");
        assertThat(item.path("voucherSerial").asText()).isEqualTo(story.serialOf.get(falselyPlaced));
        assertThat(item.path("amountFen").asLong()).isEqualTo(placementPart);
        assertThat(order.path("reason").asText()).startsWith("NOT_EMPLOYED_AS_REPORTED");
        assertThat(recoveries.holdOf(story.baseId, null)).as("the base's payments are held")
                .hasValueSatisfying(why -> assertThat(why).contains("finding-" + falsePlacement.findingId()));
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("subsidy.recovery.ordered.v1").stream()
                .anyMatch(t -> t.body().contains(falsePlacement.findingId())));

        // The same finding again (a redelivery, a new event id) orders nothing more.
        publishAndAwaitHandled(falsePlacement);
        assertThat(http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()).hasSize(1);
        assertThat(tap.ofType("subsidy.recovery.ordered.v1").stream()
                .filter(t -> t.body().contains(falsePlacement.findingId()))).hasSize(1);

        // Not trained at all (the fourth trainee, 200 yuan): both parts are recovered, each line saying its part.
        String neverTrained = story.enrollmentIds.get(3);
        long both = amountOf.get(neverTrained);
        SpotCheckFinding notTrained = finding(story, neverTrained, "NOT_TRAINED", "本人称未参加培训");
        publishAndAwaitHandled(notTrained);
        JsonNode whole = Story.ok(http().as(story.officer).get("/api/subsidy/recoveries/finding-"
                + notTrained.findingId())).json();
        assertThat(whole.path("amountFen").asLong()).isEqualTo(both);
        Map<String, Long> byPart = new HashMap<>();
        whole.path("items").forEach(i -> byPart.put(i.path("part").asText(), i.path("amountFen").asLong()));
        assertThat(byPart).containsOnly(Map.entry("COMPLETION", both * shareBp / 10_000),
                Map.entry("PLACEMENT", both - both * shareBp / 10_000));

        // Placed, completion part paid, placement part never claimed: a false placement has nothing to recover.
        SpotCheckFinding unpaid = finding(story, story.enrollmentIds.get(8), "NOT_EMPLOYED_AS_REPORTED", null);
        publishAndAwaitHandled(unpaid);
        assertThat(http().as(story.officer).get("/api/subsidy/recoveries/finding-" + unpaid.findingId()).status())
                .isEqualTo(404);
        assertThat(http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()).hasSize(2);
    }

    private static JsonNode approvedEvent(String claimId) {
        return tap.ofType("subsidy.claim.approved.v1").stream().map(t -> JSON.readTree(t.body()))
                .filter(b -> b.path("claimId").asText().equals(claimId)).findFirst().orElse(null);
    }

    @Test
    void aRevokedBasesApprovedClaimIsHeldNotPaid() {
        Story story = claimableStory(10, 1_000_000);
        String claimId = story.approvedClaim(story.enrollmentIds);

        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED,
                cn.sunshine.platform.test.Seeds.baseRevoked(story.baseId, story.county), story.baseId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> http().as(story.officer)
                .get("/api/subsidy/bases/" + story.baseId).json().path("paymentsHeld").asBoolean());

        story.runPayments();
        JsonNode held = http().as(story.finance).get("/api/subsidy/claims/" + claimId + "/payment-instructions").json().get(0);
        assertThat(held.path("status").asText()).isEqualTo("PENDING");
        assertThat(held.path("heldBecause").asText()).startsWith("base revoked");
        // Other stories share this service: of this claim's instruction, nothing reached the bureau.
        assertThat(FinanceBureauStub.server().getAllServeEvents()).as("nothing of this claim was sent to the bureau")
                .noneMatch(e -> e.getRequest().getBodyAsString().contains(held.path("instructionId").asText()));
    }

    @Test
    void anOfficerOrdersRecoveryOnlyOfWhatWasPaid() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        story.enrollAndIssue(Story.tiers343(10));
        var r = http().as(story.officer).post("/api/subsidy/recoveries", Map.of("baseId", story.baseId,
                "enrollmentIds", story.enrollmentIds.subList(0, 1), "reason", "duplicate found in 安陆市"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:nothing-to-recover");
    }
}
