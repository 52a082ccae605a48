package cn.sunshine.e2e;

import cn.sunshine.platform.test.AccessMatrix;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one-command run brings all five deployables to healthy on this machine, and a base
 * accredited through the gateway reaches the three other services as an event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonE2E {

    static final Http GATEWAY = Http.at("http://127.0.0.1:8080");
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
    static Suite suite;
    static String baseId;
    /** Every resident ID number and phone the run sent: none may appear whole in any log. */
    static final List<String> PERSONAL_DATA = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        suite = Suite.start(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
            assertThat(suite.allStopped()).as("Ctrl-C stops everything run.sh started").isTrue();
        }
    }

    @Test
    @Order(1)
    void allFiveDeployablesAreReady() {
        for (int port : List.of(8080, 8081, 8082, 8083, 8084)) {
            assertThat(Http.local(port).get("/actuator/health/readiness").status()).as("readiness on %d", port).isEqualTo(200);
        }
    }

    @Test
    @Order(2)
    void aBaseAccreditedThroughTheGatewayReachesEveryService() {
        Http.Response created = GATEWAY.as(OFFICER).post("/api/accreditation/bases", Map.of(
                "name", "应城市职业教育中心", "creditCode", "12420981MB1234567H", "divisionCode", Seeds.YINGCHENG,
                "address", "湖北省应城市城中民营经济园", "validFrom", "2026-07-01", "validUntil", "2027-06-30",
                "majors", List.of(Map.of("majorCode", "WELDING", "majorName", "电焊", "annualCapacity", 300,
                        "feeStandardFen", 60000))));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        baseId = created.json().path("id").asText();

        await().atMost(Duration.ofSeconds(30)).until(() ->
                GATEWAY.as(OFFICER).get("/api/enrollment/bases/" + baseId).status() == 200
                        && GATEWAY.as(OFFICER).get("/api/subsidy/bases/" + baseId).status() == 200
                        && GATEWAY.as(OFFICER).get("/api/placement/bases/" + baseId).status() == 200);
        JsonNode enrollment = GATEWAY.as(OFFICER).get("/api/enrollment/bases/" + baseId).json();
        assertThat(enrollment.path("standing").asText()).isEqualTo("ACCREDITED");
        assertThat(enrollment.path("majors").path(0).path("majorName").asText()).isEqualTo("电焊");

        Http.Response publicList = GATEWAY.get("/api/public/accreditation/bases?division=420981");
        assertThat(publicList.status()).isEqualTo(200);
        assertThat(publicList.json().path("items").findValuesAsString("id")).contains(baseId);
    }

    @Test
    @Order(3)
    void aRevocationThroughTheGatewayHoldsPaymentsAndStopsEnrollment() {
        Http.Response revoked = GATEWAY.as(OFFICER).post("/api/accreditation/bases/" + baseId + "/revocation",
                Map.of("reason", "年度再认定未通过：全年未开班"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                GATEWAY.as(OFFICER).get("/api/enrollment/bases/" + baseId).json().path("standing").asText().equals("REVOKED")
                        && GATEWAY.as(OFFICER).get("/api/subsidy/bases/" + baseId).json().path("paymentsHeld").asBoolean()
                        && GATEWAY.as(OFFICER).get("/api/placement/bases/" + baseId).json().path("revoked").asBoolean());
    }

    @Test
    @Order(4)
    void theGatewayAndTheServicesRefuseWhatTheyShould() {
        Http.Response noToken = GATEWAY.get("/api/enrollment/bases/" + baseId);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(noToken.contentType()).startsWith("application/problem+json");

        Http.Response foreign = GATEWAY.as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/subsidy/bases/" + baseId);
        assertThat(foreign.status()).isIn(403, 404);

        Http.Response malformed = GATEWAY.as(OFFICER).postRaw("/api/accreditation/bases", "{\"name\": ", "application/json");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("type").asText()).isEqualTo("urn:sunshine:problem:malformed-request");
    }

    @Test
    @Order(5)
    void everyEndpointOfEveryServiceAnswersEveryCallerThroughTheGatewayAsItsPolicySays() {
        List<String> areas = List.of("accreditation", "enrollment", "subsidy", "placement");
        for (int i = 0; i < areas.size(); i++) {
            // springdoc builds a document on its first request, which can outlast the gateway's timeout.
            assertThat(Http.local(8081 + i).get("/v3/api-docs").status()).isEqualTo(200);
        }
        for (String area : areas) {
            AccessMatrix.Result result = AccessMatrix.walk(GATEWAY, "/v3/api-docs/" + area);
            assertThat(result.operations()).as("%s operations", area).isNotEmpty();
            assertThat(result.violations()).as("%s through the gateway", area).isEmpty();
        }
    }

    @Test
    @Order(6)
    void nothingWasDeadLettered() {
        String operator = TestTokens.of("OPERATOR", Seeds.PROVINCE);
        for (int port : List.of(8081, 8082, 8083, 8084)) {
            Http.Response r = Http.local(port).as(operator).get("/actuator/deadletters");
            assertThat(r.status()).as("dead letters on %d", port).isEqualTo(200);
            assertThat(r.json().path("count").asInt()).as("dead letters on %d", port).isZero();
        }
    }

    /**
     * A county's year in small, through the gateway: the province's quota reaches 应城市 through
     * 孝感市, a base is accredited and signs its agreement, a class of three is enrolled and
     * verified; the county's progress report equals what each service says of itself.
     */
    @Test
    @Order(7)
    void aCountysProgressReportEqualsTheFiguresTheServicesHold() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        int year = today.getYear();
        String province = TestTokens.of("PROVINCE_OFFICER", Seeds.PROVINCE);
        String city = TestTokens.of("CITY_OFFICER", Seeds.XIAOGAN);
        String provinceLedger = created(GATEWAY.as(province).post("/api/accreditation/quota-ledgers", Map.of(
                "divisionCode", Seeds.PROVINCE, "year", year, "total", 100_000, "reason", "省阳光办下达年度培训转移任务")));
        created(GATEWAY.as(province).post("/api/accreditation/quota-ledgers/" + provinceLedger + "/allocations",
                Map.of("toDivision", Seeds.XIAOGAN, "amount", 10_000, "reason", "孝感市任务")));
        String cityLedger = GATEWAY.as(city).get("/api/accreditation/quota-ledgers?division=420900&year=" + year).json()
                .path("items").path(0).path("id").asText();
        created(GATEWAY.as(city).post("/api/accreditation/quota-ledgers/" + cityLedger + "/allocations",
                Map.of("toDivision", Seeds.YINGCHENG, "amount", 3_660, "reason", "应城市任务")));
        String countyLedger = GATEWAY.as(OFFICER).get("/api/accreditation/quota-ledgers?division=420981&year=" + year)
                .json().path("items").path(0).path("id").asText();

        String base = created(GATEWAY.as(OFFICER).post("/api/accreditation/bases", Map.of(
                "name", "应城市汉宜职业培训学校", "creditCode", "52420981MJ0000002A", "divisionCode", Seeds.YINGCHENG,
                "address", "湖北省应城市城北街道", "validFrom", today.minusDays(180).toString(),
                "validUntil", today.plusDays(180).toString(), "majors", List.of(Map.of("majorCode", "WELDING",
                        "majorName", "电焊", "annualCapacity", 300, "feeStandardFen", 60000)))));
        created(GATEWAY.as(OFFICER).post("/api/accreditation/quota-ledgers/" + countyLedger + "/allocations", Map.of(
                "baseId", base, "majorCode", "WELDING", "amount", 100, "reason", "按基地认定的年培训能力分配")));
        String agreement = created(GATEWAY.as(OFFICER).post("/api/accreditation/agreements", Map.of("baseId", base,
                "year", year, "majors", List.of(Map.of("majorCode", "WELDING", "quota", 100, "feeFen", 60_000)),
                "subsidyPaymentMode", "REDUCED_FEE", "committedPlacementRateBp", 9000)));
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, base);
        Http.Response signed = GATEWAY.as(staff).post("/api/accreditation/agreements/" + agreement + "/signature",
                Map.of("signatoryName", "李校长", "signatoryTitle", "校长"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);

        // The agreement reaches enrollment as an event; then the base reports a class and enrolls.
        Map<String, Object> klass = Map.of("majorCode", "WELDING", "plannedStart", today.plusDays(1).toString(),
                "plannedEnd", today.plusDays(40).toString(), "trainingForm", "FREE", "capacity", 30, "feeFen", 0,
                "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会会议室", "mobile", true));
        await().atMost(Duration.ofSeconds(30)).until(() -> GATEWAY.as(staff).post("/api/enrollment/classes", klass).status() == 201);
        String classId = GATEWAY.as(staff).get("/api/enrollment/classes?baseId=" + base).json().path("items").path(0)
                .path("id").asText();
        String[] names = {"张伟", "王芳", "李强"};
        for (int i = 0; i < names.length; i++) {
            boolean male = i != 1;
            String first17 = "420981" + "1990031" + (5 + i) + "00" + (male ? "1" : "2");
            String id = first17 + cn.sunshine.platform.identifiers.ResidentIdNumber.checkCharacter(first17);
            Map<String, Object> trainee = new java.util.LinkedHashMap<>();
            trainee.put("name", names[i]);
            trainee.put("gender", male ? "MALE" : "FEMALE");
            trainee.put("idNumber", id);
            trainee.put("householdDivision", Seeds.YINGCHENG);
            trainee.put("town", "杨河镇");
            trainee.put("village", "三合村");
            trainee.put("ruralHousehold", true);
            trainee.put("phone", "1387123456" + i);
            PERSONAL_DATA.add(id);
            PERSONAL_DATA.add("1387123456" + i);
            trainee.put("education", "JUNIOR_SECONDARY");
            trainee.put("subsidyTier", "TIER_2");
            trainee.put("subsidyFen", 20_000);
            String path = "/api/enrollment/classes/" + classId + "/enrollments";
            // The first waits until the signed agreement's quota has reached enrollment as an event.
            await().atMost(Duration.ofSeconds(30)).until(() -> GATEWAY.as(staff).post(path, trainee).status() == 201);
        }

        String from = year + "-01-01";
        String to = year + "-12-31";
        Http.Response report = GATEWAY.as(OFFICER).get("/api/reports/progress?division=420981&period=" + year);
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        JsonNode figures = report.json().path("figures");
        JsonNode parts = report.json().path("parts");
        assertThat(parts.path("accreditation").path("status").asText()).isEqualTo("OK");
        assertThat(parts.path("enrollment").path("status").asText()).isEqualTo("OK");
        assertThat(figures.path("quota").asLong()).isEqualTo(3660);
        assertThat(figures.path("enrolled").asLong()).isEqualTo(3);
        assertThat(figures.path("committedPlacementRateBp").asLong()).isEqualTo(9000);
        assertThat(figures.path("completionRateBp").asLong()).as("none completed yet").isZero();
        for (String area : List.of("accreditation", "enrollment", "placement", "subsidy")) {
            Http.Response own = GATEWAY.as(OFFICER).get("/api/" + area + "/progress?division=420981&from=" + from + "&to=" + to);
            if (!"OK".equals(parts.path(area).path("status").asText())) {
                continue;
            }
            assertThat(own.status()).as("%s's own figures", area).isEqualTo(200);
            own.json().path("figures").properties().forEach(f -> {
                if (figures.has(f.getKey())) {
                    assertThat(figures.path(f.getKey())).as("%s.%s in the report", area, f.getKey()).isEqualTo(f.getValue());
                }
            });
        }
        Http.Response xlsx = GATEWAY.as(OFFICER).get("/api/reports/progress.xlsx?division=420981&period=" + year);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.contentType()).startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(GATEWAY.as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU))
                .get("/api/reports/progress?division=420981&period=" + year).status()).isEqualTo(404);
    }

    @Test
    @Order(98)
    void noLogOfAnyProcessHoldsAWholeIdNumberOrPhone() throws Exception {
        assertThat(PERSONAL_DATA).isNotEmpty();
        try (java.util.stream.Stream<java.nio.file.Path> logs = java.nio.file.Files.list(suite.logDir)) {
            for (java.nio.file.Path log : logs.toList()) {
                String text = java.nio.file.Files.readString(log);
                for (String value : PERSONAL_DATA) {
                    assertThat(text).as("%s holds no whole ID number or phone", log.getFileName()).doesNotContain(value);
                }
            }
        }
    }

    static String created(Http.Response r) {
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    @Test
    @Order(99)
    void withOneServiceDownItsRoutesAnswer503QuicklyAndTheOthersKeepWorking() {
        suite.kill("placement-service");
        await().atMost(Duration.ofSeconds(10)).until(() -> Http.local(8084).getOrNull("/actuator/health/liveness") == null);
        long start = System.nanoTime();
        Http.Response down = GATEWAY.as(OFFICER).get("/api/placement/bases/" + baseId);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.json().path("type").asText()).isEqualTo("urn:sunshine:problem:service-unavailable");
        assertThat(down.json().path("detail").asText()).contains("placement-service");
        assertThat(millis).as("answered within the route timeout").isLessThan(6000);
        assertThat(GATEWAY.as(OFFICER).get("/api/enrollment/bases/" + baseId).status()).isEqualTo(200);
    }
}
