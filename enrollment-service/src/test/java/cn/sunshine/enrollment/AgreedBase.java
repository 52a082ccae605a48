package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A base accredited in a county (2026-07-01 ~ 2027-06-30) with an agreed quota for 电焊 in 2026, as accreditation's
 * events make it, and its staff's token (a test fixture).
 */
record AgreedBase(String baseId, String division, String staff) {

    /** Publishes the base's accreditation and agreement and waits until enrollment knows the base and its quota. */
    static AgreedBase accredit(Http http, RabbitTemplate rabbit, String exchange, Places places, String name,
                               String division, int quota) {
        String baseId = UUID.randomUUID().toString();
        TestEvents.publish(rabbit, exchange, EventTypes.BASE_ACCREDITED,
                new BaseAccredited(baseId, name, "12" + division + "MB7654321H", division, Seeds.majors(),
                        LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), Instant.parse("2026-06-30T02:00:00Z"),
                        "county-officer-" + division), baseId, division);
        TestEvents.publish(rabbit, exchange, EventTypes.AGREEMENT_SIGNED,
                new AgreementSigned(UUID.randomUUID().toString(), 1, baseId, division, 2026,
                        List.of(new AgreedMajor("WELDING", "电焊", quota, 60_000)), "REDUCED_FEE", 9000,
                        "county-officer-" + division, Instant.parse("2026-06-30T02:00:00Z"), "刘校长",
                        "base-staff-" + baseId, Instant.parse("2026-06-30T06:00:00Z"), null), baseId, division);
        String staff = TestTokens.baseStaff(division, baseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.as(staff).get("/api/enrollment/bases/" + baseId).status() == 200
                && places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).isPresent());
        return new AgreedBase(baseId, division, staff);
    }

    /** The base's staff report a free welding class (2026-07-06 ~ 08-14, at 杨河镇三合村); answers its id. */
    String reportClass(Http http, int capacity, boolean mobile) {
        Http.Response klass = http.as(staff).post("/api/enrollment/classes", Map.of("majorCode", "WELDING",
                "plannedStart", "2026-07-06", "plannedEnd", "2026-08-14", "trainingForm", "FREE", "capacity", capacity,
                "feeFen", 0, "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会会议室",
                        "mobile", mobile)));
        assertThat(klass.status()).as(klass.toString()).isEqualTo(201);
        return klass.json().path("id").asText();
    }
}
