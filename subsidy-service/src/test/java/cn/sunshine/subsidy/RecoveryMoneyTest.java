package cn.sunshine.subsidy;

import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.subsidy.recovery.Recoveries;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hole 4 of "money that cannot be paid wrongly": a recovery is settled by two people of the finance bureau, a
 * confirmed settlement credits the fund once, a paid line is recovered by one order at most, a placement part
 * paid after the finding that disproved it is recovered, and the public notice nets what was recovered.
 */
@SunshineServiceTest
class RecoveryMoneyTest extends SubsidyServiceTest {

    @Autowired
    Recoveries recoveries;


    @Test
    void hole4_oneFinanceOfficerCannotSettleARecoveryAlone() {
        Story story = paidStory();
        String liar = story.enrollmentIds.get(4); // TIER_2: 200 yuan
        JsonNode order = officersOrder(story, List.of(liar));
        String recovery = "/api/subsidy/recoveries/" + order.path("recoveryId").asText();
        long amount = order.path("amountFen").asLong();
        assertThat(amount).isEqualTo(20_000L);

        // A partial repayment is not recorded: the amount received is the order's amount.
        Http.Response partial = http().as(story.finance).post(recovery + "/settlement",
                Map.of("reference", "缴款书-" + story.year + "-1", "amountFen", amount - 1));
        assertThat(partial.status()).as(partial.toString()).isEqualTo(422);
        assertThat(partial.json().path("type").asText()).isEqualTo("urn:sunshine:problem:recovery-amount-differs");

        Map<String, Object> receipt = Map.of("reference", "缴款书-" + story.year + "-1", "amountFen", amount);
        JsonNode recorded = Story.ok(http().as(story.finance).post(recovery + "/settlement", receipt)).json();
        assertThat(recorded.path("status").asText()).isEqualTo("SETTLEMENT_RECORDED");
        assertThat(recorded.path("settlement").path("recordedBy").asText()).isEqualTo("finance-chen-" + story.year);
        assertThat(recorded.path("settlement").path("recordedAt").asText()).isNotBlank();
        assertThat(recoveries.holdOf(story.baseId, null)).as("a recorded settlement still holds the base's payments")
                .isPresent();

        // The person who recorded it can neither confirm nor reject it.
        Http.Response alone = http().as(story.finance).post(recovery + "/settlement/confirmation", receipt);
        assertThat(alone.status()).as(alone.toString()).isEqualTo(422);
        assertThat(alone.json().path("type").asText()).isEqualTo("urn:sunshine:problem:separation-of-duties");
        Http.Response ownRejection = http().as(story.finance).post(recovery + "/settlement/rejection",
                Map.of("reason", "typo"));
        assertThat(ownRejection.status()).isEqualTo(422);
        JsonNode still = Story.ok(http().as(story.finance).get(recovery)).json();
        assertThat(still.path("status").asText()).isEqualTo("SETTLEMENT_RECORDED");
        assertThat(still.path("settledBy").isNull()).isTrue();
        assertThat(fund(story).path("recoveredFen").asLong()).isZero();

        // The second person does not find it on the statement: rejected, OPEN again, the rejected record kept.
        JsonNode rejected = Story.ok(http().as(story.financeChecker).post(recovery + "/settlement/rejection",
                Map.of("reason", "not on the bureau's statement of the day"))).json();
        assertThat(rejected.path("status").asText()).isEqualTo("OPEN");
        assertThat(rejected.path("settlement").isNull()).isTrue();
        JsonNode kept = rejected.path("rejectedSettlements").get(0);
        assertThat(kept.path("reference").asText()).isEqualTo("缴款书-" + story.year + "-1");
        assertThat(kept.path("recordedBy").asText()).isEqualTo("finance-chen-" + story.year);
        assertThat(kept.path("rejectedBy").asText()).isEqualTo("finance-he-" + story.year);
        assertThat(kept.path("rejectionReason").asText()).contains("statement");
        assertThat(recoveries.holdOf(story.baseId, null)).isPresent();

        // Nothing to confirm now.
        Http.Response nothing = http().as(story.financeChecker).post(recovery + "/settlement/confirmation", receipt);
        assertThat(nothing.status()).isEqualTo(409);

        // A county officer is not the finance bureau.
        assertThat(http().as(story.officer).post(recovery + "/settlement", receipt).status()).isEqualTo(403);
    }

