package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.subsidy.fund.Fund;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The holes a double-click or a stray request could open in the money path, one test each (named after the
 * hole in the issue "money that cannot be paid wrongly"): each failed before the money moved into its
 * aggregates and passes now.
 */
@SunshineServiceTest
class MoneyHolesTest extends SubsidyServiceTest {



    private Story story(int trainees, long fundFen) {
        return claimableStory(trainees, fundFen);
    }

    private Fund fundDocument(Story story) {
        return mongo.findById(Fund.key(story.county, story.year), Fund.class);
    }

    /**
     * Hole 1: twenty approvals and rejections of one claim at once (a double-click, a client retry, two
     * leaders) leave the claim decided once and the fund exact: committed = the claim's amount when it ended
     * approved, 0 when rejected; available + committed = deposited.
     */
    @Test
    void hole1_twentyConcurrentApprovalsAndRejectionsOfOneClaimLeaveTheFundIdentityExact() throws Exception {
        Story story = story(10, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, claimId, "verification", "APPROVE", null));

        List<Callable<Http.Response>> decisions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String leader = TestTokens.of("leader-" + i + "-" + story.year, Set.of("COUNTY_LEADER"), story.county, null);
            boolean approve = i % 4 != 3; // mostly approvals, some rejections
            decisions.add(() -> story.decide(leader, claimId, "approval", approve ? "APPROVE" : "REJECT",
                    approve ? null : "台帐与代金券不符"));
        }
        int decided = 0;
        for (Http.Response answer : AtOnce.send(decisions)) {
            int status = answer.status();
            assertThat(status).as("a clear answer, never a 500").isIn(200, 409, 412);
            if (status == 200) {
                decided++;
            }
        }
        assertThat(decided).as("the claim was decided once").isEqualTo(1);

        JsonNode claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        JsonNode fund = fund(story);
        long expectedCommitted = "APPROVED".equals(claim.path("status").asText()) ? 200_000L : 0L;
        assertThat(claim.path("status").asText()).isIn("APPROVED", "REJECTED");
        assertThat(fund.path("committedFen").asLong()).isEqualTo(expectedCommitted);
        assertThat(fund.path("availableFen").asLong() + fund.path("committedFen").asLong())
                .isEqualTo(fund.path("depositedFen").asLong());
        assertThat(fundDocument(story).brokenIdentities()).isEmpty();
    }

    /**
     * Hole 3: without a policy the completion claims pay the whole voucher; a split set afterwards is refused,
     * and no placement claim can pay any part of a voucher again.
     */
    @Test
    void hole3_aSplitSetAfterCompletionClaimsCannotPayAVoucherTwice() {
        Story story = story(10, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json().path("totalFen")
                .asLong()).as("all of each voucher at completion").isEqualTo(200_000L);
        story.approveThroughTheChain(claimId);

        Http.Response late = http().as(story.officer).post("/api/subsidy/split-policies", Map.of("divisionCode",
                story.county, "year", story.year, "completionShareBp", 7000, "reason", "改为结业拨付70%"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().path("type").asText()).isEqualTo("urn:sunshine:problem:split-after-claims");

        story.placed(story.enrollmentIds);
        Http.Response placement = story.claimPlacementPart(story.enrollmentIds);
        assertThat(placement.status()).as(placement.toString()).isEqualTo(422);
        assertThat(placement.json().path("detail").asText()).contains("no placement part");
        assertThat(fund(story).path("committedFen").asLong()).isEqualTo(200_000L);
    }

    /**
     * Hole 3, the other way round: a policy of 70 % fixes each voucher's completion part at its first claim; a
     * rejected completion claim frees the voucher but the part stays as fixed, and the placement part is exactly
     * what is left: Σ lines per voucher = its amount, never more.
     */
    @Test
    void hole3_thePlacementPartIsWhatIsLeftOfTheVoucher() {
        Story story = claimableSplitStory(10, 1_000_000, 7000);
        String first = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, first, "verification", "REJECT", "名册签字缺失"));
        String second = story.approvedClaim(story.enrollmentIds);
        story.placed(story.enrollmentIds);
        String placement = Story.ok(story.claimPlacementPart(story.enrollmentIds)).json().path("claimId").asText();
        JsonNode completionClaim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + second)).json();
        JsonNode placementClaim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + placement)).json();
        assertThat(completionClaim.path("totalFen").asLong()).isEqualTo(140_000L);
        assertThat(placementClaim.path("totalFen").asLong()).isEqualTo(60_000L);
        Http.Response again = story.claimPlacementPart(story.enrollmentIds.subList(0, 1));
        assertThat(again.status()).as("the placement part is in a live claim").isEqualTo(422);
    }

    /**
     * Hole 5: the extra-approval threshold applies to the base's claims of the programme year, not to one claim:
     * three claims each under the threshold (test threshold 10,000 yuan) — the one that takes the year's total
     * above it waits for the extra approval, and the fund does not commit it before.
     */
    @Test
    void hole5_splittingAClaimDoesNotAvoidTheExtraApproval() {
        Story story = story(60, 5_000_000);
        List<String> claims = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            claims.add(Story.ok(story.claim(story.enrollmentIds.subList(i * 20, i * 20 + 20))).json().path("claimId")
                    .asText());
        }
        List<String> statuses = new ArrayList<>();
        for (String c : claims) {
            assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + c)).json()
                    .path("extraApprovalRequired").asBoolean()).as("each claim alone is under the threshold").isFalse();
            Story.ok(story.decide(story.officer, c, "verification", "APPROVE", null));
            statuses.add(Story.ok(story.decide(story.leader, c, "approval", "APPROVE", null)).json().path("status")
                    .asText());
        }
        assertThat(statuses).containsExactly("APPROVED", "APPROVED", "AWAITING_EXTRA_APPROVAL");
        JsonNode third = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claims.get(2))).json();
        assertThat(third.path("extraApprovalReason").asText()).contains("base's approved claims");
        assertThat(fund(story).path("committedFen").asLong()).as("the third is not committed yet").isEqualTo(800_000L);
        Story.ok(story.decide(story.cityOfficer, claims.get(2), "extra-approval", "APPROVE", "市阳光办同意"));
        assertThat(fund(story).path("committedFen").asLong()).isEqualTo(1_200_000L);
        assertThat(fundDocument(story).brokenIdentities()).isEmpty();
    }

    /**
     * Hole 6 (subsidy's part): a spot check finds the trainee not employed as reported while the placement claim
     * is approved but not ordered: the line is stopped, the fund gets its amount back, the payment order leaves
     * it out, and no new placement claim can carry the trainee.
     */
    @Test
    void hole6_aDisprovedPlacementStopsItsUnpaidPlacementLine() {
        Story story = claimableSplitStory(10, 1_000_000, 7000);
        story.approveThroughTheChain(Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText());
        story.placed(story.enrollmentIds);
        String placement = Story.ok(story.claimPlacementPart(story.enrollmentIds)).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, placement, "verification", "APPROVE", null));
        Story.ok(story.decide(story.leader, placement, "approval", "APPROVE", null));
        assertThat(fund(story).path("committedFen").asLong()).isEqualTo(200_000L);

        String liar = story.enrollmentIds.get(0); // tier 1: 100 yuan, placement part 30
        SpotCheckFinding finding = new SpotCheckFinding("finding-" + liar, "spot-" + story.baseId, "pl-" + liar, liar,
                story.baseId, story.county, story.year, "NOT_EMPLOYED_AS_REPORTED", "用工单位称无此人",
                Instant.parse(story.year + "-10-10T02:00:00Z"), "officer-wang");
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED, finding, finding.findingId(),
                story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> Story.ok(http().as(story.officer)
                .get("/api/subsidy/claims/" + placement)).json().path("stoppedLines").size() == 1);

        JsonNode claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + placement)).json();
        assertThat(claim.path("payableFen").asLong()).isEqualTo(60_000L - 3_000L);
        assertThat(claim.path("stoppedLines").get(0).path("enrollmentId").asText()).isEqualTo(liar);
        assertThat(fund(story).path("committedFen").asLong()).as("the stopped line went back to the fund")
                .isEqualTo(200_000L - 3_000L);
        JsonNode ordered = Story.ok(story.decide(story.finance, placement, "recheck", "APPROVE", "复核")).json();
        assertThat(ordered.path("status").asText()).isEqualTo("ORDERED");
        JsonNode instruction = http().as(story.finance).get("/api/subsidy/claims/" + placement + "/payment-instructions")
                .json().get(0);
        assertThat(instruction.path("amountFen").asLong()).isEqualTo(57_000L);
        assertThat(instruction.path("enrollmentIds").toString()).doesNotContain(liar);
        story.runPayments();
        assertThat(story.claimStatus(placement)).isEqualTo("PAID");
        assertThat(fundDocument(story).brokenIdentities()).isEmpty();
    }

    /**
     * Hole 7: a revoked base's new claims and approvals are refused; what was approved before is held, and the
     * county releases it only with a second person's confirmation (the proposer cannot confirm).
     */
    @Test
    void hole7_aRevokedBasesNewClaimsAreRefusedAndAHeldClaimIsReleasedByTwoPeople() {
        Story story = story(20, 1_000_000);
        String approved = story.approvedClaim(story.enrollmentIds.subList(0, 10));
        String verified = Story.ok(story.claim(story.enrollmentIds.subList(10, 15))).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, verified, "verification", "APPROVE", null));

        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED, Seeds.baseRevoked(story.baseId,
                story.county), story.baseId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> http().as(story.officer)
                .get("/api/subsidy/bases/" + story.baseId).json().path("paymentsHeld").asBoolean());

        Http.Response newClaim = story.claim(story.enrollmentIds.subList(15, 20));
        assertThat(newClaim.status()).isEqualTo(422);
        assertThat(newClaim.json().path("type").asText()).isEqualTo("urn:sunshine:problem:base-revoked");
        Http.Response approval = story.decide(story.leader, verified, "approval", "APPROVE", null);
        assertThat(approval.status()).isEqualTo(422);
        assertThat(fund(story).path("committedFen").asLong()).isEqualTo(200_000L);

        story.runPayments();
        JsonNode held = http().as(story.finance).get("/api/subsidy/claims/" + approved + "/payment-instructions").json().get(0);
        assertThat(held.path("heldBecause").asText()).startsWith("base revoked");

        Story.ok(http().as(story.officer).post("/api/subsidy/claims/" + approved + "/hold-decision",
                Map.of("action", "RELEASE", "reason", "撤销前已完成培训并经核准，学员已结业")));
        Http.Response alone = http().as(story.officer).post("/api/subsidy/claims/" + approved
                + "/hold-decision/confirmation", null);
        assertThat(alone.status()).isEqualTo(422);
        assertThat(alone.json().path("type").asText()).isEqualTo("urn:sunshine:problem:separation-of-duties");
        story.runPayments();
        assertThat(http().as(story.finance).get("/api/subsidy/claims/" + approved + "/payment-instructions").json()
                .get(0).path("status").asText()).as("still held before the confirmation").isEqualTo("PENDING");

        Story.ok(http().as(story.leader).post("/api/subsidy/claims/" + approved + "/hold-decision/confirmation", null));
        story.runPayments();
        assertThat(http().as(story.finance).get("/api/subsidy/claims/" + approved + "/payment-instructions").json()
                .get(0).path("status").asText()).isEqualTo("PAID");
    }

    /** Hole 4 (deposits): one finance officer records, another confirms by re-keying; alone, or mistyped, nothing counts. */
    @Test
    void hole4_aDepositCountsOnlyOnceASecondPersonConfirmsIt() {
        Story story = newStory().setUp("REDUCED_FEE", 0);
        String reference = "鄂财农 " + story.year + "-77";
        JsonNode recorded = Story.ok(http().as(story.finance).post("/api/subsidy/funds/deposits", Map.of("divisionCode",
                story.county, "year", story.year, "source", "CENTRAL", "amountFen", 3_660_000, "reference", reference)))
                .json();
        assertThat(recorded.path("availableFen").asLong()).isZero();
        String depositId = recorded.path("pendingDeposits").get(0).path("depositId").asText();
        String confirm = "/api/subsidy/funds/" + story.county + "/" + story.year + "/deposits/" + depositId + "/confirmation";

        Http.Response alone = http().as(story.finance).post(confirm, Map.of("reference", reference, "amountFen", 3_660_000));
        assertThat(alone.status()).isEqualTo(422);
        assertThat(alone.json().path("type").asText()).isEqualTo("urn:sunshine:problem:separation-of-duties");
        Http.Response mistyped = http().as(story.financeChecker).post(confirm, Map.of("reference", reference,
                "amountFen", 36_600_000));
        assertThat(mistyped.status()).isEqualTo(422);
        assertThat(mistyped.json().path("type").asText()).isEqualTo("urn:sunshine:problem:deposit-confirmation-mismatch");
        assertThat(fund(story).path("depositedFen").asLong()).isZero();

        Http.Response other = http().as(story.finance).post("/api/subsidy/funds/deposits", Map.of("divisionCode",
                story.county, "year", story.year, "source", "CENTRAL", "amountFen", 1_000, "reference", reference));
        assertThat(other.status()).as("a reference is recorded once").isEqualTo(409);

        Story.ok(http().as(story.financeChecker).post(confirm, Map.of("reference", reference, "amountFen", 3_660_000)));
        Http.Response twice = http().as(story.financeChecker).post(confirm, Map.of("reference", reference,
                "amountFen", 3_660_000));
        assertThat(twice.status()).isEqualTo(409);
        JsonNode fund = fund(story);
        assertThat(fund.path("depositedFen").asLong()).isEqualTo(3_660_000L);
        assertThat(fund.path("availableFen").asLong()).isEqualTo(3_660_000L);
        assertThat(fund.path("deposits").get(0).path("confirmedBy").asText()).isNotBlank();
    }

    /**
     * Hole 7, cancelled: a claim ordered before its base's revocation, held since (its instruction never sent),
     * is cancelled by two people of the county: the instruction is withdrawn, the fund gets the money back and
     * nothing reaches the bureau.
     */
    @Test
    void hole7_aHeldOrderedClaimIsCancelledByTwoPeopleAndTheFundGetsItsMoneyBack() {
        Story story = story(10, 1_000_000);
        String claimId = story.approvedClaim(story.enrollmentIds);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED, Seeds.baseRevoked(story.baseId,
                story.county), story.baseId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> http().as(story.officer)
                .get("/api/subsidy/bases/" + story.baseId).json().path("paymentsHeld").asBoolean());
        story.runPayments();
        assertThat(fund(story).path("committedFen").asLong()).isEqualTo(200_000L);

        Story.ok(http().as(story.officer).post("/api/subsidy/claims/" + claimId + "/hold-decision",
                Map.of("action", "CANCEL", "reason", "基地被取缔，培训记录不实，不予拨付")));
        Story.ok(http().as(story.leader).post("/api/subsidy/claims/" + claimId + "/hold-decision/confirmation", null));

        JsonNode claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        assertThat(claim.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(claim.path("holdDecision").path("confirmedBy").asText()).isNotBlank();
        JsonNode instruction = http().as(story.finance).get("/api/subsidy/claims/" + claimId + "/payment-instructions")
                .json().get(0);
        assertThat(instruction.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(fund(story).path("committedFen").asLong()).as("the fund got the money back").isZero();
        assertThat(fundDocument(story).brokenIdentities()).isEmpty();
        story.runPayments();
        assertThat(FinanceBureauStub.server().getAllServeEvents()).as("nothing of this claim reached the bureau")
                .noneMatch(e -> e.getRequest().getBodyAsString().contains(instruction.path("instructionId").asText()));
    }
}
