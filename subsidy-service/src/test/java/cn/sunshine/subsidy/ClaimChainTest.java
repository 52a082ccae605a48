package cn.sunshine.subsidy;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The approval chain 核准 → 审批 → 复核: in order, one person per stage, reasons kept, the fund never overdrawn. */
@SunshineServiceTest
class ClaimChainTest extends SubsidyServiceTest {


    private Story storyWithClaimable(int trainees, long fundFen) {
        return claimableStory(trainees, fundFen);
    }

    @Test
    void aLeaderApprovingBeforeTheOfficerVerifiedIsRefusedAndNoStageIsRepeated() {
        Story story = storyWithClaimable(10, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();

        Http.Response early = story.decide(story.leader, claimId, "approval", "APPROVE", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().path("type").asText()).isEqualTo("urn:sunshine:problem:claim-stage-out-of-order");
        Http.Response financeEarly = story.decide(story.finance, claimId, "recheck", "APPROVE", null);
        assertThat(financeEarly.status()).isEqualTo(409);

        Story.ok(story.decide(story.officer, claimId, "verification", "APPROVE", null));
        String anotherOfficer = TestTokens.of("officer-sun", Set.of("COUNTY_OFFICER"), story.county, null);
        assertThat(story.decide(anotherOfficer, claimId, "verification", "APPROVE", null).status())
                .as("verified once only").isEqualTo(409);
        // A county officer may not approve as leader: the role of the stage is checked.
        assertThat(story.decide(story.officer, claimId, "approval", "APPROVE", null).status()).isEqualTo(403);

        JsonNode approved = Story.ok(story.decide(story.leader, claimId, "approval", "APPROVE", null)).json();
        assertThat(approved.path("status").asText()).isEqualTo("APPROVED");
        assertThat(approved.path("extraApprovalRequired").asBoolean()).isFalse();
        JsonNode fund = Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
        assertThat(fund.path("committedFen").asLong()).isEqualTo(200_000L);
    }

    @Test
    void onePersonCannotActAtTwoStagesOfOneClaim() {
        Story story = storyWithClaimable(10, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        String both = TestTokens.of("officer-and-leader-hu", Set.of("COUNTY_OFFICER", "COUNTY_LEADER"), story.county, null);

        Story.ok(story.decide(both, claimId, "verification", "APPROVE", null));
        Http.Response second = story.decide(both, claimId, "approval", "APPROVE", null);
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.json().path("type").asText()).isEqualTo("urn:sunshine:problem:separation-of-duties");
        JsonNode claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        assertThat(claim.path("status").asText()).isEqualTo("VERIFIED");
        assertThat(claim.path("decisions")).hasSize(1);
        assertThat(claim.path("decisions").get(0).path("by").asText()).isEqualTo("officer-and-leader-hu");
    }

    @Test
    void aRejectionNeedsReasonsGoesBackToTheBaseAndFreesItsVouchersForANewClaim() {
        Story story = storyWithClaimable(10, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, claimId, "verification", "APPROVE", null));
        Story.ok(story.decide(story.leader, claimId, "approval", "APPROVE", null));

        Http.Response noReason = story.decide(story.finance, claimId, "recheck", "REJECT", null);
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().path("errors").get(0).path("field").asText()).isEqualTo("reason");

        JsonNode rejected = Story.ok(story.decide(story.finance, claimId, "recheck", "REJECT",
                "两名学员身份证复印件缺失 (two ID copies missing)")).json();
        assertThat(rejected.path("status").asText()).isEqualTo("REJECTED");
        JsonNode last = rejected.path("decisions").get(2);
        assertThat(last.path("approved").asBoolean()).isFalse();
        assertThat(last.path("by").asText()).startsWith("finance-chen");
        assertThat(last.path("reason").asText()).contains("ID copies missing");
        assertThat(last.path("at").asText()).isNotBlank();

        JsonNode asBase = Story.ok(http().as(story.staff).get("/api/subsidy/claims/" + claimId)).json();
        assertThat(asBase.path("decisions").get(2).path("reason").asText()).contains("ID copies missing");
        JsonNode fund = Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
        assertThat(fund.path("committedFen").asLong()).as("the rejected claim's money is given back").isZero();
        assertThat(fund.path("commitments")).hasSize(2);

