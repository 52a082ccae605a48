package cn.sunshine.platform.test;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.MessagingProperties;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every service that keeps a view of accredited bases must do with the accreditation events:
 * show the base to officers of its county (not to another county's), apply each event once, and
 * reflect a revocation. A service's test extends this and names its path and its revoked flag.
 */
public abstract class AccreditationConsumerContract {

    @LocalServerPort
    protected int port;
    @Autowired
    protected RabbitTemplate rabbit;
    @Autowired
    protected MessagingProperties messaging;

    /** e.g. {@code /api/enrollment/bases/} */
    protected abstract String basePath();

    /** True when the service's view of the base shows it revoked. */
    protected abstract boolean showsRevoked(JsonNode view);

    protected Http.Response view(String baseId, String token) {
        return Http.local(port).as(token).get(basePath() + baseId);
    }

    @Test
    void anAccreditedBaseBecomesVisibleToItsCountyOnlyAndARevocationReachesIt() {
        String baseId = UUID.randomUUID().toString();
        String yingcheng = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
        String eventId = TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                Seeds.baseAccredited(baseId, Seeds.YINGCHENG), baseId, Seeds.YINGCHENG);

        await().atMost(Duration.ofSeconds(10)).until(() -> view(baseId, yingcheng).status() == 200);
        JsonNode v = view(baseId, yingcheng).json();
        assertThat(v.path("name").asText()).isEqualTo("应城市职业教育中心");
        assertThat(showsRevoked(v)).isFalse();

        assertThat(view(baseId, TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).status()).isEqualTo(404);
        assertThat(view(baseId, TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN)).status()).isEqualTo(200);
        assertThat(view(baseId, TestTokens.baseStaff(Seeds.YINGCHENG, baseId)).status()).isEqualTo(200);
        assertThat(view(baseId, TestTokens.baseStaff(Seeds.YINGCHENG, "another-base")).status()).isEqualTo(404);
        assertThat(Http.local(port).get(basePath() + baseId).status()).isEqualTo(401);

        // The same event again changes nothing; the revocation does.
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                Seeds.baseAccredited(baseId, Seeds.YINGCHENG), baseId, Seeds.YINGCHENG, eventId);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED,
                Seeds.baseRevoked(baseId, Seeds.YINGCHENG), baseId, Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> showsRevoked(view(baseId, yingcheng).json()));
    }
}