    @Test
    void hole4_aConfirmedSettlementCreditsTheFundOnce() {
        Story story = paidStory();
        JsonNode before = fund(story);
        assertIdentity(before);
        assertThat(before.path("recoveredFen").asLong()).isZero();

        JsonNode order = officersOrder(story, story.enrollmentIds.subList(7, 9)); // two TIER_3: 600 yuan
        String id = order.path("recoveryId").asText();
        String recovery = "/api/subsidy/recoveries/" + id;
        long amount = order.path("amountFen").asLong();
        assertThat(amount).isEqualTo(60_000L);
        Map<String, Object> receipt = Map.of("reference", "缴款书-" + story.year + "-2", "amountFen", amount);
        Story.ok(http().as(story.finance).post(recovery + "/settlement", receipt));
        assertThat(fund(story).path("recoveredFen").asLong()).as("recorded is not yet settled").isZero();

        Http.Response confirmed = Story.ok(http().as(story.financeChecker).post(recovery + "/settlement/confirmation",
                receipt));
        JsonNode settled = confirmed.json();
        assertThat(settled.path("status").asText()).isEqualTo("SETTLED");
        assertThat(settled.path("settledBy").asText()).isEqualTo("finance-he-" + story.year);
        assertThat(settled.path("settlementReference").asText()).isEqualTo("缴款书-" + story.year + "-2");
        assertThat(settled.path("settlement").path("confirmedBy").asText()).isEqualTo("finance-he-" + story.year);
        assertThat(settled.path("fundsCreditedAt").asText()).isNotBlank();
        assertThat(settled.path("fundCredits")).hasSize(1);
        assertThat(settled.path("fundCredits").get(0).path("creditKey").asText()).isEqualTo(id + ":" + story.year);
        assertThat(recoveries.holdOf(story.baseId, null)).as("settled: the hold is lifted").isEmpty();

        JsonNode after = fund(story);
        assertIdentity(after);
        assertThat(after.path("recoveredFen").asLong()).isEqualTo(amount);
        assertThat(after.path("availableFen").asLong()).isEqualTo(before.path("availableFen").asLong() + amount);
        assertThat(after.path("committedFen").asLong()).isEqualTo(before.path("committedFen").asLong());
        assertThat(after.path("recoveries")).hasSize(1);

        // The confirmation again (a retry, or a third person): the same answer, nothing changes.
        JsonNode again = Story.ok(http().as(story.financeChecker).post(recovery + "/settlement/confirmation", receipt))
                .json();
        assertThat(again).isEqualTo(settled);
        String third = TestTokens.of("finance-sun-" + story.year, Set.of("FINANCE_OFFICER"), story.county, null);
        Story.ok(http().as(third).post(recovery + "/settlement/confirmation", receipt));
        Http.Response other = http().as(third).post(recovery + "/settlement/confirmation",
                Map.of("reference", "another", "amountFen", amount));
        assertThat(other.status()).isEqualTo(409);
        assertThat(Story.ok(http().as(story.finance).get(recovery)).header("ETag")).isEqualTo(confirmed.header("ETag"));
        JsonNode last = fund(story);
        assertIdentity(last);
        assertThat(last.path("recoveredFen").asLong()).isEqualTo(amount);
        assertThat(last.path("availableFen").asLong()).isEqualTo(after.path("availableFen").asLong());
        assertThat(last.path("recoveries")).hasSize(1);

        // A settled order is not recorded again.
        assertThat(http().as(story.finance).post(recovery + "/settlement", receipt).status()).isEqualTo(409);

        // subsidy.recovery.settled.v1, once.
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("subsidy.recovery.settled.v1").stream()
                .anyMatch(t -> t.body().contains(id)));
        assertThat(tap.ofType("subsidy.recovery.settled.v1").stream().filter(t -> t.body().contains(id))).hasSize(1);
        String body = tap.ofType("subsidy.recovery.settled.v1").stream().filter(t -> t.body().contains(id)).findFirst()
                .orElseThrow().body();
        assertThat(body).contains("\"confirmedBy\":\"finance-he-" + story.year + "\"")
                .contains("\"amountFen\":" + amount);
    }

    @Test
    void hole4_theSameLineIsNeverRecoveredTwice() throws Exception {
        Story story = paidStory();
        String liar = story.enrollmentIds.get(2);
        SpotCheckFinding notTrained = finding(story, liar, "NOT_TRAINED", "本人称未参加培训");
        publishAndAwaitHandled(notTrained);
        String findingOrder = "finding-" + notTrained.findingId();
        Story.ok(http().as(story.officer).get("/api/subsidy/recoveries/" + findingOrder));

        // An officer's order naming only that trainee: refused, naming the line and the order.
        Http.Response refused = http().as(story.officer).post("/api/subsidy/recoveries", Map.of("baseId", story.baseId,
                "enrollmentIds", List.of(liar), "reason", "duplicate found in 安陆市"));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-recovered");
        assertThat(refused.json().path("detail").asText()).contains(findingOrder).contains(liar);

        // Naming it with another trainee: the other's line is ordered, the taken one left out and named.
        String other = story.enrollmentIds.get(3);
        JsonNode partly = officersOrder(story, List.of(liar, other));
        assertThat(partly.path("items")).hasSize(1);
        assertThat(partly.path("items").get(0).path("enrollmentId").asText()).isEqualTo(other);
        assertThat(partly.path("skipped")).hasSize(1);
        assertThat(partly.path("skipped").get(0).path("item").path("enrollmentId").asText()).isEqualTo(liar);
        assertThat(partly.path("skipped").get(0).path("recoveredBy").asText()).isEqualTo(findingOrder);

        // A finding about a trainee whose line an officer's order took orders nothing.
        SpotCheckFinding late = finding(story, other, "FEE_CHARGED", null);
        publishAndAwaitHandled(late);
        assertThat(http().as(story.officer).get("/api/subsidy/recoveries/finding-" + late.findingId()).status())
                .isEqualTo(404);

        // Two (eight) officers' orders at once naming one line: exactly one takes it.
        String contested = story.enrollmentIds.get(5);
        List<Integer> statuses = AtOnce.send(8, () -> http().as(story.officer).post("/api/subsidy/recoveries",
                Map.of("baseId", story.baseId, "enrollmentIds", List.of(contested), "reason", "duplicate")))
                .stream().map(Http.Response::status).toList();
        assertThat(statuses).containsOnlyOnce(201);
        assertThat(statuses.stream().filter(s -> s != 201)).containsOnly(409);

        // Every paid line of the base is in one order at most.
        Map<String, Integer> ordersOfLine = new HashMap<>();
        for (JsonNode o : http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()) {
            o.path("items").forEach(i -> ordersOfLine.merge(i.path("claimId").asText() + "/"
                    + i.path("enrollmentId").asText(), 1, Integer::sum));
        }
        assertThat(ordersOfLine).hasSize(3).allSatisfy((line, n) -> assertThat(n).as(line).isEqualTo(1));
    }

    @Test
    void hole4_aMismatchedConfirmationChangesNothing() {
        Story story = paidStory();
        JsonNode order = officersOrder(story, List.of(story.enrollmentIds.get(0)));
        String recovery = "/api/subsidy/recoveries/" + order.path("recoveryId").asText();
        long amount = order.path("amountFen").asLong();
        String reference = "缴款书-" + story.year + "-3";
        Story.ok(http().as(story.finance).post(recovery + "/settlement", Map.of("reference", reference, "amountFen", amount)));
        Http.Response recorded = Story.ok(http().as(story.finance).get(recovery));
        JsonNode fundBefore = fund(story);

        Http.Response wrongReference = http().as(story.financeChecker).post(recovery + "/settlement/confirmation",
                Map.of("reference", reference + "0", "amountFen", amount));
        assertThat(wrongReference.status()).as(wrongReference.toString()).isEqualTo(422);
        assertThat(wrongReference.json().path("type").asText())
                .isEqualTo("urn:sunshine:problem:recovery-confirmation-mismatch");
        assertThat(wrongReference.json().path("errors").get(0).path("field").asText()).isEqualTo("reference");
        Http.Response wrongAmount = http().as(story.financeChecker).post(recovery + "/settlement/confirmation",
                Map.of("reference", reference, "amountFen", amount * 10));
        assertThat(wrongAmount.status()).isEqualTo(422);
        assertThat(wrongAmount.json().path("type").asText()).isEqualTo("urn:sunshine:problem:recovery-confirmation-mismatch");
        assertThat(wrongAmount.json().path("errors").get(0).path("field").asText()).isEqualTo("amountFen");

        Http.Response now = Story.ok(http().as(story.finance).get(recovery));
        assertThat(now.header("ETag")).isEqualTo(recorded.header("ETag"));
        assertThat(now.json()).isEqualTo(recorded.json());
        assertThat(now.json().path("status").asText()).isEqualTo("SETTLEMENT_RECORDED");
        assertThat(fund(story)).isEqualTo(fundBefore);
        assertThat(recoveries.holdOf(story.baseId, null)).isPresent();
    }

    /**
     * A false placement found while the trainee's placement claim is ordered but not paid: the line cannot be
     * stopped; once it is paid the finding's order recovers it.
     */
    @Test
    void hole4_aPlacementPartPaidAfterItsFindingIsRecovered() {
        Story story = completionPaidAndPlaced(5);
        String placement = story.approvedPlacementClaim(story.enrollmentIds.subList(0, 5)); // ORDERED, not paid yet

        String falselyPlaced = story.enrollmentIds.get(4); // TIER_2: 200 yuan, placement part 60 yuan
        SpotCheckFinding f = finding(story, falselyPlaced, "NOT_EMPLOYED_AS_REPORTED", "本人称从未到该企业上班");
        publishAndAwaitHandled(f);
        String findingOrder = "/api/subsidy/recoveries/finding-" + f.findingId();
        assertThat(http().as(story.officer).get(findingOrder).status()).as("nothing paid yet").isEqualTo(404);

        story.runPayments();
        assertThat(story.claimStatus(placement)).isEqualTo("PAID");
        JsonNode order = Story.ok(http().as(story.officer).get(findingOrder)).json();
        assertThat(order.path("status").asText()).isEqualTo("OPEN");
        assertThat(order.path("findingId").asText()).isEqualTo(f.findingId());
        assertThat(order.path("amountFen").asLong()).isEqualTo(6_000L);
        assertThat(order.path("items")).hasSize(1);
        assertThat(order.path("items").get(0).path("claimId").asText()).isEqualTo(placement);
        assertThat(order.path("items").get(0).path("part").asText()).isEqualTo("PLACEMENT");
        assertThat(recoveries.holdOf(story.baseId, null)).isPresent();

        // The finding again orders nothing more.
        publishAndAwaitHandled(f);
        assertThat(http().as(story.officer).get("/api/subsidy/bases/" + story.baseId + "/recoveries").json()).hasSize(1);
    }

    /**
     * The public notice: a line recovered shows what was recovered and the net; a disproved placement is never a
     * PLACEMENT recipient with a positive net; a stopped line is not listed; pages are cut in the query.
     */
    @Test
    void hole4_theRecipientsNoticeNetsRecoveredAmounts() {
        Story story = completionPaidAndPlaced(6);
        String placement = Story.ok(story.claimPlacementPart(story.enrollmentIds.subList(0, 6))).json().path("claimId")
                .asText();
        // Trainee 5's placement is disproved before the claim is ordered: the line is stopped, never paid.
        publishAndAwaitHandled(finding(story, story.enrollmentIds.get(5), "NOT_EMPLOYED_AS_REPORTED", null));
        story.approveThroughTheChain(placement);
        story.runPayments();
        assertThat(story.claimStatus(placement)).isEqualTo("PAID");

        // Trainee 4's placement is disproved after it was paid: ordered, not settled. Trainee 3 was never
        // trained: both parts recovered, and settled by two people.
        publishAndAwaitHandled(finding(story, story.enrollmentIds.get(4), "NOT_EMPLOYED_AS_REPORTED", null));
        SpotCheckFinding notTrained = finding(story, story.enrollmentIds.get(3), "NOT_TRAINED", null);
        publishAndAwaitHandled(notTrained);
        String settledOrder = "/api/subsidy/recoveries/finding-" + notTrained.findingId();
        long recovered3 = Story.ok(http().as(story.finance).get(settledOrder)).json().path("amountFen").asLong();
        Map<String, Object> receipt = Map.of("reference", "缴款书-" + story.year + "-9", "amountFen", recovered3);
        Story.ok(http().as(story.finance).post(settledOrder + "/settlement", receipt));
        Story.ok(http().as(story.financeChecker).post(settledOrder + "/settlement/confirmation", receipt));

        String notice = "/api/public/subsidy/recipients?divisionCode=" + story.county + "&year=" + story.year
                + "&baseId=" + story.baseId;
        JsonNode all = Story.ok(http().get(notice + "&size=50")).json();
        assertThat(all.path("total").asLong()).as("10 completion lines, 5 placement lines paid").isEqualTo(15);
        assertThat(all.path("items")).hasSize(15);
        Map<String, JsonNode> line = new HashMap<>();
        long paid = 0;
        for (JsonNode r : all.path("items")) {
            line.put(r.path("traineeName").asText() + "/" + r.path("part").asText(), r);
            paid += r.path("amountFen").asLong();
            assertThat(r.path("netFen").asLong()).isEqualTo(r.path("amountFen").asLong()
                    - r.path("recoveredFen").asLong() - r.path("recoveryDueFen").asLong());
            assertThat(r.path("maskedIdNumber").asText()).contains("*");
        }
        assertThat(line).hasSize(15);
        assertThat(line).doesNotContainKey(Story.name(5) + "/PLACEMENT");
        long completionPaid = 0;
        long placementPaid = 0;
        for (int i = 0; i < 10; i++) {
            long amount = Story.TIERS.get(Story.tiers343(10).get(i));
            completionPaid += amount * 7000 / 10_000;
            placementPaid += i < 5 ? amount - amount * 7000 / 10_000 : 0;
        }
        assertThat(paid).as("the notice adds up to what was paid").isEqualTo(completionPaid + placementPaid);

        JsonNode disproved = line.get(Story.name(4) + "/PLACEMENT");
        assertThat(disproved.path("amountFen").asLong()).isEqualTo(6_000L);
        assertThat(disproved.path("recoveredFen").asLong()).isZero();
        assertThat(disproved.path("recoveryDueFen").asLong()).isEqualTo(6_000L);
        assertThat(disproved.path("netFen").asLong()).isZero();
        assertThat(line.get(Story.name(4) + "/COMPLETION").path("netFen").asLong()).as("the training did happen")
                .isEqualTo(14_000L);

        for (String part : List.of("COMPLETION", "PLACEMENT")) {
            JsonNode r = line.get(Story.name(3) + "/" + part);
            assertThat(r.path("recoveredFen").asLong()).as(part).isEqualTo(r.path("amountFen").asLong());
            assertThat(r.path("netFen").asLong()).as(part).isZero();
        }
        JsonNode untouched = line.get(Story.name(0) + "/PLACEMENT");
        assertThat(untouched.path("recoveredFen").asLong()).isZero();
        assertThat(untouched.path("netFen").asLong()).isEqualTo(untouched.path("amountFen").asLong());

        // Pages of 4 are the same lines in the same order.
        List<JsonNode> paged = new ArrayList<>();
        for (int page = 0; page < 4; page++) {
            JsonNode p = Story.ok(http().get(notice + "&size=4&page=" + page)).json();
            assertThat(p.path("total").asLong()).isEqualTo(15);
            assertThat(p.path("page").asInt()).isEqualTo(page);
            assertThat(p.path("size").asInt()).isEqualTo(4);
            p.path("items").forEach(paged::add);
        }
        List<JsonNode> whole = new ArrayList<>();
        all.path("items").forEach(whole::add);
        assertThat(paged).isEqualTo(whole);
        assertThat(Story.ok(http().get(notice + "&size=4&page=9")).json().path("items")).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** A base's class of ten (100/200/300 yuan in 3:4:3) whose completion claim is paid. */
    private Story paidStory() {
        Story story = claimableStory(10, 1_000_000);
        String claim = story.approvedClaim(story.enrollmentIds);
        story.runPayments();
        assertThat(story.claimStatus(claim)).isEqualTo("PAID");
        return story;
    }

    /** A class of ten in a county that pays 70 % at completion, its completion part paid, its first trainees placed. */
    private Story completionPaidAndPlaced(int placed) {
        Story story = claimableSplitStory(10, 1_000_000, 7000);
        story.approvedClaim(story.enrollmentIds);
        story.runPayments();
        story.placed(story.enrollmentIds.subList(0, placed));
        return story;
    }

    private JsonNode officersOrder(Story story, List<String> enrollmentIds) {
        Http.Response r = http().as(story.officer).post("/api/subsidy/recoveries", Map.of("baseId", story.baseId,
                "enrollmentIds", enrollmentIds, "reason", "duplicate person-year found in 安陆市"));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json();
    }

    private static void assertIdentity(JsonNode fund) {
        assertThat(fund.path("availableFen").asLong() + fund.path("committedFen").asLong())
                .as("available + committed = deposited + recovered")
                .isEqualTo(fund.path("depositedFen").asLong() + fund.path("recoveredFen").asLong());
    }
}
