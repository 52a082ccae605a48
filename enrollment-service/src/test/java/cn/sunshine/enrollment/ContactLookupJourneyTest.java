package cn.sunshine.enrollment;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Trainees' contacts: disclosed only for a stated purpose, every lookup audited; services look them up only with the right token. */
@SunshineServiceTest
class ContactLookupJourneyTest extends EnrollmentJourney {

    @Test
    void contactsAreDisclosedOnlyForAStatedPurposeAndEveryLookupIsAudited() {
        String staff = agreedBase("应城市三农职业培训学校", Seeds.YINGCHENG, 5).staff();
        Map<String, Object> person = People.anyone();
        String enrollmentId = enroll(staff, classAt(staff, 5), person).json().path("id").asText();
        String placement = TestTokens.client("placement-service", "enrollment-service", List.of("contacts:read"),
                Seeds.PROVINCE);

        Http.Response noPurpose = http().as(placement).post("/api/enrollment/contact-lookups", Map.of("enrollmentId", enrollmentId));
        assertThat(noPurpose.status()).isEqualTo(400);
        Http.Response contact = http().as(placement).post("/api/enrollment/contact-lookups",
                Map.of("enrollmentId", enrollmentId, "purpose", "SPOT_CHECK", "reason", "5% 电话抽查：是否参加培训、是否就业"));
        assertThat(contact.status()).as(contact.toString()).isEqualTo(200);
        assertThat(contact.json().path("phone").asText()).isEqualTo(person.get("phone"));
        assertThat(contact.json().path("village").asText()).isEqualTo("三合村");
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).post("/api/enrollment/contact-lookups",
                Map.of("enrollmentId", enrollmentId, "purpose", "VERIFICATION", "reason", "核实")).status())
                .as("another county's officer").isEqualTo(404);

        JsonNode audit = http().as(TestTokens.of("AUDITOR", Seeds.PROVINCE))
                .get("/api/enrollment/contact-lookups?enrollmentId=" + enrollmentId).json();
        assertThat(audit.path("total").asInt()).as("one lookup disclosed, one audit record").isEqualTo(1);
        JsonNode entry = audit.path("items").get(0);
        assertThat(entry.path("requestedBy").asText()).isEqualTo("placement-service");
        assertThat(entry.path("client").asText()).isEqualTo("placement-service");
        assertThat(entry.path("roles")).isEmpty();
        assertThat(entry.path("scopes").get(0).asText()).isEqualTo("contacts:read");
        assertThat(entry.path("purpose").asText()).isEqualTo("SPOT_CHECK");
        assertThat(entry.path("reason").asText()).contains("电话抽查");
        assertThat(entry.path("at").asText()).isEqualTo(DAY_ONE.toString());
        assertThat(http().as(TestTokens.of("AUDITOR", "430000")).get("/api/enrollment/contact-lookups?enrollmentId="
                + enrollmentId).json().path("total").asInt()).as("another province's auditor").isZero();
    }

    @Test
    void aServiceLooksUpContactsOnlyWithATokenForEnrollmentWithTheScopeAndWithinItsDivision() {
        String staff = agreedBase("应城市四季职业培训学校", Seeds.YINGCHENG, 5).staff();
        Map<String, Object> person = People.anyone();
        String enrollmentId = enroll(staff, classAt(staff, 5), person).json().path("id").asText();
        Map<String, Object> body = Map.of("enrollmentId", enrollmentId, "purpose", "SPOT_CHECK", "reason", "5% 电话抽查");
        List<String> contactsRead = List.of("contacts:read");

        Http.Response ok = http().as(TestTokens.client("placement-service", "enrollment-service", contactsRead,
                Seeds.PROVINCE)).post("/api/enrollment/contact-lookups", body);
        assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
        assertThat(ok.json().path("phone").asText()).isEqualTo(person.get("phone"));

        Http.Response otherAudience = http().as(TestTokens.client("placement-service", "subsidy-service", contactsRead,
                Seeds.PROVINCE)).post("/api/enrollment/contact-lookups", body);
        assertThat(otherAudience.status()).as("a token meant for another service").isEqualTo(401);
        assertThat(otherAudience.body()).contains("urn:sunshine:problem:unauthorized");
        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", contactsRead, Seeds.PROVINCE,
                Duration.ofMinutes(-5))).post("/api/enrollment/contact-lookups", body).status())
                .as("an expired service token").isEqualTo(401);

        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", List.of(), Seeds.PROVINCE))
                .post("/api/enrollment/contact-lookups", body).status()).as("without the scope").isEqualTo(403);
        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", List.of("placements:read"),
                Seeds.PROVINCE)).post("/api/enrollment/contact-lookups", body).status()).as("another scope").isEqualTo(403);
        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", contactsRead, Seeds.PROVINCE))
                .get("/api/enrollment/contact-lookups?enrollmentId=" + enrollmentId).status())
                .as("the scope does not open the audit (AUDITOR only)").isEqualTo(403);

        Http.Response otherProvince = http().as(TestTokens.client("placement-service", "enrollment-service",
                contactsRead, "430000")).post("/api/enrollment/contact-lookups", body);
        assertThat(otherProvince.status()).as("a client of another province").isEqualTo(404);
        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", contactsRead, Seeds.ANLU))
                .post("/api/enrollment/contact-lookups", body).status()).as("a client of another county").isEqualTo(404);
        assertThat(http().as(TestTokens.client("placement-service", "enrollment-service", contactsRead, Seeds.ANLU))
                .post("/api/enrollment/contact-lookups", Map.of("enrollmentId", "no-such-enrollment", "purpose",
                        "SPOT_CHECK", "reason", "x")).body())
                .as("outside the division reads exactly like a missing enrollment")
                .isEqualTo(otherProvince.body().replace(enrollmentId, "no-such-enrollment"));

        Http.Response oldServiceToken = http().as(TestTokens.of("placement-service", java.util.Set.of("SERVICE"),
                Seeds.PROVINCE, null)).post("/api/enrollment/contact-lookups", body);
        assertThat(oldServiceToken.status()).as("the old static SERVICE-role token").isEqualTo(403);

        Http.Response officer = http().as(OFFICER).post("/api/enrollment/contact-lookups",
                Map.of("enrollmentId", enrollmentId, "purpose", "VERIFICATION", "reason", "核实"));
        assertThat(officer.status()).as("the county officer still looks up in the county").isEqualTo(200);

        JsonNode audit = http().as(TestTokens.of("AUDITOR", Seeds.PROVINCE))
                .get("/api/enrollment/contact-lookups?enrollmentId=" + enrollmentId).json();
        assertThat(audit.path("total").asInt()).as("two disclosures, two audit records; refusals disclose nothing")
                .isEqualTo(2);
        List<String> actors = new ArrayList<>();
        audit.path("items").forEach(i -> actors.add(i.path("requestedBy").asText() + "/" + i.path("client").asText("-")));
        assertThat(actors).containsExactlyInAnyOrder("placement-service/placement-service",
                "county-officer-420981/-");
    }
}
