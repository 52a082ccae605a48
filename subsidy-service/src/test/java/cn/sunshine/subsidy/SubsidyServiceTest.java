package cn.sunshine.subsidy;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.TestEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;

/**
 * What every story-driven test of subsidy-service needs: the broker and store the stories publish to and
 * read, a healthy finance bureau before each test, and the stories themselves. Subclasses carry
 * {@code @SunshineServiceTest} and so share one Spring context.
 */
abstract class SubsidyServiceTest extends ServiceTestSupport {

    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected MessagingProperties messaging;
    @Autowired
    protected MongoTemplate mongo;
    @Autowired
    protected MeterRegistry meters;

    @BeforeEach
    void healthyBureau() {
        FinanceBureauStub.healthy();
    }

    /** A new story in Yingcheng (its own year, base and class). */
    protected Story newStory() {
        return new Story(http(), rabbit, messaging.getExchange(), mongo);
    }

    /** A new story in another county. */
    protected Story newStory(String county) {
        return new Story(county, http(), rabbit, messaging.getExchange(), mongo);
    }

    /** A base paid by reduced fees, a fund, {@code trainees} trainees (3:4:3 tiers) redeemed and completed: claimable. */
    protected Story claimableStory(int trainees, long fundFen) {
        Story story = newStory().setUp("REDUCED_FEE", fundFen);
        story.issueRedeemAndComplete(trainees);
        return story;
    }

    /** As {@link #claimableStory}, in a county that pays {@code completionShareBp} at completion, the rest on placement. */
    protected Story claimableSplitStory(int trainees, long fundFen, int completionShareBp) {
        Story story = newStory().setUp("REDUCED_FEE", fundFen);
        story.splitAt(completionShareBp);
        story.issueRedeemAndComplete(trainees);
        return story;
    }

    /** A spot check's finding of {@code kind} about a trainee of the story's base (placement-service's event). */
    protected static SpotCheckFinding finding(Story story, String enrollmentId, String kind, String note) {
        String spotCheck = "spot-" + story.baseId;
        return new SpotCheckFinding(spotCheck + "-pl-" + enrollmentId + "-" + kind, spotCheck, "pl-" + enrollmentId,
                enrollmentId, story.baseId, story.county, story.year, kind, note,
                Instant.parse(story.year + "-10-10T02:00:00Z"), "officer-wang");
    }

    /** Publishes the finding (a new event id each time) and waits until subsidy-service has handled it. */
    protected void publishAndAwaitHandled(SpotCheckFinding f) {
        Counter consumed = meters.counter("sunshine.events.consumed", "type", EventTypes.FINDING_RECORDED.name());
        double before = consumed.count();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.FINDING_RECORDED, f, f.spotCheckId(),
                f.divisionCode());
        await().atMost(Duration.ofSeconds(15)).until(() -> consumed.count() > before);
    }

    /** The story's fund as the finance officer reads it. */
    protected JsonNode fund(Story story) {
        return Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
    }
}
