package cn.sunshine.placement;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** placement's part of the progress reports: placed (first placements), trainees phoned and calls with findings, per period. */
@SunshineServiceTest
class ProgressTest extends PlacementTestSupport {

    @Test
    void placedAndSpotCheckCallsAreCountedInTheirPeriodAndDivision() {
        EnrollmentStub.server().resetAll();
        EnrollmentStub.server().stubFor(post(urlEqualTo("/api/enrollment/contact-lookups"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"phone\":\"13912345678\"}")));
        // Anlu: three trainees placed on 10 October, one of them re-placed on 20 November
        String baseId = UUID.randomUUID().toString();
        List<String> completers = complete(3, "class-" + baseId, baseId, Seeds.ANLU, 2026);
        Http staff = http().as(TestTokens.baseStaff(Seeds.ANLU, baseId));
        clock.set(Instant.parse("2026-10-10T02:00:00Z"));
        List<String> placements = completers.stream().map(id -> staff.post("/api/placement/placements",
                placeBody(id, LocalDate.of(2026, 10, 8))).json().path("id").asText()).toList();
        clock.set(Instant.parse("2026-11-20T02:00:00Z"));
        assertThat(staff.post("/api/placement/placements/" + placements.get(0) + "/departure",
                Map.of("leftOn", "2026-11-15", "reason", "合同到期")).status()).isEqualTo(200);
        Map<String, Object> again = placeBody(completers.get(0), LocalDate.of(2026, 11, 25),
                Map.of("replacesPlacementId", placements.get(0)));
        assertThat(staff.post("/api/placement/placements", again).status()).isEqualTo(201);

        // a spot check drawn in November, its one call recorded on 2 December with a finding
        Http anlu = http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU));
        JsonNode check = anlu.post("/api/placement/spot-checks", Map.of("baseId", baseId,
                "periodFrom", "2026-10-01", "periodTo", "2026-10-31")).json();
        assertThat(check.path("sampled").asInt()).isEqualTo(1);
        clock.set(Instant.parse("2026-12-02T02:00:00Z"));
        assertThat(anlu.post("/api/placement/spot-checks/" + check.path("id").asText() + "/calls",
                Map.of("placementId", check.path("items").get(0).path("placementId").asText(), "reached", true,
                        "attendedTraining", false, "employedAsReported", false, "subsidyReceived", true,
                        "chargedFee", false)).status()).isEqualTo(200);
        // the finding NOT_EMPLOYED_AS_REPORTED disproves the placement called: it counts no more
        String called = check.path("items").get(0).path("placementId").asText();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() ->
                mongo.findById(called, cn.sunshine.placement.placement.Placement.class).isDisproved());

        JsonNode q4 = anlu.get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-10-01&to=2026-12-31")
                .json().path("figures");
        assertThat(q4.path("placed").asLong()).as("the re-placement is the same trainee; the disproved one counts no more")
                .isEqualTo(2);
        assertThat(q4.path("disproved").asLong()).isEqualTo(1);
        assertThat(q4.path("spotChecks").asLong()).isEqualTo(1);
        assertThat(q4.path("findings").asLong()).as("one call, two findings: one check with a problem").isEqualTo(1);

        JsonNode october = anlu.get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-10-01&to=2026-10-31")
                .json().path("figures");
        assertThat(october.path("placed").asLong()).isEqualTo(2);
        assertThat(october.path("spotChecks").asLong()).isZero();
        JsonNode q3 = anlu.get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-07-01&to=2026-09-30")
                .json().path("figures");
        assertThat(q3.path("placed").asLong()).isZero();

        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG))
                .get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-10-01&to=2026-12-31").status())
                .isEqualTo(404);
        assertThat(staff.get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-10-01&to=2026-12-31")
                .status()).isEqualTo(403);
        assertThat(anlu.get("/api/placement/progress?division=" + Seeds.ANLU + "&from=2026-12-31&to=2026-10-01")
                .status()).isEqualTo(400);
    }
}
