package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.TraineeConfirmed;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The trainees' confirmations (enrollment-service's {@code enrollment.trainee.confirmed.v1}, over AMQP) beside a
 * claim's lines: a denied confirmation flags its line for the 核准 officer, who sees it in the claim; nothing is
 * refused for it (the officer decides).
 */
@SunshineServiceTest
class TraineeConfirmationsTest extends SubsidyServiceTest {

    @Test
    void aDeniedConfirmationFlagsTheClaimLineAndTheOfficerSeesIt() {
        Story story = claimableStory(3, 1_000_000);
        String claimId = Story.ok(story.claim(story.enrollmentIds)).json().path("claimId").asText();
        JsonNode before = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        assertThat(before.path("flaggedLines").asInt()).as("nobody has answered yet").isEqualTo(3);
        assertThat(before.path("confirmations").get(0).path("status").asText()).isEqualTo("UNCONFIRMED");

        String confirmedOne = story.enrollmentIds.get(0);
        String deniedOne = story.enrollmentIds.get(1);
        confirmed(story, confirmedOne, "CONFIRMED", List.of());
        String denial = UUID.randomUUID().toString();
        TraineeConfirmed denied = event(story, deniedOne, "DENIED", List.of("ATTENDED"));
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_CONFIRMED, denied, deniedOne, story.county, denial);
        await().atMost(Duration.ofSeconds(10)).until(() -> Story.ok(http().as(story.officer)
                .get("/api/subsidy/claims/" + claimId)).json().path("flaggedLines").asInt() == 2);
        // the same event again, and a later different answer: the first kept stands
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_CONFIRMED, denied, deniedOne, story.county, denial);
        confirmed(story, deniedOne, "CONFIRMED", List.of());
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> Story.ok(http().as(story.officer)
                .get("/api/subsidy/claims/" + claimId)).json().path("flaggedLines").asInt() == 2);
        JsonNode claim = Story.ok(http().as(story.officer).get("/api/subsidy/claims/" + claimId)).json();
        JsonNode lines = claim.path("lines");
        JsonNode confirmations = claim.path("confirmations");
        assertThat(confirmations.size()).isEqualTo(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String enrollmentId = lines.get(i).path("enrollmentId").asText();
            assertThat(confirmations.get(i).path("enrollmentId").asText()).isEqualTo(enrollmentId);
            String expected = enrollmentId.equals(confirmedOne) ? "CONFIRMED"
                    : enrollmentId.equals(deniedOne) ? "DENIED" : "UNCONFIRMED";
            assertThat(confirmations.get(i).path("status").asText()).as(enrollmentId).isEqualTo(expected);
            if (expected.equals("DENIED")) {
                assertThat(confirmations.get(i).path("denied").toString()).isEqualTo("[\"ATTENDED\"]");
            }
        }
        // flag, don't refuse: the officer may still verify it (with a reason of their own, or not)
        JsonNode verified = Story.ok(story.decide(story.officer, claimId, "verification", "APPROVE", null)).json();
        assertThat(verified.path("status").asText()).isNotEqualTo("REJECTED");
        assertThat(verified.path("flaggedLines").asInt()).isEqualTo(2);
        // the list shows it too
        JsonNode listed = Story.ok(http().as(story.officer).get("/api/subsidy/claims?baseId=" + story.baseId)).json();
        assertThat(listed.path("items").get(0).path("flaggedLines").asInt()).isEqualTo(2);
    }

    private void confirmed(Story story, String enrollmentId, String outcome, List<String> denied) {
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_CONFIRMED,
                event(story, enrollmentId, outcome, denied), enrollmentId, story.county);
    }

    private static TraineeConfirmed event(Story story, String enrollmentId, String outcome, List<String> denied) {
        return new TraineeConfirmed(enrollmentId, story.classId, story.baseId, story.county, story.year, outcome,
                !denied.contains("ATTENDED"), !denied.contains("COMPLETED"), "NOT_APPLICABLE", false, denied,
                Instant.parse(story.year + "-08-17T01:30:00Z"));
    }
}