        JsonNode again = Story.ok(story.claim(story.enrollmentIds)).json();
        assertThat(again.path("claimId").asText()).isNotEqualTo(claimId);
        assertThat(story.claim(story.enrollmentIds).status()).as("a voucher is in one live claim only").isEqualTo(422);
    }

    @Test
    void theSameIdempotencyKeyAndBodyAnswerTheSameClaimEvenWhenSentAtOnce() throws Exception {
        Story story = storyWithClaimable(10, 1_000_000);
        List<String> serials = story.enrollmentIds.stream().map(story.serialOf::get).toList();
        java.util.Map<String, Object> body = java.util.Map.of("classId", story.classId, "voucherSerials", serials,
                "attachmentIds", story.documents("COMPLETION"));
        Http as = story.http.as(story.staff).header("Idempotency-Key", "claim-" + story.classId);

        List<Http.Response> responses = AtOnce.send(4, () -> as.post("/api/subsidy/claims", body));
        // One creates the claim; the others are told it is still running (409 with Retry-After) or, once it
        // finished, get its answer again — as every write with an Idempotency-Key does (docs/api.md).
        assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(200, 201, 409));
        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() == 409)).allMatch(r -> r.header("Retry-After") != null
                && r.json().path("type").asText().equals("urn:sunshine:problem:idempotency-request-in-progress"));
        assertThat(responses.stream().filter(r -> r.status() == 200))
                .allMatch(r -> "true".equals(r.header("Idempotent-Replayed")));
        String claimId = responses.stream().filter(r -> r.status() == 201).findFirst().orElseThrow().json()
                .path("claimId").asText();
        Http.Response again = as.post("/api/subsidy/claims", body);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("claimId").asText()).as("sent again: the same claim").isEqualTo(claimId);
        JsonNode listed = Story.ok(http().as(story.officer).get("/api/subsidy/claims?baseId=" + story.baseId)).json();
        assertThat(listed.path("total").asLong()).isEqualTo(1);
        // Each listed claim carries its version, the ETag a queue decides it with (no second read).
        assertThat("\"" + listed.path("items").get(0).path("version").asLong() + "\"")
                .isEqualTo(http().as(story.officer).get("/api/subsidy/claims/" + claimId).header("ETag"));
        // By programme year and part; an unknown part is named, not a 500.
        int year = listed.path("items").get(0).path("year").asInt();
        assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims?baseId=" + story.baseId + "&year=" + year
                + "&part=COMPLETION")).json().path("total").asLong()).isEqualTo(1);
        assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims?baseId=" + story.baseId + "&year=" + (year - 1)))
                .json().path("total").asLong()).isZero();
        Http.Response badPart = http().as(story.officer).get("/api/subsidy/claims?part=EVERYTHING");
        assertThat(badPart.status()).isEqualTo(400);
        assertThat(badPart.json().path("errors").findValuesAsString("field")).contains("part");

        Http.Response otherBody = as.post("/api/subsidy/claims", java.util.Map.of("classId", story.classId,
                "voucherSerials", serials.subList(0, 5)));
        assertThat(otherBody.status()).isEqualTo(422);
        assertThat(otherBody.json().path("type").asText()).isEqualTo("urn:sunshine:problem:idempotency-key-reused");
    }

    @Test
    void concurrentApprovalsNeverCommitMoreThanTheFundHolds() throws Exception {
        // Two classes' claims of 200,000 fen each against a fund of 300,000.
        Story story = storyWithClaimable(20, 300_000);
        String first = Story.ok(story.claim(story.enrollmentIds.subList(0, 10))).json().path("claimId").asText();
        String second = Story.ok(story.claim(story.enrollmentIds.subList(10, 20))).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, first, "verification", "APPROVE", null));
        Story.ok(story.decide(story.officer, second, "verification", "APPROVE", null));

        String leader2 = TestTokens.of("leader-ma", Set.of("COUNTY_LEADER"), story.county, null);
        List<Integer> statuses = AtOnce.send(List.of(
                () -> story.decide(story.leader, first, "approval", "APPROVE", null),
                () -> story.decide(leader2, second, "approval", "APPROVE", null))).stream().map(Http.Response::status).toList();
        assertThat(statuses).containsExactlyInAnyOrder(200, 422);

        JsonNode fund = Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
        assertThat(fund.path("committedFen").asLong()).isEqualTo(200_000L);
        assertThat(fund.path("availableFen").asLong()).isEqualTo(100_000L);
    }
}
