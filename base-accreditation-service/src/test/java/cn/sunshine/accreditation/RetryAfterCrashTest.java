package cn.sunshine.accreditation;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.web.IdempotentRequests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request whose process died after its write and before its answer was recorded (the fault year's kill -9): its
 * key's record is gone with the process, and the same request sent again with its key is answered with what it made,
 * not refused as a duplicate of its own record.
 */
@SunshineServiceTest
class RetryAfterCrashTest extends ServiceTestSupport {

    @Autowired
    MongoTemplate mongo;

    /** The key's record lost with its process (as if it died before recording the answer). */
    void answerLost(String key) {
        mongo.remove(Query.query(Criteria.where("_id").regex(":" + key + "$")), IdempotentRequests.COLLECTION);
    }

    @Test
    void anApplicationAndAPanelMadeByARequestThatDiedAreItsAnswerWhenSentAgain() {
        String tenderId = Fixtures.publishedTender(http(), clock, 2042);

        String applicant = Fixtures.applicant(1);
        Map<String, Object> application = Fixtures.application(Fixtures.INSTITUTIONS.get(1), Fixtures.creditCode(),
                List.of((String) Fixtures.MAJORS.get(0)[0]));
        String path = "/api/accreditation/tenders/" + tenderId + "/applications";
        Http.Response first = http().as(applicant).header(IdempotentRequests.HEADER, "apply-before-the-crash").post(path, application);
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        answerLost("apply-before-the-crash");
        Http.Response again = http().as(applicant).header(IdempotentRequests.HEADER, "apply-before-the-crash").post(path, application);
        assertThat(again.status()).as("its own application, not 'already applied': " + again).isEqualTo(201);
        assertThat(again.json().path("id").asText()).isEqualTo(first.json().path("id").asText());
        Http.Response other = http().as(applicant).header(IdempotentRequests.HEADER, "apply-once-more").post(path, application);
        assertThat(other.status()).as("another request is still refused: " + other).isEqualTo(409);
        assertThat(other.json().path("type").asText()).isEqualTo("urn:sunshine:problem:duplicate-application");

        clock.set(Instant.parse("2042-06-24T02:00:00Z"));
        String panelPath = "/api/accreditation/tenders/" + tenderId + "/panel";
        Map<String, Object> zhou = Map.of("members", List.of(Map.of("reviewerId", "expert-zhou", "name", "周教授"),
                Map.of("reviewerId", "expert-zheng", "name", "郑主任"), Map.of("reviewerId", "expert-li", "name", "李研究员")));
        Http.Response appointed = http().as(Fixtures.OFFICER).header(IdempotentRequests.HEADER, "panel-1").post(panelPath, zhou);
        assertThat(appointed.status()).as(appointed.toString()).isEqualTo(200);
        answerLost("panel-1");
        Http.Response appointedAgain = http().as(Fixtures.OFFICER).header(IdempotentRequests.HEADER, "panel-1").post(panelPath, zhou);
        assertThat(appointedAgain.status()).as("its own panel: " + appointedAgain).isEqualTo(200);
        assertThat(appointedAgain.json().path("id").asText()).isEqualTo(appointed.json().path("id").asText());

        Map<String, Object> wu = Map.of("members", List.of(Map.of("reviewerId", "expert-wu", "name", "吴高工")));
        Http.Response added = http().as(Fixtures.OFFICER).header(IdempotentRequests.HEADER, "panel-2").post(panelPath, wu);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        answerLost("panel-2");
        Http.Response addedAgain = http().as(Fixtures.OFFICER).header(IdempotentRequests.HEADER, "panel-2").post(panelPath, wu);
        assertThat(addedAgain.status()).as("its own addition, not 'already on the panel': " + addedAgain).isEqualTo(200);
        assertThat(addedAgain.json().path("members").size()).isEqualTo(4);
        Http.Response addedByAnother = http().as(Fixtures.OFFICER).header(IdempotentRequests.HEADER, "panel-3").post(panelPath, wu);
        assertThat(addedByAnother.status()).as("another request adding the same expert is refused: " + addedByAnother)
                .isEqualTo(400);
    }
}
