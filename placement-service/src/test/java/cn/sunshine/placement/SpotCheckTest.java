package cn.sunshine.placement;

import cn.sunshine.placement.spotcheck.Sampler;
import cn.sunshine.placement.spotcheck.SpotCheck;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import cn.sunshine.placement.contact.ContactLookups;
import cn.sunshine.placement.contact.EnrollmentContactClient;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A base reports 100 placements; a county officer draws 5 with the server's seed, recorded before the
 * draw (an officer's own seed is refused; an auditor repeats the draw from the record); the call list's phones come from enrollment's audited lookup (WireMock); one call
 * finds the trainee never worked there and the finding is published; when enrollment fails or is
 * slow, the draw still completes with those contacts pending.
 */
@SunshineServiceTest
class SpotCheckTest extends ContactLookupTestSupport {

    private static final String PHONE = "13812345678";

    @Autowired
    private ContactLookups lookups;

    @Test
    void whileEnrollmentKeepsFailingTheCircuitOpensAndDrawsStillCompleteAtOnceWithContactsPending() {
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(500)));
        var breaker = breakers.circuitBreaker(ContactLookups.BREAKER);
        assertThat(breaker.getCircuitBreakerConfig().getMinimumNumberOfCalls()).as("application.yml applies").isEqualTo(10);
        for (int i = 0; i < 10; i++) {
            assertThat(lookups.lookup("e-" + i, EnrollmentContactClient.Purpose.SPOT_CHECK, "test").outcome())
                    .isEqualTo(ContactLookups.Outcome.PENDING);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int before = enrollment.getAllServeEvents().size();

        String baseId = baseWithPlacements(20);
        JsonNode drawn = draw(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG)), baseId);
        assertThat(drawn.path("contactsPending").asInt()).isEqualTo(1);
        assertThat(drawn.path("items").get(0).path("contactProblem").asText()).contains("circuit open");
        assertThat(enrollment.getAllServeEvents()).as("enrollment is not asked while the circuit is open").hasSize(before);
    }

    /** The officer draws a spot check of the base (201); the check as drawn. */
    private static JsonNode draw(Http officer, String baseId) {
        Http.Response drawn = officer.post("/api/placement/spot-checks", drawBody(baseId));
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
        return drawn.json();
    }

    private void enrollmentAnswers() {
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"enrollmentId\":\"{{jsonPath request.body '$.enrollmentId'}}\",\"name\":\"学员\","
                        + "\"phone\":\"" + PHONE + "\",\"householdDivision\":\"420981\",\"town\":\"城中街道\","
                        + "\"village\":null,\"lookupId\":\"{{randomValue type='UUID'}}\"}")
                .withTransformers("response-template")));
    }

    /** {@code n} completers of a new base in Yingcheng, each placed by the base today; returns the base id. */
    private String baseWithPlacements(int n) {
        String baseId = UUID.randomUUID().toString();
        List<String> completers = complete(n, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        for (String id : completers) {
            assertThat(staff.post("/api/placement/placements", placeBody(id, LocalDate.of(2026, 7, 1))).status())
                    .isEqualTo(201);
        }
        return baseId;
    }

    private static Map<String, Object> drawBody(String baseId) {
        return Map.of("baseId", baseId, "periodFrom", "2026-06-01", "periodTo", "2026-06-30");
    }

    /**
     * What an auditor does with nothing but the round's record: repeat each stratum's draw with the
     * published algorithm and compare it with the sample recorded and the spot check's call list.
     */
    private void auditorReproduces(String roundId) {
        Http auditor = http().as(TestTokens.of("AUDITOR", Seeds.YINGCHENG));
        Http.Response got = auditor.get("/api/placement/spot-check-rounds/" + roundId);
        assertThat(got.status()).as(got.body()).isEqualTo(200);
        JsonNode record = got.json();
        assertThat(record.path("status").asText()).isEqualTo("DRAWN");
        long roundSeed = record.path("seed").asLong();
        assertThat(record.path("seedCommitment").asText()).isEqualTo(Sampler.commitment(roundSeed));
        assertThat(record.path("seedSource").asText()).contains("HMAC-SHA256").contains("roundId");
        int rate = record.path("sampleRateBp").asInt();
        int minimum = record.path("minimumPerBase").asInt();
        assertThat(record.path("strata").size()).isPositive();
        for (JsonNode stratum : record.path("strata")) {
            List<String> population = new ArrayList<>();
            stratum.path("populationIds").forEach(id -> population.add(id.asText()));
            assertThat(population).hasSize(stratum.path("population").asInt());
            long seed = Sampler.stratumSeed(roundSeed, stratum.path("baseId").asText());
            assertThat(stratum.path("seed").asLong()).isEqualTo(seed);
            int size = (int) Math.min(population.size(), Math.max(minimum, ((long) population.size() * rate + 9_999) / 10_000));
            List<String> repeated = Sampler.draw(population, size, seed);
            List<String> recorded = new ArrayList<>();
            stratum.path("sampleIds").forEach(id -> recorded.add(id.asText()));
            assertThat(repeated).as("the auditor's repetition of the draw").containsExactlyElementsOf(recorded);
            JsonNode check = auditor.get("/api/placement/spot-checks/" + stratum.path("spotCheckId").asText()).json();
            assertThat(sampled(check)).containsExactlyElementsOf(recorded);
            assertThat(check.path("roundId").asText()).isEqualTo(roundId);
        }
        // outside the round's county it does not exist
        assertThat(http().as(TestTokens.of("AUDITOR", Seeds.ANLU)).get("/api/placement/spot-check-rounds/" + roundId)
                .status()).isEqualTo(404);
    }

    private static List<String> sampled(JsonNode check) {
        return itemValues(check, "placementId");
    }

    @Test
    void fivePercentOfAHundredAreDrawnReproduciblyCalledAndADiscrepancyIsPublishedAsAFinding() {
        enrollmentAnswers();
        String baseId = baseWithPlacements(100);
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));

        JsonNode check = draw(county, baseId);
        assertThat(check.path("population").asInt()).isEqualTo(100);
        assertThat(check.path("sampled").asInt()).isEqualTo(5);
        long seed = check.path("seed").asLong();
        assertThat(check.path("contactsPending").asInt()).isZero();
        check.path("items").forEach(i -> {
            assertThat(i.path("contact").asText()).isEqualTo("RETRIEVED");
            assertThat(i.path("phone").asText()).isEqualTo(PHONE);
        });
        List<String> sample = sampled(check);
        assertThat(sample).doesNotHaveDuplicates().allMatch(id -> id.endsWith("-1"));

        // the seed is the server's: a county officer who names one is refused, and nothing is drawn
        Http.Response steered = county.post("/api/placement/spot-checks", Map.of("baseId", baseId,
                "periodFrom", "2026-06-01", "periodTo", "2026-06-30", "seed", 20261015L));
        assertThat(steered.status()).as(steered.body()).isEqualTo(400);
        assertThat(steered.json().path("errors").get(0).path("field").asText()).isEqualTo("seed");
        // the auditor repeats the draw from what was recorded before it; a later draw has its own seed
        auditorReproduces(check.path("roundId").asText());
        JsonNode later = county.post("/api/placement/spot-checks", drawBody(baseId)).json();
        assertThat(later.path("seed").asLong()).isNotEqualTo(seed);
        assertThat(sampled(later)).hasSize(5);
        county.post("/api/placement/spot-checks", drawBody(baseId));

        // every contact came through the audited lookup, as this service, for the stated purpose
        enrollment.verify(15, postRequestedFor(urlEqualTo(LOOKUPS))
                .withHeader("Authorization", equalTo("Bearer " + EnrollmentStub.SERVICE_TOKEN))
                .withRequestBody(matchingJsonPath("$.purpose", equalTo("SPOT_CHECK")))
                .withRequestBody(matchingJsonPath("$.reason")));

        // others in the county see the list with phones masked; another county does not see it
        String id = check.path("id").asText();
        JsonNode audited = http().as(TestTokens.of("AUDITOR", Seeds.YINGCHENG)).get("/api/placement/spot-checks/" + id).json();
        assertThat(audited.path("items").get(0).path("phone").asText()).isNotEqualTo(PHONE).contains("*");
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/placement/spot-checks/" + id)
                .status()).isEqualTo(404);
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).post("/api/placement/spot-checks",
                drawBody(baseId)).status()).isEqualTo(422);

        // the calls: the first trainee never worked there, the others confirm everything
        String neverWorked = sample.get(0);
        Http.Response call = county.post("/api/placement/spot-checks/" + id + "/calls",
                Map.of("placementId", neverWorked, "reached", true, "attendedTraining", true,
                        "employedAsReported", false, "subsidyReceived", true, "chargedFee", false,
                        "note", "从未在该单位工作"));
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        for (String other : sample.subList(1, 5)) {
            assertThat(county.post("/api/placement/spot-checks/" + id + "/calls",
                    Map.of("placementId", other, "reached", true, "attendedTraining", true,
                            "employedAsReported", true, "subsidyReceived", true, "chargedFee", false)).status())
                    .isEqualTo(200);
        }
        assertThat(county.post("/api/placement/spot-checks/" + id + "/calls",
                Map.of("placementId", sample.get(1), "reached", false)).status()).isEqualTo(409);

        var findings = published(EventTypes.FINDING_RECORDED, e -> e.path("spotCheckId").asText().equals(id), 1);
        assertThat(findings).hasSize(1);
        assertGoldenShape(EventTypes.FINDING_RECORDED, findings.get(0).body());
        JsonNode finding = JSON.readTree(findings.get(0).body());
        assertThat(finding.path("kind").asText()).isEqualTo("NOT_EMPLOYED_AS_REPORTED");
        assertThat(finding.path("placementId").asText()).isEqualTo(neverWorked);
        assertThat(finding.path("baseId").asText()).isEqualTo(baseId);
        assertThat(finding.path("year").asInt()).isEqualTo(2026);

        Http.Response concluded = county.post("/api/placement/spot-checks/" + id + "/conclusion", null);
        assertThat(concluded.status()).as(concluded.body()).isEqualTo(200);
        var rounds = published(EventTypes.SPOT_CHECK_CONCLUDED, e -> e.path("spotCheckId").asText().equals(id), 1);
        assertGoldenShape(EventTypes.SPOT_CHECK_CONCLUDED, rounds.get(0).body());
        JsonNode round = JSON.readTree(rounds.get(0).body());
        assertThat(round.path("population").asInt()).isEqualTo(100);
        assertThat(round.path("sampled").asInt()).isEqualTo(5);
        assertThat(round.path("called").asInt()).isEqualTo(5);
        assertThat(round.path("confirmed").asInt()).isEqualTo(4);
        assertThat(round.path("seed").asLong()).isEqualTo(seed);
        assertThat(round.path("findings").get(0).asText()).isEqualTo("NOT_EMPLOYED_AS_REPORTED");

        // the phones are gone once the round is concluded
        assertThat(mongo.findById(id, SpotCheck.class).getItems()).allMatch(i -> i.phone() == null);
    }

    @Test
    void aCountyWideRoundDrawsEachBaseAsAStratumReproducibly() {
        enrollmentAnswers();
        clock.set(java.time.Instant.parse("2026-12-01T02:00:00Z")); // reported in December: this test's period alone
        String big = baseWithPlacements(40);
        String small = baseWithPlacements(3);
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        Map<String, Object> december = Map.of("periodFrom", "2026-12-01", "periodTo", "2026-12-31");

        Http.Response drawn = county.post("/api/placement/spot-check-rounds", december);
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
        JsonNode round = drawn.json();
        assertThat(round.path("seedCommitment").asText()).isEqualTo(Sampler.commitment(round.path("seed").asLong()));
        assertThat(drawn.headers().firstValue("Location")).hasValue("/api/placement/spot-check-rounds/" + round.path("roundId").asText());
        Map<String, JsonNode> byBase = new java.util.HashMap<>();
        round.path("spotChecks").forEach(c -> byBase.put(c.path("baseId").asText(), c));
        assertThat(byBase).containsOnlyKeys(big, small);
        assertThat(byBase.get(big).path("sampled").asInt()).isEqualTo(2);
        assertThat(byBase.get(small).path("sampled").asInt()).as("at least one per base").isEqualTo(1);
        assertThat(byBase.get(big).path("roundId").asText()).isEqualTo(round.path("roundId").asText());
        assertThat(byBase.get(big).path("seed").asLong()).isNotEqualTo(byBase.get(small).path("seed").asLong());

        auditorReproduces(round.path("roundId").asText());
        Http.Response steered = county.post("/api/placement/spot-check-rounds",
                Map.of("periodFrom", "2026-12-01", "periodTo", "2026-12-31", "seed", 99L));
        assertThat(steered.status()).as("the officer checked cannot choose the seed").isEqualTo(400);
        assertThat(steered.body()).contains("seed");
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).post("/api/placement/spot-check-rounds",
                december).status()).isEqualTo(422);
    }

    @Test
    void whenEnrollmentFailsTheDrawCompletesWithContactsPendingAndALaterRetryFetchesThem() {
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(503)));
        String baseId = baseWithPlacements(40);
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));

        JsonNode check = draw(county, baseId);
        assertThat(check.path("sampled").asInt()).isEqualTo(2);
        assertThat(check.path("contactsPending").asInt()).isEqualTo(2);
        check.path("items").forEach(i -> {
            assertThat(i.path("contact").asText()).isEqualTo("PENDING");
            assertThat(i.path("phone").isNull()).isTrue();
            assertThat(i.path("contactProblem").asText()).contains("503");
        });

        enrollment.resetAll();
        enrollmentAnswers();
        JsonNode retried = county.post("/api/placement/spot-checks/" + check.path("id").asText() + "/contacts", null).json();
        assertThat(retried.path("contactsPending").asInt()).isZero();
        assertThat(sampled(retried)).containsExactlyElementsOf(sampled(check));
        retried.path("items").forEach(i -> assertThat(i.path("phone").asText()).isEqualTo(PHONE));
    }

    @Test
    void malformedDrawsAndCallsAreRefusedNamingTheFieldNever500() {
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        assertThat(county.postRaw("/api/placement/spot-checks", "{\"baseId\":", "application/json").status()).isEqualTo(400);
        assertThat(county.post("/api/placement/spot-checks", Map.of("baseId", "b", "periodFrom", "2026-13-01",
                "periodTo", "2026-12-31")).status()).isEqualTo(400);
        assertThat(county.post("/api/placement/spot-checks", Map.of("baseId", "b", "periodFrom", "2026-06-01",
                "periodTo", "2026-06-30", "seed", "many")).status()).isEqualTo(400);
        Http.Response backwards = county.post("/api/placement/spot-checks", Map.of("baseId", "b",
                "periodFrom", "2026-06-30", "periodTo", "2026-06-01"));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.body()).contains("periodTo");
        assertThat(county.post("/api/placement/spot-checks", Map.of("baseId", "b", "periodFrom", "2025-12-01",
                "periodTo", "2026-01-31")).status()).as("one program year").isEqualTo(400);
        assertThat(county.post("/api/placement/spot-checks/no-such-check/calls", Map.of("placementId", "p",
                "reached", true)).status()).isEqualTo(404);
        assertThat(county.get("/api/placement/follow-ups?state=SOON").status()).isEqualTo(400);
        assertThat(county.get("/api/placement/follow-ups").status()).isEqualTo(400);
    }

    @Autowired
    private cn.sunshine.placement.spotcheck.SpotChecks spotChecks;

    @Test
    void phonesOfACheckLeftOpenAreErasedAfterTheRetentionAndCanBeAskedForAgain() {
        enrollmentAnswers();
        String baseId = baseWithPlacements(20);
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        String id = county.post("/api/placement/spot-checks", drawBody(baseId)).json().path("id").asText();

        clock.set(java.time.Instant.parse("2026-07-29T02:00:00Z")); // 29 days: kept
        spotChecks.erasePhonesPastRetention();
        assertThat(mongo.findById(id, SpotCheck.class).getItems()).allMatch(i -> PHONE.equals(i.phone()));

        clock.set(java.time.Instant.parse("2026-07-31T02:00:00Z")); // 31 days: erased, pending again
        assertThat(spotChecks.erasePhonesPastRetention()).isGreaterThanOrEqualTo(1);
        JsonNode held = county.get("/api/placement/spot-checks/" + id).json();
        assertThat(held.path("contactsPending").asInt()).isEqualTo(1);
        assertThat(held.path("items").get(0).path("phone").isNull()).isTrue();
        assertThat(mongo.findById(id, SpotCheck.class).getItems()).allMatch(i -> i.phone() == null);

        JsonNode again = county.post("/api/placement/spot-checks/" + id + "/contacts", null).json();
        assertThat(again.path("items").get(0).path("phone").asText()).isEqualTo(PHONE);
    }

    @Test
    void whenEnrollmentIsTooSlowTheDrawCompletesWithContactsPending() {
        enrollment.stubFor(post(urlEqualTo(LOOKUPS)).willReturn(aResponse().withStatus(200).withFixedDelay(3000)
                .withHeader("Content-Type", "application/json").withBody("{\"phone\":\"" + PHONE + "\"}")));
        String baseId = baseWithPlacements(20);

        JsonNode check = draw(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG)), baseId);
        assertThat(check.path("sampled").asInt()).as("at least one per base").isEqualTo(1);
        assertThat(check.path("contactsPending").asInt()).isEqualTo(1);
        assertThat(check.path("items").get(0).path("phone").isNull()).isTrue();
        assertThat(check.path("items").get(0).path("contactProblem").asText()).isEqualTo("enrollment did not answer in time");
    }

    /**
     * Hole 6: a round, a call that finds the trainee was never employed as reported, and the placement
     * is DISPROVED (kept, with the finding): it leaves the base's rate and the progress figures, the
     * current lists and later draws; {@code placement.placement.disproved.v1} is published once with
     * its fields, however often the finding arrives. The trainee's real job is then a new placement.
     */
    @Test
    void hole6_aFalsePlacementIsDisprovedAndLeavesTheRate() {
        enrollmentAnswers();
        clock.set(java.time.Instant.parse("2026-11-04T02:00:00Z")); // reported in November: this test's period alone
        String baseId = UUID.randomUUID().toString();
        List<String> completers = complete(4, "class-" + baseId, baseId, Seeds.YINGCHENG, 2026);
        Http staff = http().as(TestTokens.baseStaff(Seeds.YINGCHENG, baseId));
        for (String id : completers) {
            assertThat(staff.post("/api/placement/placements", placeBody(id, LocalDate.of(2026, 11, 2))).status())
                    .isEqualTo(201);
        }
        Http county = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG));
        String rate = "/api/placement/rates?year=2026&baseId=" + baseId;
        String progress = "/api/placement/progress?division=" + Seeds.YINGCHENG + "&from=2026-11-01&to=2026-11-30";
        JsonNode rateBefore = county.get(rate).json();
        assertThat(rateBefore.path("placed").asLong()).isEqualTo(4);
        assertThat(rateBefore.path("rateBp").asInt()).isEqualTo(10000);
        long placedBefore = county.get(progress).json().path("figures").path("placed").asLong();
        long disprovedBefore = county.get(progress).json().path("figures").path("disproved").asLong();

        // the county's round over November: our base is one stratum; its one sampled trainee never worked there
        clock.set(java.time.Instant.parse("2026-11-20T02:00:00Z"));
        Http.Response drawn = county.post("/api/placement/spot-check-rounds",
                Map.of("periodFrom", "2026-11-01", "periodTo", "2026-11-30"));
        assertThat(drawn.status()).as(drawn.body()).isEqualTo(201);
        JsonNode ours = null;
        for (JsonNode c : drawn.json().path("spotChecks")) {
            if (c.path("baseId").asText().equals(baseId)) {
                ours = c;
            }
        }
        assertThat(ours).as("our base is a stratum of the round").isNotNull();
        String checkId = ours.path("id").asText();
        String falsePlacement = ours.path("items").get(0).path("placementId").asText();
        Http.Response call = county.post("/api/placement/spot-checks/" + checkId + "/calls",
                Map.of("placementId", falsePlacement, "reached", true, "attendedTraining", true,
                        "employedAsReported", false, "subsidyReceived", true, "chargedFee", false,
                        "note", "从未在该单位工作"));
        assertThat(call.status()).as(call.body()).isEqualTo(200);
        String findingId = checkId + "-" + falsePlacement + "-NOT_EMPLOYED_AS_REPORTED";

        // the placement is DISPROVED by the finding: kept, with the finding, who and when
        await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                county.get("/api/placement/placements/" + falsePlacement).json().path("status").asText().equals("DISPROVED"));
        JsonNode disproved = county.get("/api/placement/placements/" + falsePlacement).json();
        assertThat(disproved.path("disproval").path("findingId").asText()).isEqualTo(findingId);
        assertThat(disproved.path("disproval").path("spotCheckId").asText()).isEqualTo(checkId);
        assertThat(disproved.path("disproval").path("kind").asText()).isEqualTo("NOT_EMPLOYED_AS_REPORTED");
        assertThat(disproved.path("disproval").path("statusBefore").asText()).isEqualTo("CURRENT");
        assertThat(disproved.path("disproval").path("by").asText()).isEqualTo("county-officer-" + Seeds.YINGCHENG);
        assertThat(disproved.path("disproval").path("at").asText()).isEqualTo("2026-11-20T02:00:00Z");
        assertThat(disproved.path("nextDueOn").isNull()).as("no follow-ups of a job that never was").isTrue();
        disproved.path("followUps").forEach(f -> assertThat(f.path("status").asText()).isEqualTo("CANCELLED"));

        // the rate and the progress figures drop by one
        JsonNode rateAfter = county.get(rate).json();
        assertThat(rateAfter.path("completed").asLong()).isEqualTo(4);
        assertThat(rateAfter.path("placed").asLong()).isEqualTo(3);
        assertThat(rateAfter.path("disproved").asLong()).isEqualTo(1);
        assertThat(rateAfter.path("rateBp").asInt()).isEqualTo(7500);
        JsonNode figures = county.get(progress).json().path("figures");
        assertThat(figures.path("placed").asLong()).isEqualTo(placedBefore - 1);
        assertThat(figures.path("disproved").asLong()).isEqualTo(disprovedBefore + 1);

        // out of the current list, still in the trainee's history with its state; never drawn again
        String enrollmentId = disproved.path("enrollmentId").asText();
        JsonNode current = staff.get("/api/placement/placements?baseId=" + baseId + "&status=CURRENT").json();
        assertThat(current.path("total").asInt()).isEqualTo(3);
        current.path("items").forEach(i -> assertThat(i.path("id").asText()).isNotEqualTo(falsePlacement));
        JsonNode history = staff.get("/api/placement/placements?enrollmentId=" + enrollmentId).json();
        assertThat(history.path("items").get(0).path("status").asText()).isEqualTo("DISPROVED");
        JsonNode again = county.post("/api/placement/spot-checks", Map.of("baseId", baseId,
                "periodFrom", "2026-11-01", "periodTo", "2026-11-30")).json();
        assertThat(again.path("population").asInt()).isEqualTo(3);
        assertThat(sampled(again)).doesNotContain(falsePlacement);

        // published once, with its fields; the same finding delivered again (or another finding) changes nothing
        var events = published(EventTypes.PLACEMENT_DISPROVED, e -> e.path("placementId").asText().equals(falsePlacement), 1);
        assertGoldenShape(EventTypes.PLACEMENT_DISPROVED, events.get(0).body());
        JsonNode event = JSON.readTree(events.get(0).body());
        assertThat(event.path("enrollmentId").asText()).isEqualTo(enrollmentId);
        assertThat(event.path("baseId").asText()).isEqualTo(baseId);
        assertThat(event.path("divisionCode").asText()).isEqualTo(Seeds.YINGCHENG);
        assertThat(event.path("year").asInt()).isEqualTo(2026);
        assertThat(event.path("findingId").asText()).isEqualTo(findingId);
        assertThat(event.path("kind").asText()).isEqualTo("NOT_EMPLOYED_AS_REPORTED");
        assertThat(event.path("placedAt").asText()).isEqualTo("2026-11-04T02:00:00Z");
        assertThat(event.path("disprovedAt").asText()).isEqualTo("2026-11-20T02:00:00Z");
        assertThat(event.path("disprovedBy").asText()).isEqualTo("county-officer-" + Seeds.YINGCHENG);
        assertThat(String.valueOf(events.get(0).headers().get(cn.sunshine.platform.events.CloudEventHeaders.DIVISION)))
                .isEqualTo(Seeds.YINGCHENG);
        var finding = published(EventTypes.FINDING_RECORDED, e -> e.path("findingId").asText().equals(findingId), 1).get(0);
        String findingEventId = String.valueOf(finding.headers().get(cn.sunshine.platform.events.CloudEventHeaders.ID));
        var findingBody = JSON.treeToValue(JSON.readTree(finding.body()), cn.sunshine.platform.events.placement.SpotCheckFinding.class);
        long version = mongo.findById(falsePlacement, cn.sunshine.placement.placement.Placement.class).getVersion();
        cn.sunshine.platform.test.TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED,
                findingBody, checkId, Seeds.YINGCHENG, findingEventId);
        cn.sunshine.platform.test.TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED,
                findingBody, checkId, Seeds.YINGCHENG);
        await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                mongo.findById(falsePlacement, cn.sunshine.placement.placement.Placement.class).getVersion() == version + 1);
        await().during(java.time.Duration.ofSeconds(1)).atMost(java.time.Duration.ofSeconds(3)).until(() ->
                tap.ofType(EventTypes.PLACEMENT_DISPROVED.name()).stream()
                        .filter(t -> t.body().contains("\"" + falsePlacement + "\"")).count() == 1);
        assertThat(mongo.findById(falsePlacement, cn.sunshine.placement.placement.Placement.class).getVersion())
                .as("the same event twice is applied once").isEqualTo(version + 1);
        assertThat(county.get(rate).json().path("placed").asLong()).isEqualTo(3);

        // a disproved placement has no departure; the trainee's real job is a new placement naming it, counted again
        assertThat(staff.post("/api/placement/placements/" + falsePlacement + "/departure",
                Map.of("leftOn", "2026-11-19", "reason", "x")).status()).isIn(409, 412);
        assertThat(staff.post("/api/placement/placements", placeBody(enrollmentId, LocalDate.of(2026, 12, 1))).status())
                .as("not as a first placement").isEqualTo(409);
        Map<String, Object> realJob = new java.util.HashMap<>(placeBody(enrollmentId, LocalDate.of(2026, 12, 1)));
        realJob.put("replacesPlacementId", falsePlacement);
        Http.Response replaced = staff.post("/api/placement/placements", realJob);
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(201);
        assertThat(replaced.json().path("sequence").asInt()).isEqualTo(2);
        assertThat(replaced.json().path("countsTrainee").asBoolean()).isTrue();
        String newId = replaced.json().path("id").asText();
        var placedAgain = published(EventTypes.TRAINEE_PLACED, e -> e.path("placementId").asText().equals(newId), 1);
        assertThat(JSON.readTree(placedAgain.get(0).body()).path("replacesPlacementId").asText()).isEqualTo(falsePlacement);
        assertThat(county.get(rate).json().path("placed").asLong()).isEqualTo(4);
        assertThat(county.get("/api/placement/placements/" + falsePlacement).json().path("status").asText())
                .as("the disproval stands").isEqualTo("DISPROVED");
    }
}
