package cn.sunshine.enrollment;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AccreditedMajor;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A base holds several terms: a past year's term recorded late (carried over from paper) does not end the term in
 * force, and the next year's term decided early does not stop this year's classes.
 */
@SunshineServiceTest
class BaseTermsJourneyTest extends EnrollmentJourney {

    @Test
    void aTermRecordedLaterNeitherShortensNorReplacesTheTermInForce() {
        AgreedBase agreed = agreedBase("应城市长江埠职业培训学校", Seeds.YINGCHENG, 40);
        String baseId = agreed.baseId();
        String staff = agreed.staff();

        // 2020's term, recorded now from the paper files: welding only, at an older fee.
        accredit(baseId, List.of(new AccreditedMajor("WELDING", "电焊", 100, 45_000)),
                LocalDate.of(2020, 3, 1), LocalDate.of(2020, 12, 31), "2026-06-30T08:00:00Z");
        // 2027's term, decided before this year's classes ended: Chinese cooking only.
        accredit(baseId, List.of(new AccreditedMajor("CHINESE_COOKING", "中式烹调", 200, 50_000)),
                LocalDate.of(2027, 7, 1), LocalDate.of(2028, 6, 30), "2026-06-30T09:00:00Z");
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(staff).get("/api/enrollment/bases/" + baseId).json()
                .path("terms").size() == 3);

        JsonNode base = http().as(staff).get("/api/enrollment/bases/" + baseId).json();
        assertThat(base.path("validFrom").asText()).as("the latest term shown").isEqualTo("2027-07-01");
        assertThat(base.path("majors").get(0).path("majorCode").asText()).isEqualTo("CHINESE_COOKING");

        // This year's welding class, under the 2026–27 term (fee standard 600 yuan, not 2020's 450).
        Http.Response reported = http().as(staff).post("/api/enrollment/classes", classBody(30));
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(enroll(staff, reported.json().path("id").asText(), People.anyone()).status()).isEqualTo(201);

        // Cooking begins with next year's term: a cooking class this year is refused.
        Map<String, Object> cooking = classBody(30);
        cooking.put("majorCode", "CHINESE_COOKING");
        cooking.put("feeFen", 50_000);
        Http.Response refused = http().as(staff).post("/api/enrollment/classes", cooking);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:base-not-accepting");
    }

    private void accredit(String baseId, List<AccreditedMajor> majors, LocalDate from, LocalDate until, String at) {
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                new BaseAccredited(baseId, "应城市长江埠职业培训学校", "12" + Seeds.YINGCHENG + "MB1234567H", Seeds.YINGCHENG,
                        majors, from, until, Instant.parse(at), "county-officer-" + Seeds.YINGCHENG),
                baseId, Seeds.YINGCHENG);
    }
}
