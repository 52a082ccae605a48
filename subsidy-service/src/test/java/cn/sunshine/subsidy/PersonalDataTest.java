package cn.sunshine.subsidy;

import cn.sunshine.platform.identifiers.PersonalData;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.PersonalDataProbe;
import cn.sunshine.platform.test.SunshineServiceTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14 in subsidy-service: trainees arrive with enrollment's masked ID numbers (events) and go into
 * vouchers, claim lines, payment instructions and the public notice of recipients. For every GET of the
 * OpenAPI document, as every role (own jurisdiction, another base's staff, nobody), and for the answers
 * of the writes on the way, nobody can rebuild a whole ID number from an answer (the masked number with
 * a date of the answer, an age or a birth date beside it). subsidy never holds a phone; the check still
 * looks for one.
 */
@SunshineServiceTest
class PersonalDataTest extends SubsidyServiceTest {

    @Test
    void noAnswerLetsAnyRoleRebuildAWholeIdNumber() {
        Story story = newStory().setUp("REDUCED_FEE", 2_000_000L);
        List<String> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = PersonalDataProbe.idNumber(story.county, i % 2 == 0);
            ids.add(id);
            names.add(Story.name(i));
            story.maskedIds.add(PersonalData.maskIdNumber(id));
        }
        List<String> phones = List.of(PersonalDataProbe.phone());
        List<String> answers = new ArrayList<>();

        story.enrollAndIssue(Story.tiers343(10)).forEach(v -> answers.add("voucher issued: " + v));
        for (String e : story.enrollmentIds) {
            Http.Response r = story.redeem(e);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            PersonalDataProbe.attempt("POST redemption answer to the base", r.body(), ids, phones);
        }
        story.completeAll();
        Http.Response claimed = Story.ok(story.claim(story.enrollmentIds));
        PersonalDataProbe.attempt("POST claim answer to the base", claimed.body(), ids, phones);
        String claimId = claimed.json().path("claimId").asText();
        JsonNode ordered = story.approveThroughTheChain(claimId);
        PersonalDataProbe.attempt("the chain's answers", ordered.toString(), ids, phones);
        Http.Response run = story.runPayments();
        PersonalDataProbe.attempt("POST payment run answer", run.body(), ids, phones);
        answers.forEach(a -> PersonalDataProbe.attempt("POST vouchers answer to the officer", a, ids, phones));

        JsonNode instructions = Story.ok(http().as(story.finance).get("/api/subsidy/claims/" + claimId
                + "/payment-instructions")).json();
        String instructionId = instructions.isArray() && !instructions.isEmpty()
                ? instructions.get(0).path("instructionId").asText()
                : instructions.path("items").path(0).path("instructionId").asText(null);
        Map<String, String> values = new HashMap<>(Map.of("classId", story.classId, "baseId", story.baseId,
                "claimId", claimId, "divisionCode", story.county, "year", String.valueOf(story.year),
                "majorCode", Story.MAJOR));
        if (instructionId != null) {
            values.put("instructionId", instructionId);
        }
        PersonalDataProbe.Walk walk = PersonalDataProbe.walk(port, "/api/", (template, name) -> values.get(name),
                PersonalDataProbe.callers(story.county, story.baseId));
        int withTrainees = 0;
        List<String> carrying = new ArrayList<>();
        for (PersonalDataProbe.Answer a : walk.answers()) {
            if (PersonalDataProbe.carries(a.text(), ids, names)) {
                withTrainees++;
                carrying.add(a.label());
            }
            PersonalDataProbe.attempt(a.label(), a.text(), ids, phones);
        }
        assertThat(walk.requests()).as("operations walked")
                .anyMatch(r -> r.contains("/classes/" + story.classId + "/vouchers"))
                .anyMatch(r -> r.contains("/claims/" + claimId))
                .anyMatch(r -> r.startsWith("/api/public/subsidy/recipients"));
        assertThat(carrying).as("answers that carried the trainees")
                .anyMatch(l -> l.startsWith("anonymous GET /api/public/subsidy/recipients"))
                .anyMatch(l -> l.contains("/vouchers"))
                .anyMatch(l -> l.contains("/claims/" + claimId));
        assertThat(withTrainees).isGreaterThan(10);
    }
}
