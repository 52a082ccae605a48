package cn.sunshine.gateway.reports;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Progress reports over HTTP, with WireMock playing all four services. It has its own context:
 * the shared one ({@code GatewayTest}) keeps enrollment down on purpose, and a report's rates need
 * enrollment and placement answering together. Parts answer within {@code sunshine.reports.timeout}
 * = 1 s here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sunshine.reports.timeout=1s", "sunshine.gateway.rate-limit.enabled=false"})
@ActiveProfiles("test")
class ProgressReportTest {

    private static final Map<String, WireMockServer> SERVICES = Map.of(
            "accreditation", start(), "enrollment", start(), "placement", start(), "subsidy", start());
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-00f067aa0ba902b7-01";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        SERVICES.forEach((area, server) -> registry.add("sunshine.services." + area + ".uri",
                () -> "http://127.0.0.1:" + server.port()));
    }

    @AfterAll
    static void stopServices() {
        SERVICES.values().forEach(WireMockServer::stop);
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void reset() {
        SERVICES.values().forEach(WireMockServer::resetAll);
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(15)).build();
    }

    private static String bearer(String role, String division) {
        return "Bearer " + DevTokens.mint(new DevUser(role.toLowerCase() + "-" + division, "测试用户", Set.of(role), division, null));
    }

    private static final String YINGCHENG_OFFICER = bearer("COUNTY_OFFICER", "420981");

    /** The seeds' figures (domain.md): quota 3,660, trained 3,657, completed 2,756, placed 2,602. */
    private static void allAnswerWithTheSeedsFigures(String division, int committedBp) {
        answer("accreditation", division, "{\"quota\":3660,\"committedPlacementRateBp\":" + committedBp + ",\"basesAccredited\":8,\"complaintsReceived\":3,\"complaintsSubstantiated\":1,\"inspectionFindings\":4}");
        answer("enrollment", division, "{\"enrolled\":3657,\"completed\":2756}");
        answer("placement", division, "{\"placed\":2602,\"spotChecks\":130,\"findings\":3}");
        answer("subsidy", division, "{\"subsidyCommittedFen\":73140000,\"subsidyPaidFen\":55120000}");
    }

    private static void answer(String area, String division, String figures) {
        SERVICES.get(area).stubFor(get(urlPathEqualTo("/api/" + area + "/progress"))
                .willReturn(okJson("{\"division\":\"" + division + "\",\"from\":\"2026-10-01\",\"to\":\"2026-12-31\",\"figures\":"
                        + figures + "}")));
    }

    private JsonNode report(String authorization, String query, int status) {
        byte[] body = http.get().uri("/api/reports/progress?" + query)
                .header(HttpHeaders.AUTHORIZATION, authorization).header("traceparent", TRACEPARENT)
                .exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    @Test
    void aCountysQuarterlyReportComposesTheFourServicesFiguresWithExactRates() {
        allAnswerWithTheSeedsFigures("420981", 9000);

        JsonNode r = report(YINGCHENG_OFFICER, "division=420981&period=2026-Q4", 200);

        assertThat(r.path("division").asString()).isEqualTo("420981");
        assertThat(r.path("period").asString()).isEqualTo("2026-Q4");
        assertThat(r.path("from").asString()).isEqualTo("2026-10-01");
        assertThat(r.path("to").asString()).isEqualTo("2026-12-31");
        JsonNode f = r.path("figures");
        assertThat(f.path("quota").asLong()).isEqualTo(3660);
        assertThat(f.path("enrolled").asLong()).isEqualTo(3657);
        assertThat(f.path("completed").asLong()).isEqualTo(2756);
        assertThat(f.path("completionRateBp").asLong()).as("2756 / 3657 = 75.362 %").isEqualTo(7536);
        assertThat(f.path("placed").asLong()).isEqualTo(2602);
        assertThat(f.path("placementRateBp").asLong()).as("2602 / 2756 = 94.412 %").isEqualTo(9441);
        assertThat(f.path("committedPlacementRateBp").asLong()).isEqualTo(9000);
        assertThat(f.path("shortfall").isBoolean()).isTrue();
        assertThat(f.path("shortfall").asBoolean()).isFalse();
        assertThat(f.path("subsidyCommittedFen").asLong()).isEqualTo(73_140_000L);
        assertThat(f.path("subsidyPaidFen").asLong()).isEqualTo(55_120_000L);
        assertThat(f.path("spotChecks").asLong()).isEqualTo(130);
        assertThat(f.path("findings").asLong()).isEqualTo(3);
        assertThat(f.path("basesAccredited").asLong()).isEqualTo(8);
        assertThat(r.path("complete").asBoolean()).isTrue();
        assertThat(r.path("unanswered").isEmpty()).isTrue();
        for (String area : List.of("accreditation", "enrollment", "placement", "subsidy")) {
            assertThat(r.path("parts").path(area).path("status").asString()).as(area).isEqualTo("OK");
            // Each service was asked for the quarter's dates, with the caller's token and trace.
            SERVICES.get(area).verify(1, getRequestedFor(urlPathEqualTo("/api/" + area + "/progress"))
                    .withQueryParam("division", equalTo("420981"))
                    .withQueryParam("from", equalTo("2026-10-01"))
                    .withQueryParam("to", equalTo("2026-12-31"))
                    .withHeader(HttpHeaders.AUTHORIZATION, equalTo(YINGCHENG_OFFICER))
                    .withHeader("traceparent", matching("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]")));
        }
        assertThat(r.path("parts").path("accreditation").path("service").asString()).isEqualTo("base-accreditation-service");

        // The same figures under a higher commitment: a shortfall.
        allAnswerWithTheSeedsFigures("420981", 9500);
        assertThat(report(YINGCHENG_OFFICER, "division=420981&period=2026-10", 200).path("figures").path("shortfall")
                .asBoolean()).isTrue();
        SERVICES.get("enrollment").verify(getRequestedFor(urlPathEqualTo("/api/enrollment/progress"))
                .withQueryParam("from", equalTo("2026-10-01")).withQueryParam("to", equalTo("2026-10-31")));
    }

    @Test
    void aPartThatIsSlowMissingOrFailingIsMarkedAndItsFiguresAreNullNotZero() {
        answer("accreditation", "420900", "{\"quota\":3660,\"committedPlacementRateBp\":9000,\"basesAccredited\":8,\"complaintsReceived\":3,\"complaintsSubstantiated\":1,\"inspectionFindings\":4}");
        SERVICES.get("enrollment").stubFor(get(urlPathEqualTo("/api/enrollment/progress"))
                .willReturn(okJson("{\"division\":\"420900\",\"figures\":{\"enrolled\":3657,\"completed\":2756}}")
                        .withFixedDelay(3000)));
        SERVICES.get("subsidy").stubFor(get(urlPathEqualTo("/api/subsidy/progress")).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":404}")));
        SERVICES.get("placement").stubFor(get(urlPathEqualTo("/api/placement/progress")).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"status\":500}")));

        long started = System.nanoTime();
        JsonNode r = report(bearer("CITY_OFFICER", "420900"), "division=420900&period=2026-Q4", 200);
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(millis).as("the slow part (3 s) is cut at 1 s").isBetween(900L, 2_900L);
        JsonNode parts = r.path("parts");
        assertThat(parts.path("accreditation").path("status").asString()).isEqualTo("OK");
        assertThat(parts.path("enrollment").path("status").asString()).isEqualTo("TIMEOUT");
        assertThat(parts.path("enrollment").path("reason").asString()).contains("enrollment-service");
        assertThat(parts.path("subsidy").path("status").asString()).isEqualTo("UNAVAILABLE");
        assertThat(parts.path("subsidy").path("reason").asString()).isEqualTo("not provided by subsidy-service");
        assertThat(parts.path("placement").path("status").asString()).isEqualTo("ERROR");
        assertThat(parts.path("placement").path("reason").asString()).isEqualTo("placement-service answered 500");
        assertThat(r.path("complete").asBoolean()).isFalse();

        JsonNode f = r.path("figures");
        assertThat(f.path("quota").asLong()).isEqualTo(3660);
        assertThat(f.path("committedPlacementRateBp").asLong()).isEqualTo(9000);
        List<String> nulls = new ArrayList<>();
        f.properties().forEach(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        assertThat(nulls).containsExactlyInAnyOrder("enrolled", "completed", "completionRateBp", "placed",
                "placementRateBp", "shortfall", "subsidyCommittedFen", "subsidyPaidFen", "spotChecks", "findings");
        JsonNode unanswered = r.path("unanswered");
        assertThat(unanswered.path("enrolled").path(0).asString()).isEqualTo("enrollment");
        assertThat(unanswered.path("subsidyPaidFen").path(0).asString()).isEqualTo("subsidy");
        assertThat(unanswered.path("placementRateBp").toString()).isEqualTo("[\"placement\",\"enrollment\"]");
        assertThat(unanswered.has("quota")).isFalse();
    }

    @Test
    void theCallersRoleAndJurisdictionAndTheInputsAreCheckedBeforeAnyServiceIsAsked() {
        allAnswerWithTheSeedsFigures("420982", 9000);

        JsonNode foreign = report(YINGCHENG_OFFICER, "division=420982&period=2026-Q4", 404);
        assertThat(foreign.path("type").asString()).isEqualTo("urn:sunshine:problem:not-found");
        assertThat(foreign.path("status").asInt()).isEqualTo(404);
        report(YINGCHENG_OFFICER, "division=420900&period=2026-Q4", 404);
        report(bearer("CITY_OFFICER", "420100"), "division=420981&period=2026-Q4", 404);

        JsonNode staff = report("Bearer " + DevTokens.mint(new DevUser("staff-1", "基地职员", Set.of("BASE_STAFF"), "420981", "base-1")),
                "division=420981&period=2026-Q4", 403);
        assertThat(staff.path("type").asString()).isEqualTo("urn:sunshine:problem:forbidden");

        for (String bad : List.of("2026-13", "2026-Q5", "26", "2026-10-01", "")) {
            JsonNode p = report(YINGCHENG_OFFICER, "division=420981&period=" + bad, 400);
            assertThat(p.path("type").asString()).as(bad).isEqualTo("urn:sunshine:problem:validation");
            assertThat(p.path("errors").path(0).path("field").asString()).as(bad).isEqualTo("period");
        }
        assertThat(report(YINGCHENG_OFFICER, "period=2026-Q4", 400).path("errors").path(0).path("field").asString())
                .isEqualTo("division");
        assertThat(report(YINGCHENG_OFFICER, "division=42098&period=2026-Q4", 400).path("errors").path(0).path("field")
                .asString()).isEqualTo("division");
        http.get().uri("/api/reports/progress?division=420981&period=2026-Q4").exchange().expectStatus().isUnauthorized();

        SERVICES.forEach((area, s) -> assertThat(s.getAllServeEvents()).as(area + " asked").isEmpty());

        // The province sees every county below it.
        allAnswerWithTheSeedsFigures("420981", 9000);
        assertThat(report(bearer("AUDITOR", "420000"), "division=420981&period=2026", 200).path("complete").asBoolean()).isTrue();
    }

    @Test
    void theXlsxDownloadHasChineseAndEnglishHeadersTheFiguresAndThePartsSheet() throws IOException {
        allAnswerWithTheSeedsFigures("420981", 9000);
        SERVICES.get("subsidy").resetAll();
        SERVICES.get("subsidy").stubFor(get(urlPathEqualTo("/api/subsidy/progress")).willReturn(aResponse().withStatus(404)));

        var result = http.get().uri("/api/reports/progress.xlsx?division=420981&period=2026-Q4")
                .header(HttpHeaders.AUTHORIZATION, bearer("COUNTY_LEADER", "420981"))
                .exchange().expectStatus().isOk()
                .expectHeader().contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .expectHeader().valueMatches(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"progress-420981-2026-Q4.xlsx\"")
                .expectBody().returnResult();

        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(result.getResponseBody()))) {
            Sheet sheet = book.getSheet("进度报告");
            assertThat(sheet).isNotNull();
            assertThat(texts(sheet.getRow(0))).containsExactly("地区", "期间", "起始日", "截止日", "任务数", "培训人数",
                    "结业人数", "结业率", "转移人数", "转移率", "承诺转移率", "未达承诺", "补助承诺(分)", "补助已付(分)",
                    "抽查人数", "问题数", "认定基地数", "举报受理数", "举报属实数", "检查发现问题数");
            assertThat(texts(sheet.getRow(1))).containsExactly("Division", "Period", "From", "To", "Quota", "Enrolled",
                    "Completed", "Completion rate", "Placed", "Placement rate", "Committed placement rate",
                    "Below commitment", "Subsidy committed (fen)", "Subsidy paid (fen)", "Spot checks", "Findings",
                    "Bases accredited", "Complaints received", "Complaints substantiated", "Inspection findings");
            Row data = sheet.getRow(2);
            assertThat(data.getCell(0).getStringCellValue()).isEqualTo("420981");
            assertThat(data.getCell(1).getStringCellValue()).isEqualTo("2026-Q4");
            assertThat(data.getCell(2).getStringCellValue()).isEqualTo("2026-10-01");
            assertThat(data.getCell(3).getStringCellValue()).isEqualTo("2026-12-31");
            assertThat(data.getCell(4).getNumericCellValue()).isEqualTo(3660.0);
            assertThat(data.getCell(5).getNumericCellValue()).isEqualTo(3657.0);
            assertThat(data.getCell(6).getNumericCellValue()).isEqualTo(2756.0);
            assertThat(data.getCell(7).getNumericCellValue()).isEqualTo(0.7536);
            assertThat(data.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("0.00%");
            assertThat(data.getCell(8).getNumericCellValue()).isEqualTo(2602.0);
            assertThat(data.getCell(9).getNumericCellValue()).isEqualTo(0.9441);
            assertThat(data.getCell(10).getNumericCellValue()).isEqualTo(0.9);
            assertThat(data.getCell(11).getStringCellValue()).isEqualTo("否");
            assertThat(data.getCell(12).getStringCellValue()).as("subsidy did not answer").isEqualTo(ProgressWorkbook.NO_ANSWER);
            assertThat(data.getCell(13).getStringCellValue()).isEqualTo(ProgressWorkbook.NO_ANSWER);
            assertThat(data.getCell(14).getNumericCellValue()).isEqualTo(130.0);
            assertThat(data.getCell(15).getNumericCellValue()).isEqualTo(3.0);
            assertThat(data.getCell(16).getNumericCellValue()).isEqualTo(8.0);
            assertThat(sheet.getLastRowNum()).as("one data row").isEqualTo(2);

            Sheet parts = book.getSheet("数据来源");
            assertThat(texts(parts.getRow(0))).containsExactly("部分", "服务", "状态", "原因");
            assertThat(texts(parts.getRow(1))).containsExactly("Part", "Service", "Status", "Reason");
            assertThat(texts(parts.getRow(2))).containsExactly("accreditation", "base-accreditation-service", "OK", "");
            assertThat(texts(parts.getRow(5))).containsExactly("subsidy", "subsidy-service", "UNAVAILABLE",
                    "not provided by subsidy-service");
        }

        // The download is refused like the JSON report.
        http.get().uri("/api/reports/progress.xlsx?division=420982&period=2026-Q4")
                .header(HttpHeaders.AUTHORIZATION, YINGCHENG_OFFICER).exchange().expectStatus().isNotFound()
                .expectHeader().contentType("application/problem+json");
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (Cell c : row) {
            assertThat(c.getCellType()).isEqualTo(CellType.STRING);
            out.add(c.getStringCellValue());
        }
        return out;
    }

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()
                .containerThreads(8).jettyAcceptors(1));
        server.start();
        return server;
    }
}
