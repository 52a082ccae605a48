package cn.sunshine.subsidy;

import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** subsidy's part of the progress reports: committed and paid, in a division and period (docs/reports.md). */
@SunshineServiceTest
class ProgressFiguresTest extends SubsidyServiceTest {

    /** 孝昌县, a county of 孝感市 no other test of this service uses. */
    private static final String XIAOCHANG = "420921";



    @Test
    void hole8_programmeYearFiguresFollowTheClaimsYearAndPeriodFiguresTheDate() {
        Story story = newStory(XIAOCHANG).setUp("REDUCED_FEE", 1_000_000);
        story.issueRedeemAndComplete(10);
        String paidClaim = story.approvedClaim(story.enrollmentIds.subList(0, 5)); // 3 × 10,000 + 2 × 20,000 fen, committed at the test clock's day
        String rejected = Story.ok(story.claim(story.enrollmentIds.subList(5, 10))).json().path("claimId").asText();
        Story.ok(story.decide(story.officer, rejected, "verification", "APPROVE", null));
        Story.ok(story.decide(story.leader, rejected, "approval", "APPROVE", null));
        Story.ok(story.decide(story.finance, rejected, "recheck", "REJECT", "复核未通过"));
        story.runPayments();

        String auditor = TestTokens.of("AUDITOR", XIAOCHANG);
        JsonNode day = figures(auditor, XIAOCHANG, "2026-06-30", "2026-06-30");
        assertThat(day.path("subsidyCommittedInPeriodFen").asLong()).as("the rejected claim's commitment was given back")
                .isEqualTo(70_000L);
        assertThat(figures(auditor, XIAOCHANG, "2026-07-01", "2026-07-31").path("subsidyCommittedInPeriodFen").asLong())
                .isZero();

        JsonNode instruction = http().as(story.finance).get("/api/subsidy/claims/" + paidClaim + "/payment-instructions")
                .json().get(0);
        String paidOn = Instant.parse(instruction.path("paidAt").asText()).atZone(ZoneId.of("Asia/Shanghai"))
                .toLocalDate().toString();
        JsonNode city = figures(TestTokens.of("CITY_OFFICER", "420900"), "420900", paidOn, paidOn);
        assertThat(city.path("subsidyPaidInPeriodFen").asLong()).isGreaterThanOrEqualTo(70_000L);
        assertThat(figures(auditor, XIAOCHANG, paidOn, paidOn).path("subsidyPaidInPeriodFen").asLong()).isEqualTo(70_000L);

        // hole 8: the story's programme year (203x) was paid on the clock's day in 2026: its year's report
        // still shows it, committed and paid; the year's period figures show nothing moved in it.
        JsonNode ofYear = figures(auditor, XIAOCHANG, story.year + "-01-01", story.year + "-12-31");
        assertThat(ofYear.path("subsidyCommittedFen").asLong()).isEqualTo(70_000L);
        assertThat(ofYear.path("subsidyPaidFen").asLong()).as("paid after the year's end, counted in its year")
                .isEqualTo(70_000L);
        assertThat(ofYear.path("subsidyPaidInPeriodFen").asLong()).isZero();
        assertThat(figures(auditor, XIAOCHANG, paidOn, paidOn).path("subsidyPaidFen").asLong())
                .as("the day of payment lies in another programme year").isZero();

        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", "420981"))
                .get("/api/subsidy/progress?division=420921&from=2026-06-01&to=2026-06-30").status()).isEqualTo(404);
        assertThat(http().as(story.staff).get("/api/subsidy/progress?division=420921&from=2026-06-01&to=2026-06-30")
                .status()).isEqualTo(403);
        var backwards = http().as(auditor).get("/api/subsidy/progress?division=420921&from=2026-06-30&to=2026-06-01");
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("to");
    }

    private JsonNode figures(String token, String division, String from, String to) {
        var r = http().as(token).get("/api/subsidy/progress?division=" + division + "&from=" + from + "&to=" + to);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("division").asText()).isEqualTo(division);
        return r.json().path("figures");
    }
}
