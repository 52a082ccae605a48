package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestClockConfiguration;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.subsidy.payment.BureauSignatures;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** From vouchers to money: a class of 60, the bureau down for part of the run, reconciliation, the public notice. */
@SunshineServiceTest
class PaymentsTest extends SubsidyServiceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();



    @Test
    void aClassOfSixtyInTiers343IsPaidToEachTraineeExactlyOnceThroughAnOutageAndEveryFenReconciles() {
        Story story = new Story(Seeds.ANLU, http(), rabbit, messaging.getExchange(), mongo).setUp("REFUND_AFTER", 2_000_000);
        List<JsonNode> vouchers = story.enrollAndIssue(Story.tiers343(60));

        // 18 × 100 + 24 × 200 + 18 × 300 yuan = 12,000 yuan.
        assertThat(vouchers).hasSize(60);
        Map<Long, Long> byAmount = vouchers.stream().collect(Collectors.groupingBy(v -> v.path("amountFen").asLong(),
                Collectors.counting()));
        assertThat(byAmount).containsEntry(10_000L, 18L).containsEntry(20_000L, 24L).containsEntry(30_000L, 18L);
        long vouchersFen = vouchers.stream().mapToLong(v -> v.path("amountFen").asLong()).sum();
        assertThat(vouchersFen).isEqualTo(1_200_000L);

        story.redeemAll();
        story.completeAll();
        JsonNode claim = Story.ok(story.claim(story.enrollmentIds)).json();
        String claimId = claim.path("claimId").asText();
        assertThat(claim.path("totalFen").asLong()).isEqualTo(vouchersFen);
        assertThat(claim.path("paymentMode").asText()).isEqualTo("REFUND_AFTER");
        assertThat(claim.path("extraApprovalRequired").asBoolean()).as("12,000 yuan is above the test threshold").isTrue();

        JsonNode ordered = story.approveThroughTheChain(claimId);
        assertThat(ordered.path("totalFen").asLong()).isEqualTo(vouchersFen);
        assertThat(ordered.path("decisions")).hasSize(4);
        JsonNode fund = Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
        assertThat(fund.path("committedFen").asLong()).isEqualTo(vouchersFen);
        assertThat(fund.path("availableFen").asLong()).isEqualTo(2_000_000L - vouchersFen);

        List<JsonNode> instructions = instructions(story, claimId);
        assertThat(instructions).hasSize(60).allMatch(i -> i.path("payeeType").asText().equals("TRAINEE"));
        assertThat(instructions.stream().mapToLong(i -> i.path("amountFen").asLong()).sum()).isEqualTo(vouchersFen);

        // The bureau pays 20 instructions, then goes down.
        bureauDownAfter(20);
        JsonNode firstRun = story.runPayments().json();
        assertThat(firstRun.path("paid").asInt()).isEqualTo(20);
        assertThat(firstRun.path("bureauUnavailable").asBoolean()).isTrue();
        assertThat(countByStatus(instructions(story, claimId))).containsEntry("PAID", 20L).containsEntry("PENDING", 40L);
        JsonNode stillDown = story.runPayments().json();
        assertThat(stillDown.path("paid").asInt()).isZero();

        // It comes back: the next runs pay the other 40, none twice.
        FinanceBureauStub.back();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(400)).until(() -> {
            http().as(story.finance).post("/api/subsidy/payment-runs", null);
            return countByStatus(instructions(story, claimId)).getOrDefault("PAID", 0L) == 60L;
        });
        JsonNode paidClaim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        assertThat(paidClaim.path("status").asText()).isEqualTo("PAID");

        List<JsonNode> paid = instructions(story, claimId);
        long paidFen = paid.stream().mapToLong(i -> i.path("amountFen").asLong()).sum();
        assertThat(paidFen).as("sum of vouchers = approved claim = instructions = paid").isEqualTo(vouchersFen);

        // Exactly one successful submission per instruction id reached the bureau; the failed ones paid nothing.
        Map<String, Long> paidSubmissions = FinanceBureauStub.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/v1/payment-instructions"))
                .filter(e -> e.getResponse().getStatus() == 201)
                .collect(Collectors.groupingBy(e -> e.getRequest().getHeader("Idempotency-Key"), Collectors.counting()));
        assertThat(paidSubmissions).hasSize(60).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1L));
        assertThat(paidSubmissions.keySet()).containsExactlyInAnyOrderElementsOf(
                paid.stream().map(i -> i.path("instructionId").asText()).toList());
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType("subsidy.payment.settled.v1").stream()
                .filter(t -> t.body().contains(claimId)).count() == 60);
        assertThat(tap.ofType("subsidy.claim.approved.v1").stream().filter(t -> t.body().contains(claimId))).hasSize(1);

        // The public notice: 60 trainees, masked ID numbers, amounts that add up; no token needed.
        JsonNode notice = Story.ok(http().get("/api/public/subsidy/recipients?divisionCode=" + story.county
                + "&classId=" + story.classId + "&size=100")).json();
        assertThat(notice.path("total").asLong()).isEqualTo(60);
        long noticeFen = 0;
        for (JsonNode r : notice.path("items")) {
            assertThat(r.path("maskedIdNumber").asText()).matches("\\d{6}\\*{8}\\d{3}[\\dX]");
            noticeFen += r.path("amountFen").asLong();
        }
        assertThat(noticeFen).isEqualTo(vouchersFen);

        // Reconciliation against the bureau's statement: clean, then with the bureau's own errors flagged.
        String today = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).toString();
        statement(today, paid, null, null);
        JsonNode clean = Story.ok(http().as(story.finance).post("/api/subsidy/reconciliations", Map.of("date", today))).json();
        assertThat(clean.path("mismatches")).isEmpty();
        assertThat(clean.path("bureauTotalFen").asLong()).isEqualTo(clean.path("ourPaidTotalFen").asLong());

        String dropped = paid.get(0).path("instructionId").asText();
        statement(today, paid, dropped, "unknown-instruction-1");
        JsonNode dirty = Story.ok(http().as(story.finance).post("/api/subsidy/reconciliations", Map.of("date", today))).json();
        List<String> kinds = new ArrayList<>();
        dirty.path("mismatches").forEach(m -> kinds.add(m.path("kind").asText() + ":" + m.path("instructionId").asText()));
        assertThat(kinds).contains("NOT_PAID_BY_BUREAU:" + dropped, "UNKNOWN_TO_US:unknown-instruction-1");
    }

    // ----------------------------------------------------------------------------------------------
    // Hole 2 of "money that cannot be paid wrongly": payment truth comes from the finance bureau.

    @Test
    void hole2_aSignedCallbackSettlesAnAcceptedInstructionOnceAfterTheBureauConfirmsIt() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String claimId = o.claimId();
        String id = acceptedByTheBureau(story, claimId);
        clock.advance(Duration.ofHours(1));
        Instant bureauPaidAt = TestClockConfiguration.START.plus(Duration.ofMinutes(30));
        bureauSays(id, "PAID", 200_000, bureauPaidAt.toString());

        // The notice's own time is plausible but the bureau's query API has the last word on it.
        String body = notice("PAID", 200_000, TestClockConfiguration.START.plus(Duration.ofMinutes(31)).toString());
        Http.Response settled = bureauTells(id, body);
        assertThat(settled.status()).as(settled.toString()).isEqualTo(200);
        assertThat(settled.json().path("status").asText()).isEqualTo("PAID");
        assertThat(settled.json().path("paidAt").asText()).isEqualTo(bureauPaidAt.toString());
        assertThat(settled.json().has("payeeName")).as("the bureau gets the state, not the payee").isFalse();
        assertThat(statusQueries(id)).as("the bureau's own record was asked").isEqualTo(1);
        String claimPaid = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).body();
        assertThat(claimPaid).contains("\"status\":\"PAID\"");

        // Told again, under the key the bureau is rotating away from: nothing more happens.
        String again = notice("PAID", 200_000, null);
        Http.Response twice = FinanceBureauStub.signed(http(), settlement(id), again, FinanceBureauStub.OLD_KEY_ID,
                FinanceBureauStub.OLD_SECRET, Instant.now(), FinanceBureauStub.freshNonce()).post(settlement(id), again);
        assertThat(twice.status()).as(twice.toString()).isEqualTo(200);
        assertThat(twice.json().path("paidAt").asText()).isEqualTo(bureauPaidAt.toString());

        assertThat(Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).body())
                .as("the claim was paid once: nothing of it changed on the second word").isEqualTo(claimPaid);
        await().atMost(Duration.ofSeconds(10)).until(() -> settledEvents(id) == 1);
        JsonNode instruction = instructions(story, claimId).get(0);
        assertThat(instruction.path("attempts").toString()).containsOnlyOnce("paid as");
        assertThat(settledEvents(id)).as("settled once, though told twice").isEqualTo(1);
    }

    @Test
    void hole2_settlementWithAServiceTokenIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = acceptedByTheBureau(story, o.claimId());
        bureauSays(id, "PAID", 200_000, null); // were it asked, the bureau would say paid
        Snapshot before = snapshot(story, id);

        String placementsToken = TestTokens.of("placement-service", java.util.Set.of("SERVICE"), story.county, null);
        String body = notice("PAID", 200_000, null);
        for (Http caller : List.of(http().as(placementsToken), http().as(story.finance), http())) {
            Http.Response r = caller.postRaw(settlement(id), body, "application/json");
            assertProblem(r, 401, "unauthorized");
        }
        assertThat(statusQueries(id)).as("nobody asked the bureau on an unsigned word").isZero();
        assertUnchanged(story, id, before);
    }

    @Test
    void hole2_forgedSignatureOrUnknownKeyIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = acceptedByTheBureau(story, o.claimId());
        bureauSays(id, "PAID", 200_000, null);
        Snapshot before = snapshot(story, id);
        String body = notice("PAID", 200_000, null);
        String path = settlement(id);

        // Signed with a secret that is not the bureau's.
        assertProblem(FinanceBureauStub.signed(http(), path, body, FinanceBureauStub.KEY_ID,
                "a-forger-guessing-the-secret-0123456789", Instant.now(), FinanceBureauStub.freshNonce())
                .post(path, body), 401, "unauthorized");
        // A key id nobody configured, with the real secret.
        assertProblem(FinanceBureauStub.signed(http(), path, body, "hubei-czt-2099", FinanceBureauStub.SECRET,
                Instant.now(), FinanceBureauStub.freshNonce()).post(path, body), 401, "unauthorized");
        // A real signature of another body, or of another instruction's path.
        String signedBody = notice("ACCEPTED", 200_000, null);
        assertProblem(FinanceBureauStub.signed(http(), path, signedBody).post(path, body), 401, "unauthorized");
        assertProblem(FinanceBureauStub.signed(http(), settlement(id + "x"), body).post(path, body), 401,
                "unauthorized");
        // A SERVICE token beside a forged signature does not help.
        String service = TestTokens.of("finance-bureau-system", java.util.Set.of("SERVICE"), story.county, null);
        Http forged = http().as(service).header(BureauSignatures.KEY_ID, FinanceBureauStub.KEY_ID)
                .header(BureauSignatures.TIMESTAMP, Long.toString(Instant.now().getEpochSecond()))
                .header(BureauSignatures.NONCE, FinanceBureauStub.freshNonce())
                .header(BureauSignatures.SIGNATURE, "0".repeat(64));
        assertProblem(forged.post(path, body), 401, "unauthorized");

        assertThat(statusQueries(id)).isZero();
        assertUnchanged(story, id, before);
    }

    @Test
    void hole2_replayedOrExpiredSignatureIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = acceptedByTheBureau(story, o.claimId());
        bureauSays(id, "PAID", 200_000, null);
        String body = notice("PAID", 200_000, null);
        String path = settlement(id);
        Snapshot accepted = snapshot(story, id);

        Instant sixMinutesAgo = Instant.now().minus(Duration.ofMinutes(6));
        assertProblem(FinanceBureauStub.signed(http(), path, body, FinanceBureauStub.KEY_ID, FinanceBureauStub.SECRET,
                sixMinutesAgo, FinanceBureauStub.freshNonce()).post(path, body), 401, "unauthorized");
        Instant sixMinutesAhead = Instant.now().plus(Duration.ofMinutes(6));
        assertProblem(FinanceBureauStub.signed(http(), path, body, FinanceBureauStub.KEY_ID, FinanceBureauStub.SECRET,
                sixMinutesAhead, FinanceBureauStub.freshNonce()).post(path, body), 401, "unauthorized");
        assertUnchanged(story, id, accepted);

        Http original = FinanceBureauStub.signed(http(), path, body);
        assertThat(original.post(path, body).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> settledEvents(id) == 1);
        Snapshot paid = snapshot(story, id);
        assertThat(paid.instruction()).contains("\"status\":\"PAID\"");

        Http.Response replay = original.post(path, body);
        assertProblem(replay, 401, "unauthorized");
        assertThat(replay.json().path("detail").asText()).contains("nonce");
        assertUnchanged(story, id, paid);
        assertThat(statusQueries(id)).as("only the first, fresh request reached the bureau").isEqualTo(1);
    }

    @Test
    void hole2_settlementOfAHeldOrNeverSentInstructionIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String claimId = o.claimId();
        String id = claimId + "-base";
        bureauSays(id, "PAID", 200_000, null);

        // Never sent: PENDING since the re-check.
        Snapshot pending = snapshot(story, id);
        assertThat(pending.instruction()).contains("\"status\":\"PENDING\"");
        String body = notice("PAID", 200_000, null);
        assertProblem(bureauTells(id, body), 409, "instruction-not-settleable");
        assertUnchanged(story, id, pending);

        // Held: the base was revoked, the relay keeps it back.
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED,
                Seeds.baseRevoked(story.baseId, story.county), story.baseId, story.county);
        await().atMost(Duration.ofSeconds(15)).until(() -> http().as(story.officer)
                .get("/api/subsidy/bases/" + story.baseId).json().path("paymentsHeld").asBoolean());
        story.runPayments();
        Snapshot held = snapshot(story, id);
        assertThat(held.instruction()).contains("\"heldBecause\":\"base revoked");
        Http.Response r = bureauTells(id, body);
        assertProblem(r, 409, "instruction-not-settleable");
        assertThat(r.json().path("detail").asText()).contains("held");
        assertUnchanged(story, id, held);
        assertThat(statusQueries(id)).isZero();
    }

    @Test
    void hole2_settlementOfARefusedInstructionIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = o.claimId() + "-base";
        WireMockServer s = FinanceBureauStub.server();
        s.resetMappings();
        s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"detail\":\"payee account closed\"}")));
        story.runPayments();
        bureauSays(id, "PAID", 200_000, null);
        Snapshot refused = snapshot(story, id);
        assertThat(refused.instruction()).contains("\"status\":\"REFUSED\"");

        String body = notice("PAID", 200_000, null);
        assertProblem(bureauTells(id, body), 409, "instruction-not-settleable");
        assertUnchanged(story, id, refused);
    }

    @Test
    void hole2_acceptedOnPendingChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = o.claimId() + "-base";
        Snapshot pending = snapshot(story, id);
        String body = notice("ACCEPTED", 200_000, null);
        assertProblem(bureauTells(id, body), 409, "instruction-not-settleable");
        assertUnchanged(story, id, pending);

        // It is not left unsent: the next run sends and pays it.
        story.runPayments();
        assertThat(instructions(story, o.claimId()).get(0).path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void hole2_backDatedOrFutureSettlementIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = acceptedByTheBureau(story, o.claimId()); // first sent at the clock's START
        clock.advance(Duration.ofHours(2));
        bureauSays(id, "PAID", 200_000, TestClockConfiguration.START.plus(Duration.ofMinutes(10)).toString());
        Snapshot before = snapshot(story, id);

        // The notice's own time: a day before the instruction was sent (yesterday's reconciliation has passed).
        String backDated = notice("PAID", 200_000, TestClockConfiguration.START.minus(Duration.ofDays(1)).toString());
        Http.Response r = bureauTells(id, backDated);
        assertProblem(r, 422, "settlement-time-out-of-range");
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("paidAt");
        // … or tomorrow.
        String future = notice("PAID", 200_000, clock.instant().plus(Duration.ofDays(1)).toString());
        assertProblem(bureauTells(id, future), 422, "settlement-time-out-of-range");
        assertThat(statusQueries(id)).isZero();
        assertUnchanged(story, id, before);

        // The bureau's own answer back-dated: refused the same, by the callback and by the relay's poll.
        bureauSays(id, "PAID", 200_000, TestClockConfiguration.START.minus(Duration.ofDays(2)).toString());
        String plain = notice("PAID", 200_000, null);
        Http.Response fromBureau = bureauTells(id, plain);
        assertProblem(fromBureau, 422, "settlement-time-out-of-range");
        assertThat(fromBureau.json().path("errors").get(0).path("field").asText()).isEqualTo("paidAt");
        assertUnchanged(story, id, before);
        JsonNode run = story.runPayments().json();
        assertThat(run.path("paid").asInt()).isZero();
        assertUnchanged(story, id, before);
    }

    @Test
    void hole2_callbackSaysPaidButBureauSaysNotIsRefusedAndChangesNothing() {
        Ordered o = orderedClaim();
        Story story = o.story();
        String id = acceptedByTheBureau(story, o.claimId());
        Snapshot before = snapshot(story, id);
        String body = notice("PAID", 200_000, null);

        bureauSays(id, "ACCEPTED", 200_000, null);
        assertProblem(bureauTells(id, body), 409, "payment-not-confirmed");
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/payment-instructions/" + id))
                .willReturn(aResponse().withStatus(404)));
        assertProblem(bureauTells(id, body), 409, "payment-not-confirmed");
        bureauSays(id, "PAID", 100_000, null);
        assertProblem(bureauTells(id, body), 422, "bureau-mismatch");
        String wrongAmount = notice("PAID", 100_000, null);
        assertProblem(bureauTells(id, wrongAmount), 422, "bureau-mismatch");
        assertUnchanged(story, id, before);

        // The bureau's query API is down: 503, nothing changed; the relay's poll settles it later.
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/payment-instructions/" + id))
                .willReturn(aResponse().withStatus(503)));
        assertProblem(bureauTells(id, body), 503, "finance-bureau-unavailable");
        assertUnchanged(story, id, before);
        bureauSays(id, "PAID", 200_000, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            http().as(story.finance).post("/api/subsidy/payment-runs", null);
            return instructions(story, o.claimId()).get(0).path("status").asText().equals("PAID");
        });
    }

    /** A base's claim of 10 vouchers (200,000 fen, 以降代补: one instruction to the base), re-checked: PENDING. */
    private Ordered orderedClaim() {
        Story story = claimableStory(10, 1_000_000);
        String claimId = story.approvedClaim(story.enrollmentIds);
        return new Ordered(story, claimId);
    }

    private record Ordered(Story story, String claimId) {
    }

    /** The bureau takes the claim's instruction and pays it later: ACCEPTED after a run. */
    private String acceptedByTheBureau(Story story, String claimId) {
        WireMockServer s = FinanceBureauStub.server();
        s.resetMappings();
        s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions")).willReturn(
                aResponse().withStatus(202).withHeader("Content-Type", "application/json")
                        .withTransformers("response-template")
                        .withBody("{\"instructionId\":\"{{jsonPath request.body '$.instructionId'}}\","
                                + "\"bureauReference\":\"CZ-LATER\",\"status\":\"ACCEPTED\","
                                + "\"amountFen\":{{jsonPath request.body '$.amountFen'}} }")));
        String id = claimId + "-base";
        bureauSays(id, "ACCEPTED", 200_000, null);
        story.runPayments();
        JsonNode instruction = instructions(story, claimId).get(0);
        assertThat(instruction.path("status").asText()).as(instruction.toString()).isEqualTo("ACCEPTED");
        assertThat(instruction.path("amountFen").asLong()).isEqualTo(200_000L);
        s.resetRequests();
        return id;
    }

    /** The bureau's signed callback about the instruction, with this notice. */
    private Http.Response bureauTells(String id, String notice) {
        return FinanceBureauStub.signed(http(), settlement(id), notice).post(settlement(id), notice);
    }

    /** What the bureau's query API answers for the instruction. */
    private static void bureauSays(String id, String status, long amountFen, String paidAt) {
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/payment-instructions/" + id)).willReturn(okJson(
                "{\"instructionId\":\"" + id + "\",\"bureauReference\":\"CZ-LATER\",\"status\":\"" + status
                        + "\",\"amountFen\":" + amountFen + (paidAt == null ? "" : ",\"paidAt\":\"" + paidAt + "\"")
                        + "}")));
    }

    private static long statusQueries(String id) {
        return FinanceBureauStub.server().getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("GET"))
                .filter(e -> e.getRequest().getUrl().equals("/api/v1/payment-instructions/" + id)).count();
    }

    private static String settlement(String instructionId) {
        return "/api/subsidy/payment-instructions/" + instructionId + "/settlement";
    }

    private static String notice(String status, long amountFen, String paidAt) {
        Map<String, Object> n = new java.util.LinkedHashMap<>();
        n.put("bureauReference", "CZ-LATER");
        n.put("status", status);
        n.put("amountFen", amountFen);
        if (paidAt != null) {
            n.put("paidAt", paidAt);
        }
        return JSON.writeValueAsString(n);
    }

    private static long settledEvents(String instructionId) {
        return tap.ofType("subsidy.payment.settled.v1").stream().filter(t -> t.body().contains(instructionId)).count();
    }

    /** The instruction (as stored, its version included), its claim, and the settlement events published for it. */
    private record Snapshot(String instruction, long version, String claim, long events) {
    }

    private Snapshot snapshot(Story story, String instructionId) {
        org.bson.Document stored = mongo.findById(instructionId, org.bson.Document.class, "payment_instructions");
        assertThat(stored).isNotNull();
        String claimId = instructionId.substring(0, instructionId.length() - "-base".length());
        JsonNode view = instructions(story, claimId).stream()
                .filter(i -> i.path("instructionId").asText().equals(instructionId)).findFirst().orElseThrow();
        String claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).body();
        return new Snapshot(view.toString(), ((Number) stored.get("version")).longValue(), claim,
                settledEvents(instructionId));
    }

    private void assertUnchanged(Story story, String instructionId, Snapshot before) {
        Snapshot after = snapshot(story, instructionId);
        assertThat(after).isEqualTo(before);
        org.bson.Document stored = mongo.findById(instructionId, org.bson.Document.class, "payment_instructions");
        Object outbox = stored.get("_outbox");
        assertThat(outbox == null || ((List<?>) outbox).isEmpty()).as("no event waits to be published").isTrue();
    }

    private static void assertProblem(Http.Response r, int status, String kind) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:" + kind);
    }

    @Test
    void aCountySplitPaysSeventyPercentAtCompletionAndTheRestForPlacedTraineesOnly() {
        Story story = newStory().setUp("REDUCED_FEE", 1_000_000);
        story.splitAt(7000);
        assertThat(http().as(story.officer).post("/api/subsidy/split-policies", Map.of("divisionCode", story.county,
                "year", story.year, "completionShareBp", 5000, "reason", "changed our mind")).status())
                .as("set once: claims depend on it").isEqualTo(409);
        story.enrollAndIssue(Story.tiers343(10)); // 3 × 100 + 4 × 200 + 3 × 300 yuan = 200,000 fen
        story.redeemAll();
        story.completeAll();

        assertThat(story.claimPlacementPart(story.enrollmentIds.subList(0, 1)).status())
                .as("the placement part comes after the completion part").isEqualTo(422);
        JsonNode completion = Story.ok(story.claim(story.enrollmentIds)).json();
        assertThat(completion.path("part").asText()).isEqualTo("COMPLETION");
        assertThat(completion.path("totalFen").asLong()).isEqualTo(140_000L);

        List<String> placedOnes = story.enrollmentIds.subList(0, 8);
        story.placed(placedOnes);
        Http.Response withUnplaced = story.claimPlacementPart(story.enrollmentIds);
        assertThat(withUnplaced.status()).isEqualTo(422);
        assertThat(withUnplaced.body()).contains("is not placed");
        JsonNode placement = Story.ok(story.claimPlacementPart(placedOnes)).json();
        // 30 % of 3 × 10,000 + 4 × 20,000 + 1 × 30,000 fen
        assertThat(placement.path("totalFen").asLong()).isEqualTo(42_000L);
        assertThat(story.claimPlacementPart(placedOnes).status()).as("claimed once").isEqualTo(422);

        String completionId = completion.path("claimId").asText();
        String placementId = placement.path("claimId").asText();
        story.approveThroughTheChain(completionId);
        story.approveThroughTheChain(placementId);
        story.runPayments();
        long paid = 0;
        for (String id : List.of(completionId, placementId)) {
            for (JsonNode i : instructions(story, id)) {
                assertThat(i.path("status").asText()).isEqualTo("PAID");
                paid += i.path("amountFen").asLong();
            }
        }
        assertThat(paid).isEqualTo(182_000L);
        JsonNode notice = Story.ok(http().get("/api/public/subsidy/recipients?divisionCode=" + story.county
                + "&classId=" + story.classId)).json();
        long noticed = 0;
        for (JsonNode r : notice.path("items")) {
            noticed += r.path("amountFen").asLong();
        }
        assertThat(notice.path("total").asLong()).isEqualTo(18);
        assertThat(noticed).isEqualTo(182_000L);

        // Recovering the first trainee's subsidy takes back both parts paid for them.
        JsonNode order = Story.ok(http().as(story.officer).post("/api/subsidy/recoveries", Map.of("baseId", story.baseId,
                "enrollmentIds", List.of(story.enrollmentIds.get(0)), "reason", "同一人在安陆市重复享受补助"))).json();
        assertThat(order.path("amountFen").asLong()).isEqualTo(10_000L);
        assertThat(order.path("items")).hasSize(2);
    }

    @Test
    void instructionsLostBetweenTheRecheckAndTheirWriteAreOrderedAgainAndAnAcceptedPaymentIsPolledUntilPaid() {
        Story story = claimableStory(10, 1_000_000);
        String claimId = story.approvedClaim(story.enrollmentIds);
        // The process stopped after the re-check was stored and before its instructions were.
        mongo.remove(org.springframework.data.mongodb.core.query.Query.query(
                org.springframework.data.mongodb.core.query.Criteria.where("claimId").is(claimId)), "payment_instructions");

        WireMockServer s = FinanceBureauStub.server();
        s.resetMappings();
        s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions")).willReturn(okJson(
                "{\"instructionId\":\"" + claimId + "-base\",\"bureauReference\":\"CZ-POLL\",\"status\":\"ACCEPTED\","
                        + "\"amountFen\":200000}")));
        s.stubFor(get(urlPathEqualTo("/api/v1/payment-instructions/" + claimId + "-base")).willReturn(okJson(
                "{\"instructionId\":\"" + claimId + "-base\",\"bureauReference\":\"CZ-POLL\",\"status\":\"PAID\","
                        + "\"amountFen\":200000,\"paidAt\":\"" + clock.instant() + "\"}")));

        JsonNode run = story.runPayments().json();
        assertThat(run.path("accepted").asInt()).as(run.toString()).isEqualTo(1);
        assertThat(run.path("paid").asInt()).as("the same run polls what was accepted").isEqualTo(1);
        List<JsonNode> paid = instructions(story, claimId);
        assertThat(paid).hasSize(1);
        assertThat(paid.get(0).path("status").asText()).isEqualTo("PAID");
        assertThat(paid.get(0).path("amountFen").asLong()).isEqualTo(200_000L);
        assertThat(paid.get(0).path("paidAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(story.claimStatus(claimId)).isEqualTo("PAID");
        assertThat(s.getAllServeEvents().stream().filter(e -> e.getRequest().getMethod().getName().equals("POST")))
                .as("sent once").hasSize(1);
    }

    private List<JsonNode> instructions(Story story, String claimId) {
        Http.Response r = http().as(story.finance).get("/api/subsidy/claims/" + claimId + "/payment-instructions");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    private static Map<String, Long> countByStatus(List<JsonNode> instructions) {
        return instructions.stream().collect(Collectors.groupingBy(i -> i.path("status").asText(), Collectors.counting()));
    }

    /** The bureau pays {@code n} submissions, then answers 503 to everything. */
    private static void bureauDownAfter(int n) {
        WireMockServer s = FinanceBureauStub.server();
        s.resetMappings();
        s.resetScenarios();
        for (int k = 0; k < n; k++) {
            s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions")).inScenario("outage")
                    .whenScenarioStateIs(k == 0 ? Scenario.STARTED : "paid-" + k)
                    .willSetStateTo(k == n - 1 ? "down" : "paid-" + (k + 1))
                    .withHeader("Idempotency-Key", matching(".+"))
                    .willReturn(FinanceBureauStub.paid()));
        }
        s.stubFor(post(urlPathEqualTo("/api/v1/payment-instructions")).inScenario("outage").whenScenarioStateIs("down")
                .willReturn(aResponse().withStatus(503)));
    }

    /** The bureau's statement of the day: our paid instructions, less one, plus one of its own. */
    private static void statement(String date, List<JsonNode> paid, String leaveOut, String extraId) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (JsonNode i : paid) {
            if (i.path("instructionId").asText().equals(leaveOut)) {
                continue;
            }
            entries.add(entry(i.path("instructionId").asText(), i.path("amountFen").asLong()));
        }
        if (extraId != null) {
            entries.add(entry(extraId, 20_000));
        }
        long total = entries.stream().mapToLong(e -> (long) e.get("amountFen")).sum();
        FinanceBureauStub.server().stubFor(get(urlPathEqualTo("/api/v1/statements")).willReturn(okJson(
                JSON.writeValueAsString(Map.of("date", date, "entries", entries, "totalFen", total)))));
    }

    private static Map<String, Object> entry(String id, long fen) {
        Map<String, Object> e = new HashMap<>();
        e.put("instructionId", id);
        e.put("bureauReference", "CZ-" + id);
        e.put("status", "PAID");
        e.put("amountFen", fen);
        e.put("payeeType", "TRAINEE");
        e.put("payeeId", id);
        e.put("paidAt", java.time.Instant.now().toString());
        return e;
    }

}
