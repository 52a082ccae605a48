package cn.sunshine.accreditation;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The seeds' story over HTTP with real tokens: a county publishes a tender for 10 majors, 12
 * institutions apply, 3 experts declare and score, the ranking is publicly noticed for 7 days, one
 * objection is upheld and one dismissed, and 7 bases are accredited. The notice period passes on
 * the movable clock.
 */
@SunshineServiceTest
class TenderToAccreditationStoryTest extends ServiceTestSupport {

    @Test
    void aCountyTendersReviewsNoticesAndAccreditsSevenBases() {
        // 6月19日: the office drafts and publishes the notice; the window is 6月20—23日 (Asia/Shanghai).
        clock.set(Instant.parse("2026-06-19T02:00:00Z"));
        Http.Response drafted = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders", Fixtures.tender(2026,
                Instant.parse("2026-06-19T16:00:00Z"), Instant.parse("2026-06-23T10:00:00Z"), Fixtures.MAJORS));
        assertThat(drafted.status()).as(drafted.toString()).isEqualTo(201);
        String tenderId = drafted.json().path("id").asText();
        assertThat(http().get("/api/public/accreditation/tenders/" + tenderId).status())
                .as("a draft is not public").isEqualTo(404);
        Http.Response published = http().as(Fixtures.OFFICER).header("If-Match", drafted.header("ETag"))
                .post("/api/accreditation/tenders/" + tenderId + "/publication", null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        JsonNode publicTender = http().get("/api/public/accreditation/tenders/" + tenderId).json();
        assertThat(publicTender.path("majors")).hasSize(10);
        assertThat(publicTender.path("stage").asText()).isEqualTo("ANNOUNCED");
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(EventTypes.TENDER_PUBLISHED.name()).stream()
                .anyMatch(t -> t.body().contains(tenderId)));

        // 6月20日: twelve institutions apply, each for two or three of the majors.
        clock.set(Instant.parse("2026-06-20T02:00:00Z"));
        List<String> applications = new ArrayList<>();
        List<String> applicants = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            List<String> majors = new ArrayList<>(List.of((String) Fixtures.MAJORS.get(i % 10)[0],
                    (String) Fixtures.MAJORS.get((i + 3) % 10)[0]));
            if (i == 0) {
                majors.add((String) Fixtures.MAJORS.get(2)[0]);
            }
            String token = Fixtures.applicant(i);
            Http.Response applied = http().as(token).post("/api/accreditation/tenders/" + tenderId + "/applications",
                    Fixtures.application(Fixtures.INSTITUTIONS.get(i), Fixtures.creditCode(), majors));
            assertThat(applied.status()).as(applied.toString()).isEqualTo(201);
            applications.add(applied.json().path("id").asText());
            applicants.add(token);
        }
        assertThat(http().as(applicants.get(0)).get("/api/accreditation/applications").json().path("total").asLong())
                .as("an applicant sees its own applications only").isEqualTo(1);
        assertThat(http().as(applicants.get(1)).get("/api/accreditation/applications/" + applications.get(0)).status())
                .isEqualTo(404);

        // 6月24日: the window closed; the office appoints three experts, who declare and inspect and score.
        clock.set(Instant.parse("2026-06-24T02:00:00Z"));
        List<String> experts = List.of("expert-zhou", "expert-wu", "expert-zheng");
        Http.Response panel = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/panel",
                Map.of("members", List.of(Map.of("reviewerId", "expert-zhou", "name", "周教授"),
                        Map.of("reviewerId", "expert-wu", "name", "吴高工"), Map.of("reviewerId", "expert-zheng", "name", "郑主任"))));
        assertThat(panel.status()).as(panel.toString()).isEqualTo(200);
        assertThat(http().as(Fixtures.expert("expert-li")).get("/api/accreditation/tenders/" + tenderId).status())
                .as("an expert sees only the tenders they review").isEqualTo(404);
        assertThat(http().as(Fixtures.expert("expert-zhou")).get("/api/accreditation/tenders/" + tenderId).status())
                .isEqualTo(200);
        assertThat(http().as(Fixtures.expert("expert-zhou")).post("/api/accreditation/applications/"
                + applications.get(0) + "/score-sheets", Fixtures.sheet(90, "PASSED", "2026-06-24")).json().path("type").asText())
                .as("no score before the declaration").isEqualTo("urn:sunshine:problem:conflict-not-declared");
        for (String e : experts) {
            Http.Response declared = http().as(Fixtures.expert(e)).post("/api/accreditation/tenders/" + tenderId
                    + "/panel/declarations", Map.of("noConflict", true, "statement", "本人与各申报单位无利害关系"));
            assertThat(declared.status()).as(declared.toString()).isEqualTo(200);
        }
        JsonNode seenByExpert = http().as(Fixtures.expert("expert-wu"))
                .get("/api/accreditation/tenders/" + tenderId + "/applications?size=20").json();
        assertThat(seenByExpert.path("total").asLong()).isEqualTo(12);
        assertThat(seenByExpert.path("items").path(0).path("institution").path("contacts").path(0).path("phone").asText())
                .as("reviewers see contacts masked").isEqualTo("139****0000");
        int[] offsets = {0, 1, -1};
        for (int i = 0; i < 12; i++) {
            for (int r = 0; r < 3; r++) {
                String result = i == 11 && r > 0 ? "FAILED" : "PASSED";
                Http.Response scored = http().as(Fixtures.expert(experts.get(r))).post("/api/accreditation/applications/"
                        + applications.get(i) + "/score-sheets", Fixtures.sheet(92 - 2 * i + offsets[r], result, "2026-06-24"));
                assertThat(scored.status()).as(scored.toString()).isEqualTo(201);
            }
        }

        JsonNode ranking = http().as(Fixtures.OFFICER).get("/api/accreditation/tenders/" + tenderId + "/ranking").json();
        assertThat(ranking.path("complete").asBoolean()).as(ranking.toString()).isTrue();
        assertThat(ranking.path("entries")).hasSize(12);
        for (int i = 0; i < 12; i++) {
            JsonNode entry = ranking.path("entries").path(i);
            assertThat(entry.path("applicationId").asText()).isEqualTo(applications.get(i));
            assertThat(entry.path("rank").asInt()).isEqualTo(i + 1);
            assertThat(entry.path("averageScore").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(92 - 2 * i));
        }
        JsonNode first = ranking.path("entries").path(0);
        assertThat(first.path("composition")).hasSize(8);
        BigDecimal contributions = BigDecimal.ZERO;
        for (JsonNode c : first.path("composition")) {
            contributions = contributions.add(c.path("contribution").decimalValue());
        }
        assertThat(contributions).as("the composition adds up to the score").isEqualByComparingTo("92.00");
        assertThat(first.path("composition").findValuesAsString("criterionName")).contains("师资力量", "联系安排就业能力");
        assertThat(first.path("sheets")).hasSize(3);
        JsonNode last = ranking.path("entries").path(11);
        assertThat(last.path("eligible").asBoolean()).isFalse();
        assertThat(last.path("ineligibleBecause").asText()).contains("inspection");

        // The proposed result is publicly noticed for 7 days: 6月24日—6月30日.
        clock.set(Instant.parse("2026-06-24T06:00:00Z"));
        Http.Response noticed = http().as(Fixtures.OFFICER).post("/api/accreditation/tenders/" + tenderId + "/notice",
                Map.of("basesToAccredit", 8));
        assertThat(noticed.status()).as(noticed.toString()).isEqualTo(201);
        String noticeId = noticed.json().path("id").asText();
        JsonNode notice = http().get("/api/public/accreditation/notices/" + noticeId).json();
        assertThat(notice.path("firstDay").asText()).isEqualTo("2026-06-24");
        assertThat(notice.path("lastDay").asText()).isEqualTo("2026-06-30");
        assertThat(notice.path("endsAt").asText()).isEqualTo("2026-06-30T16:00:00Z");
        assertThat(notice.path("entries")).hasSize(8);
        assertThat(notice.path("entries").findValuesAsString("applicationId")).containsExactlyElementsOf(applications.subList(0, 8));
        assertThat(notice.path("ranking").path("entries")).hasSize(12);
        assertThat(notice.path("ranking").path("entries").path(0).path("sheets").isNull())
                .as("the public sees scores and their composition, not each reviewer's sheet").isTrue();
        assertThat(http().as(Fixtures.expert("expert-zhou")).post("/api/accreditation/applications/" + applications.get(0)
                + "/score-sheets", Fixtures.sheet(50, "PASSED", "2026-06-24")).status())
                .as("the ranking is frozen once noticed").isIn(409);

        // 6月25日: two objections from the public, without a token, each confirmed by the code sent to its phone.
        clock.set(Instant.parse("2026-06-25T01:00:00Z"));
        Http.Response upheldObjection = objectAndConfirm(noticeId, "198.51.100.20",
                Map.of("name", "张先生", "phone", "13971234567", "applicationId", applications.get(2),
                        "statement", "该校实训车间为租用，租期仅剩三个月，与申报材料不符"));
        assertThat(upheldObjection.status()).as(upheldObjection.toString()).isEqualTo(201);
        assertThat(upheldObjection.json().path("phone").asText()).isEqualTo("139****4567");

        // A flood: one caller sends 2,000 objections (random phones, and one phone over and over). Unconfirmed
        // objections count for nothing; the caller gets at most 10 awaiting their code, one phone at most 3.
        int accepted = 0;
        int limited = 0;
        for (int i = 0; i < 2000; i++) {
            String phone = i % 2 == 0 ? "13800000000" : String.format("138%08d", i);
            Http.Response r = http().header("X-Sunshine-Client-Address", "203.0.113.66")
                    .post("/api/public/accreditation/notices/" + noticeId + "/objections",
                            Map.of("name", "刷单" + i, "phone", phone, "statement", "垃圾异议 " + i));
            assertThat(r.status()).as(r.toString()).isIn(202, 429);
            if (r.status() == 202) {
                accepted++;
            } else {
                limited++;
                assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:objection-limit");
            }
        }
        assertThat(accepted).as("awaiting their code from one caller").isEqualTo(10);
        assertThat(limited).isEqualTo(1990);
        // guessing a code voids the objection after 5 tries
        Http.Response guessed = http().header("X-Sunshine-Client-Address", "203.0.113.67")
                .post("/api/public/accreditation/notices/" + noticeId + "/objections",
                        Map.of("name", "猜码", "phone", "13811112222", "statement", "x"));
        String guessUrl = "/api/public/accreditation/notices/" + noticeId + "/pending-objections/"
                + guessed.json().path("confirmationId").asText() + "/confirmation";
        String real = codeSentTo("13811112222");
        String wrong = real.equals("000000") ? "000001" : "000000";
        for (int i = 0; i < 4; i++) {
            Http.Response w = http().post(guessUrl, Map.of("code", wrong));
            assertThat(w.status()).isEqualTo(422);
            assertThat(w.json().path("type").asText()).isEqualTo("urn:sunshine:problem:confirmation-code-wrong");
        }
        assertThat(http().post(guessUrl, Map.of("code", wrong)).status()).isEqualTo(422);
        assertThat(http().post(guessUrl, Map.of("code", real)).status()).as("void after 5 wrong codes").isEqualTo(404);
        // one phone's confirmed objections are limited too
        for (int i = 0; i < 3; i++) {
            assertThat(objectAndConfirm(noticeId, "203.0.113.68", Map.of("name", "李某", "phone", "13700001111",
                    "statement", "重复异议 " + i)).status()).isEqualTo(201);
        }
        Http.Response fourth = http().header("X-Sunshine-Client-Address", "203.0.113.68")
                .post("/api/public/accreditation/notices/" + noticeId + "/objections",
                        Map.of("name", "李某", "phone", "13700001111", "statement", "重复异议 3"));
        assertThat(fourth.status()).isEqualTo(429);

        // A genuine objector with another phone gets in, flood or not.
        Http.Response dismissedObjection = objectAndConfirm(noticeId, "192.0.2.30",
                Map.of("name", "王女士", "phone", "0712-5221234", "applicationId", applications.get(4),
                        "statement", "听说该校收费偏高"));
        assertThat(dismissedObjection.status()).as(dismissedObjection.toString()).isEqualTo(201);
        // the flood's unconfirmed objections never reached the notice and expire; then the caller may file again
        JsonNode held = http().as(Fixtures.OFFICER).get("/api/accreditation/notices/" + noticeId).json();
        assertThat(held.path("objections").size()).isEqualTo(5);
        clock.set(Instant.parse("2026-06-25T01:11:00Z"));
        assertThat(http().header("X-Sunshine-Client-Address", "203.0.113.66")
                .post("/api/public/accreditation/notices/" + noticeId + "/objections",
                        Map.of("name", "刷单", "phone", "13800000001", "statement", "x")).status()).isEqualTo(202);

        clock.set(Instant.parse("2026-06-30T15:59:00Z"));
        Http.Response early = http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/finalisation", null);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.json().path("type").asText()).isEqualTo("urn:sunshine:problem:notice-period-running");

        Http.Response upheld = http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/objections/"
                + upheldObjection.json().path("id").asText() + "/decision", Map.of("outcome", "UPHELD",
                "reasons", "经实地核查，实训场地为短期租用，不符合认定条件", "consequence",
                Map.of("type", "EXCLUDE_APPLICATION", "applicationId", applications.get(2))));
        assertThat(upheld.status()).as(upheld.toString()).isEqualTo(200);
        Http.Response dismissed = http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/objections/"
                + dismissedObjection.json().path("id").asText() + "/decision", Map.of("outcome", "DISMISSED",
                "reasons", "收费标准600元，经物价部门核准，不高于同类专业"));
        assertThat(dismissed.status()).as(dismissed.toString()).isEqualTo(200);
        JsonNode officerView = dismissed.json();
        assertThat(officerView.path("objections").findValuesAsString("phone"))
                .as("the office sees the filers' contacts whole").contains("13971234567", "0712-5221234");
        for (JsonNode o : officerView.path("objections")) {
            if (o.path("ruling").isNull() || o.path("ruling").isMissingNode()) {
                assertThat(http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/objections/"
                        + o.path("id").asText() + "/decision", Map.of("outcome", "DISMISSED",
                        "reasons", "重复异议，内容无事实依据")).status()).isEqualTo(200);
            }
        }

        // 7月1日 00:00 in Shanghai: the period is over; late objections are refused; the result is final.
        clock.set(Instant.parse("2026-06-30T16:00:00Z"));
        Http.Response late = http().header("X-Sunshine-Client-Address", "192.0.2.31").post("/api/public/accreditation/notices/" + noticeId + "/objections",
                Map.of("name", "赵先生", "phone", "13800001111", "statement", "迟到的异议"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.json().path("type").asText()).isEqualTo("urn:sunshine:problem:notice-period-over");
        Http.Response finalised = http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/finalisation", null);
        assertThat(finalised.status()).as(finalised.toString()).isEqualTo(200);
        assertThat(finalised.json().path("status").asText()).isEqualTo("FINALISED");

        List<String> baseIds = new ArrayList<>();
        Set<String> majorsAccredited = new HashSet<>();
        for (JsonNode e : finalised.json().path("entries")) {
            if (e.path("status").asText().equals("PROPOSED")) {
                baseIds.add(e.path("baseId").asText());
            } else {
                assertThat(e.path("applicationId").asText()).isEqualTo(applications.get(2));
            }
        }
        assertThat(baseIds).hasSize(7).doesNotContainNull();
        for (String baseId : baseIds) {
            JsonNode profile = http().get("/api/public/accreditation/bases/" + baseId).json();
            assertThat(profile.path("status").asText()).isEqualTo("ACCREDITED");
            assertThat(profile.path("accreditedThrough").asText()).isEqualTo("TENDER");
            assertThat(profile.path("validFrom").asText()).isEqualTo("2026-07-01");
            assertThat(profile.path("validUntil").asText()).isEqualTo("2027-06-30");
            profile.path("majors").forEach(m -> majorsAccredited.add(m.path("majorCode").asText()));
            assertThat(profile.path("majors").path(0).path("feeStandardFen").asLong()).isEqualTo(60_000);
        }
        assertThat(majorsAccredited).as("7 bases for the 10 majors").hasSize(10);
        assertThat(http().get("/api/public/accreditation/tenders/" + tenderId).json().path("stage").asText())
                .isEqualTo("CONCLUDED");

        await().atMost(Duration.ofSeconds(10)).until(() -> accreditedEventsFor(baseIds) == 7);
        Http.Response again = http().as(Fixtures.OFFICER).post("/api/accreditation/notices/" + noticeId + "/finalisation", null);
        assertThat(again.status()).as("finalisation is repeatable and completes only what is missing").isEqualTo(200);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() -> accreditedEventsFor(baseIds) == 7);
        assertThat(tap.ofType(EventTypes.BASE_ACCREDITED.name()).stream().filter(t -> t.body().contains(baseIds.get(0)))
                .findFirst().orElseThrow().body()).contains("\"validFrom\":\"2026-07-01\"", "\"accreditedBy\":\"county-officer-420981\"");
    }

    private static long accreditedEventsFor(List<String> baseIds) {
        return tap.ofType(EventTypes.BASE_ACCREDITED.name()).stream()
                .filter(t -> baseIds.stream().anyMatch(id -> t.body().contains(id))).count();
    }

    @org.springframework.beans.factory.annotation.Autowired
    private cn.sunshine.platform.sms.SimulatedSms sms;

    /** The code in the last SMS the simulated gateway sent to a phone. */
    private String codeSentTo(String phone) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\d{6}").matcher(sms.lastMessageTo(phone));
        assertThat(m.find()).isTrue();
        return m.group();
    }

    /** Files an objection from a client address (as the gateway names it) and confirms it with the code sent. */
    private Http.Response objectAndConfirm(String noticeId, String clientAddress, Map<String, Object> body) {
        Http.Response filed = http().header("X-Sunshine-Client-Address", clientAddress)
                .post("/api/public/accreditation/notices/" + noticeId + "/objections", body);
        assertThat(filed.status()).as(filed.toString()).isEqualTo(202);
        assertThat(filed.json().path("phone").asText()).contains("****");
        assertThat(filed.json().path("simulatedCode").isNull()).as("no code in the answer outside the local run").isTrue();
        return http().post("/api/public/accreditation/notices/" + noticeId + "/pending-objections/"
                + filed.json().path("confirmationId").asText() + "/confirmation",
                Map.of("code", codeSentTo((String) body.get("phone"))));
    }
}
