package cn.sunshine.gateway.reports;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.net.ConnectException;
import java.net.URI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/** The arithmetic and the marking of a report, without HTTP. */
class ProgressReportCompositionTest {

    private static final ReportPeriod Q4 = ReportPeriod.parse("2026-Q4").orElseThrow();

    @Test
    void periodsAreMonthsQuartersOrYearsInclusive() {
        assertThat(ReportPeriod.parse("2026-10")).contains(new ReportPeriod("2026-10", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31)));
        assertThat(ReportPeriod.parse("2028-02").orElseThrow().to()).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(Q4).isEqualTo(new ReportPeriod("2026-Q4", LocalDate.of(2026, 10, 1), LocalDate.of(2026, 12, 31)));
        assertThat(ReportPeriod.parse("2026-Q1").orElseThrow().to()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(ReportPeriod.parse("2026")).contains(new ReportPeriod("2026", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)));
        for (String bad : new String[]{"2026-13", "2026-00", "2026-Q0", "2026-Q5", "2026-q4", "26", "1999", "2101",
                "2026-1", "2026-10-01", "", " 2026"}) {
            assertThat(ReportPeriod.parse(bad)).as(bad).isEmpty();
        }
        assertThat(ReportPeriod.parse(null)).isEmpty();
    }

    @Test
    void jurisdictionsNestByPrefix() {
        assertThat(Jurisdictions.covers("420000", "420981")).isTrue();
        assertThat(Jurisdictions.covers("420900", "420981")).isTrue();
        assertThat(Jurisdictions.covers("420900", "420900")).isTrue();
        assertThat(Jurisdictions.covers("420981", "420981")).isTrue();
        assertThat(Jurisdictions.covers("420981", "420982")).isFalse();
        assertThat(Jurisdictions.covers("420981", "420900")).as("a county does not see its city").isFalse();
        assertThat(Jurisdictions.covers("420900", "420100")).isFalse();
        assertThat(Jurisdictions.covers("420000", "430000")).isFalse();
        assertThat(Jurisdictions.covers(null, "420981")).as("a token without a jurisdiction sees nothing").isFalse();
    }

    @Test
    void ratesAreBasisPointsRoundedHalfUpAndAbsentOverZero() {
        // The seeds' city: 2,602 of 2,756 completers placed = 94.41 %.
        assertThat(ProgressReport.rateBp(2602L, 2756L)).isEqualTo(9441L);
        assertThat(ProgressReport.rateBp(1573L, 1702L)).isEqualTo(9242L);
        assertThat(ProgressReport.rateBp(2L, 3L)).isEqualTo(6667L);
        assertThat(ProgressReport.rateBp(1L, 3L)).isEqualTo(3333L);
        assertThat(ProgressReport.rateBp(1L, 20_000L)).as("0.5 bp rounds up").isEqualTo(1L);
        assertThat(ProgressReport.rateBp(0L, 5L)).isEqualTo(0L);
        assertThat(ProgressReport.rateBp(5L, 0L)).as("no completers: no rate, not 0 %").isNull();
        assertThat(ProgressReport.rateBp(null, 5L)).isNull();
        assertThat(ProgressReport.rateBp(5L, null)).isNull();
    }

    @Test
    void aShortfallIsJudgedOnTheCountsNotOnTheRoundedRate() {
        // 8,999.5 bp rounds to 9,000 but is below a 9,000 bp commitment.
        assertThat(ProgressReport.rateBp(17_999L, 20_000L)).isEqualTo(9000L);
        assertThat(ProgressReport.shortfall(17_999L, 20_000L, 9000L)).isTrue();
        assertThat(ProgressReport.shortfall(18_000L, 20_000L, 9000L)).isFalse();
        assertThat(ProgressReport.shortfall(2602L, 2756L, 9000L)).isFalse();
        assertThat(ProgressReport.shortfall(2602L, 2756L, 9500L)).isTrue();
        assertThat(ProgressReport.shortfall(0L, 0L, 9000L)).isNull();
        assertThat(ProgressReport.shortfall(2602L, 2756L, null)).isNull();
    }

    @Test
    void figuresOfAPartThatDidNotAnswerAreNullAndMarkedWithTheirDerivedRates() {
        Map<String, Long> accreditation = new LinkedHashMap<>();
        accreditation.put("quota", 3660L);
        accreditation.put("committedPlacementRateBp", 9000L);
        accreditation.put("basesAccredited", 8L);
        Map<String, Long> subsidy = new HashMap<>();
        subsidy.put("subsidyCommittedFen", 73_140_000L);
        subsidy.put("subsidyPaidFen", null);
        Map<String, Part> parts = Map.of(
                "accreditation", Part.ok("accreditation", "base-accreditation-service", accreditation),
                "enrollment", Part.ok("enrollment", "enrollment-service", Map.of("enrolled", 0L, "completed", 0L)),
                "placement", Part.failed("placement", "placement-service", Part.Status.TIMEOUT, "late"),
                "subsidy", Part.ok("subsidy", "subsidy-service", subsidy));

        ProgressReport r = ProgressReport.compose("420981", Q4, parts);

        assertThat(r.figures()).containsEntry("quota", 3660L).containsEntry("enrolled", 0L).containsEntry("completed", 0L)
                .containsEntry("completionRateBp", null).containsEntry("placed", null)
                .containsEntry("placementRateBp", null).containsEntry("shortfall", null)
                .containsEntry("subsidyCommittedFen", 73_140_000L).containsEntry("subsidyPaidFen", null);
        assertThat(r.figures().keySet()).containsExactly("quota", "enrolled", "completed", "completionRateBp", "placed",
                "placementRateBp", "committedPlacementRateBp", "shortfall", "subsidyCommittedFen", "subsidyPaidFen",
                "spotChecks", "findings", "basesAccredited", "complaintsReceived", "complaintsSubstantiated",
                "inspectionFindings");
        // The rate over 0 enrolled is not computable, not unanswered; placement's figures wait for placement.
        assertThat(r.unanswered()).containsOnlyKeys("placed", "placementRateBp", "shortfall", "spotChecks", "findings");
        assertThat(r.unanswered().get("placementRateBp")).isEqualTo(List.of("placement"));
        assertThat(r.complete()).isFalse();
        assertThat(r.parts().get("placement").status()).isEqualTo(Part.Status.TIMEOUT);
        assertThat(r.parts().keySet()).containsExactly("accreditation", "enrollment", "placement", "subsidy");
    }

    @Test
    void anAnswerWithoutAnOwedFigureOrWithAFractionIsAnError() {
        String ok = "{\"division\":\"420981\",\"figures\":{\"enrolled\":3657,\"completed\":2756}}";
        assertThat(ProgressParts.read("enrollment", "enrollment-service", "420981", ok.getBytes()).figures())
                .containsEntry("enrolled", 3657L).containsEntry("completed", 2756L);
        Part missing = ProgressParts.read("enrollment", "enrollment-service", "420981",
                "{\"division\":\"420981\",\"figures\":{\"enrolled\":3657}}".getBytes());
        assertThat(missing.status()).isEqualTo(Part.Status.ERROR);
        assertThat(missing.reason()).contains("completed");
        assertThat(ProgressParts.read("enrollment", "enrollment-service", "420981",
                "{\"division\":\"420981\",\"figures\":{\"enrolled\":3657.5,\"completed\":1}}".getBytes()).status())
                .isEqualTo(Part.Status.ERROR);
        assertThat(ProgressParts.read("enrollment", "enrollment-service", "420981",
                "{\"division\":\"420982\",\"figures\":{\"enrolled\":1,\"completed\":1}}".getBytes()).reason())
                .contains("another division");
        assertThat(ProgressParts.read("enrollment", "enrollment-service", "420981", "<html>".getBytes()).status())
                .isEqualTo(Part.Status.ERROR);
    }

    @Test
    void aPartThatDidNotAnswerSaysWhy() {
        String svc = "placement-service";
        assertThat(ProgressParts.failure("placement", svc, new TimeoutException()).status())
                .isEqualTo(Part.Status.TIMEOUT);
        assertThat(ProgressParts.failure("placement", svc, new WebClientRequestException(ReadTimeoutException.INSTANCE,
                HttpMethod.GET, URI.create("http://127.0.0.1/"),
                new HttpHeaders())).status()).as("no response headers in time").isEqualTo(Part.Status.TIMEOUT);
        Part refused = ProgressParts.failure("placement", svc, new WebClientRequestException(new ConnectException("Connection refused"),
                HttpMethod.GET, URI.create("http://127.0.0.1/"),
                new HttpHeaders()));
        assertThat(refused.status()).isEqualTo(Part.Status.UNAVAILABLE);
        assertThat(refused.reason()).isEqualTo("placement-service cannot be reached");
        assertThat(ProgressParts.failure("placement", svc, response(404)).reason()).isEqualTo("not provided by placement-service");
        assertThat(ProgressParts.failure("placement", svc, response(503)).status()).isEqualTo(Part.Status.UNAVAILABLE);
        Part forbidden = ProgressParts.failure("placement", svc, response(403));
        assertThat(forbidden.status()).as("the service refused what the gateway allowed").isEqualTo(Part.Status.ERROR);
        assertThat(forbidden.reason()).isEqualTo("placement-service answered 403");
        assertThat(ProgressParts.failure("placement", svc, response(500)).status()).isEqualTo(Part.Status.ERROR);
        assertThat(ProgressParts.failure("placement", svc, new IllegalStateException()).status()).isEqualTo(Part.Status.ERROR);
    }

    private static WebClientResponseException response(int status) {
        return WebClientResponseException.create(status, "x",
                new HttpHeaders(), new byte[0], null);
    }
}
