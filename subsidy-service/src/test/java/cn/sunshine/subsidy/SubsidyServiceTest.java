package cn.sunshine.subsidy;

import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.ServiceTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

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
        story.enrollAndIssue(Story.tiers343(trainees));
        story.redeemAll();
        story.completeAll();
        return story;
    }

    /** The story's fund as the finance officer reads it. */
    protected JsonNode fund(Story story) {
        return Story.ok(http().as(story.finance).get("/api/subsidy/funds/" + story.county + "/" + story.year)).json();
    }
}
