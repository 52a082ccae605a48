package cn.sunshine.placement;

import cn.sunshine.placement.completer.Completer;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.enrollment.TraineeCompleted;
import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.PersonalDataProbe;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14 in placement-service: completers arrive with enrollment's masked ID numbers (events), their
 * phones only from enrollment's audited contact lookup onto a spot check's call list. For every GET of
 * the OpenAPI document (placements, follow-ups, escalations, spot checks and rounds, employers, orders,
 * rates, progress), as every role (own jurisdiction, another base's staff, nobody), and for the answers
 * of the writes on the way (employers carry no trainee: they are walked, with an unknown id), nobody can rebuild a whole ID number or phone from an answer. The county's
 * officer who draws the check sees the phones whole while it is open, by design (the call list); every
 * other reader sees them masked.
 */
@SunshineServiceTest
class PersonalDataTest extends ContactLookupTestSupport {

    @Test
    void noAnswerLetsAnyRoleRebuildAWholeIdNumberOrPhone() {
        String county = Seeds.YINGCHENG;
        String baseId = UUID.randomUUID().toString();
        String classId = "class-" + baseId;
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        List<String> names = List.of("张秀英", "李建国", "王桂兰", "赵德胜", "钱春梅", "孙国强");
        List<String> enrollmentIds = new ArrayList<>();
        agree(baseId, county, 2026, 9000);
        for (int i = 0; i < names.size(); i++) {
            String id = PersonalDataProbe.idNumber(county, i % 2 == 0);
            String phone = PersonalDataProbe.phone();
            String enrollmentId = UUID.randomUUID().toString();
            ids.add(id);
            phones.add(phone);
            enrollmentIds.add(enrollmentId);
            // as enrollment publishes it: the masked number, never the whole one nor the phone
            TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_COMPLETED,
                    new TraineeCompleted(enrollmentId, classId, baseId, county, "WELDING", 2026, names.get(i),
                            PersonalData.maskIdNumber(id), "YC2026-" + i, null, null, Instant.parse("2026-06-20T02:00:00Z"),
                            "base-staff-" + baseId), enrollmentId, county);
            // enrollment's audited contact lookup answers this trainee's phone (whole: it is the county's call list)
            enrollment.stubFor(post(urlEqualTo(LOOKUPS)).withRequestBody(matchingJsonPath("$.enrollmentId", equalTo(enrollmentId)))
                    .willReturn(okJson("{\"enrollmentId\":\"" + enrollmentId + "\",\"name\":\"" + names.get(i) + "\",\"phone\":\""
                            + phone + "\",\"householdDivision\":\"" + county + "\",\"town\":\"城中街道\",\"village\":\"三合村\","
                            + "\"lookupId\":\"" + UUID.randomUUID() + "\"}")));
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                mongo.count(Query.query(Criteria.where("_id").in(enrollmentIds)), Completer.class) == names.size());

        Http staff = http().as(TestTokens.baseStaff(county, baseId));
        List<String> placementIds = new ArrayList<>();
        for (String e : enrollmentIds) {
            Http.Response placed = staff.post("/api/placement/placements", placeBody(e, LocalDate.of(2026, 7, 1)));
            assertThat(placed.status()).as(placed.toString()).isEqualTo(201);
            PersonalDataProbe.attempt("POST placement answer to the base", placed.body(), ids, phones);
            placementIds.add(placed.json().path("id").asText());
        }
        clock.set(Instant.parse("2026-08-02T02:00:00Z"));
        Http.Response followUp = staff.post("/api/placement/placements/" + placementIds.get(0) + "/follow-ups/1",
                Map.of("contactedOn", "2026-08-02", "reached", true, "stillEmployed", true, "satisfaction", 1,
                        "problems", List.of("UNPAID_WAGES"), "unpaidWagesFen", 1040000, "note", "两个月工资未发"));
        assertThat(followUp.status()).as(followUp.toString()).isEqualTo(200);
        PersonalDataProbe.attempt("POST follow-up answer to the base", followUp.body(), ids, phones);
        String caseId = followUp.json().path("escalationCaseId").asText();

        String officer = TestTokens.of("COUNTY_OFFICER", county);
        Http.Response drawn = http().as(officer).post("/api/placement/spot-checks",
                Map.of("baseId", baseId, "periodFrom", "2026-06-01", "periodTo", "2026-08-31"));
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(201);
        // the officer's call list: phones whole by design, ID numbers never
        PersonalDataProbe.attempt("POST spot check answer to the county's officer", drawn.body(), ids, List.of());
        assertThat(drawn.json().path("items").findValues("phone").stream().map(n -> n.asText()).toList())
                .as("the call list has the phones whole").isNotEmpty().allMatch(phones::contains);
        String spotCheckId = drawn.json().path("id").asText();
        String roundId = drawn.json().path("roundId").asText(null);

        Map<String, String> values = new HashMap<>(Map.of("classId", classId, "baseId", baseId,
                "enrollmentId", enrollmentIds.get(0), "divisionCode", county, "year", "2026", "spotCheckId", spotCheckId));
        if (roundId != null) {
            values.put("roundId", roundId);
        }
        PersonalDataProbe.Walk walk = PersonalDataProbe.walk(port, "/api/", (template, name) -> {
            if (!name.equals("id")) {
                return values.get(name);
            }
            if (template.startsWith("/api/placement/placements/")) {
                return placementIds.get(0);
            }
            if (template.startsWith("/api/placement/spot-checks/")) {
                return spotCheckId;
            }
            if (template.startsWith("/api/placement/escalations/")) {
                return caseId;
            }
            return null;
        }, PersonalDataProbe.callers(county, baseId));

        List<String> carrying = new ArrayList<>();
        for (PersonalDataProbe.Answer a : walk.answers()) {
            if (PersonalDataProbe.carries(a.text(), ids, names)) {
                carrying.add(a.label());
            }
            boolean callList = a.caller().equals("COUNTY_OFFICER") && a.request().startsWith("/api/placement/spot-check");
            PersonalDataProbe.attempt(a.label(), a.text(), ids, callList ? List.of() : phones);
        }
        assertThat(walk.requests()).as("operations walked")
                .anyMatch(r -> r.startsWith("/api/placement/placements/" + placementIds.get(0)))
                .anyMatch(r -> r.startsWith("/api/placement/spot-checks/" + spotCheckId))
                .anyMatch(r -> r.startsWith("/api/placement/follow-ups"));
        assertThat(carrying).as("answers that carried the trainees")
                .anyMatch(l -> l.startsWith("AUDITOR GET /api/placement/spot-checks/" + spotCheckId))
                .anyMatch(l -> l.startsWith("BASE_STAFF(own base) GET /api/placement/placements/"))
                .anyMatch(l -> l.startsWith("PROVINCE_OFFICER GET /api/placement/placements"))
                .hasSizeGreaterThan(10);
        // another reader of the open check sees masked phones
        String audited = walk.answers().stream().filter(a -> a.caller().equals("AUDITOR")
                && a.request().startsWith("/api/placement/spot-checks/" + spotCheckId)).findFirst().orElseThrow().text();
        assertThat(PersonalDataProbe.MASKED_PHONE.matcher(audited).find()).as("masked phones for the auditor").isTrue();
    }
}
