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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A base of 应城市 with an agreed quota, its staff's token, an opened class and its trainees (a test fixture). */
record OpenedClass(String baseId, String staff, String classId, List<String> enrollmentIds) {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);

    /** A base of 应城市 with an agreed quota for WELDING in 2026, its class (2026-07-06 ~ 08-14) opened, its trainees enrolled. */
    static OpenedClass open(Http http, RabbitTemplate rabbit, String exchange, Places places, String baseName,
                            int trainees) {
        String baseId = UUID.randomUUID().toString();
        String division = Seeds.YINGCHENG;
        TestEvents.publish(rabbit, exchange, EventTypes.BASE_ACCREDITED,
                new BaseAccredited(baseId, baseName, "12" + division + "MB7654321H", division, Seeds.majors(),
                        LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), Instant.parse("2026-06-30T02:00:00Z"),
                        "county-officer-" + division), baseId, division);
        TestEvents.publish(rabbit, exchange, EventTypes.AGREEMENT_SIGNED,
                new AgreementSigned(UUID.randomUUID().toString(), 1, baseId, division, 2026,
                        List.of(new AgreedMajor("WELDING", "电焊", 60, 60_000)), "REDUCED_FEE", 9000,
                        "county-officer-" + division, Instant.parse("2026-06-30T02:00:00Z"), "刘校长",
                        "base-staff-" + baseId, Instant.parse("2026-06-30T06:00:00Z"), null), baseId, division);
        String staff = TestTokens.baseStaff(division, baseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.as(staff).get("/api/enrollment/bases/" + baseId).status() == 200
                && places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).isPresent());
        Http.Response klass = http.as(staff).post("/api/enrollment/classes", Map.of("majorCode", "WELDING",
                "plannedStart", "2026-07-06", "plannedEnd", "2026-08-14", "trainingForm", "FREE", "capacity", 60,
                "feeFen", 0, "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会会议室",
                        "mobile", true)));
        assertThat(klass.status()).as(klass.toString()).isEqualTo(201);
        String classId = klass.json().path("id").asText();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < trainees; i++) {
            Http.Response r = http.as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", People.anyone());
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(r.json().path("id").asText());
        }
        Http.Response opened = http.as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of());
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        return new OpenedClass(baseId, staff, classId, ids);
    }
}
