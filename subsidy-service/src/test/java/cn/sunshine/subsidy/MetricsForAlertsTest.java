package cn.sunshine.subsidy;

import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric the province's alerts read (k8s/components/monitoring/prometheus-rules.yaml) is exported:
 * a year's money path is played (a claim through the chain, a payment run, a reconciliation), then
 * /actuator/prometheus is read as Prometheus would and each metric the rules name is found in it — with
 * the programme's own figures (events published by type and division) beside them.
 */
@SunshineServiceTest
class MetricsForAlertsTest extends SubsidyServiceTest {

    private static final Pattern METRIC = Pattern.compile(
            "\\b(sunshine_[a-z_]+|http_server_requests_seconds_(?:bucket|count)|resilience4j_circuitbreaker_state)\\b");

    @Test
    void everyMetricTheAlertsReadIsExported() throws Exception {
        Story story = claimableStory(10, 1_000_000);
        String claimId = story.approvedClaim(story.enrollmentIds);
        story.runPayments();
        String today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();
        Http.Response none = http().as(story.finance).post("/api/subsidy/reconciliations", Map.of("date", today));
        assertThat(none.status()).as("a day the bureau has no statement for: a clear answer").isEqualTo(422);
        assertThat(none.json().path("type").asText()).isEqualTo("urn:sunshine:problem:statement-not-available");
        FinanceBureauStub.server().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/api/v1/statements")).willReturn(
                com.github.tomakehurst.wiremock.client.WireMock.okJson("{\"date\":\"" + today
                        + "\",\"entries\":[],\"totalFen\":0}")));
        Story.ok(http().as(story.finance).post("/api/subsidy/reconciliations", Map.of("date", today)));

        Path rules = Path.of("..", "k8s", "components", "monitoring", "prometheus-rules.yaml");
        Set<String> named = new TreeSet<>();
        Matcher m = METRIC.matcher(Files.readString(rules));
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("metrics the alerts read").contains("sunshine_outbox_oldest_age_seconds",
                "sunshine_subsidy_instructions_unpaid_oldest_age_seconds", "sunshine_subsidy_reconciliation_mismatches");

        Http.Response scrape = http().as(TestTokens.of("OPERATOR", Seeds.PROVINCE))
                .header("Accept", "text/plain;version=0.0.4").get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        String text = scrape.body();
        for (String metric : named) {
            assertThat(text).as("/actuator/prometheus exports " + metric).containsPattern("(?m)^" + metric + "[{ ]");
        }
        assertThat(text).as("the programme's figures: events published by type and division")
                .containsPattern("(?m)^sunshine_events_published_total\\{.*division=\"" + story.county + "\".*type=\"subsidy.claim.approved.v1\"");
        assertThat(text).containsPattern("(?m)^sunshine_subsidy_claims\\{.*status=\"PAID\"");
    }
}
