package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.GoldenSamples;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.MutableClock;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestClockConfiguration;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Classes, trainees, one subsidy per person per year, the quota, the roster import and the ledger,
 * driven over HTTP with real tokens; events taken off the broker; logs captured and scanned.
 */
@SunshineServiceTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrollmentStoryTest {

    static final Instant DAY_ONE = Instant.parse("2026-07-06T01:00:00Z");
    static final Pattern WHOLE_ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    static final Pattern WHOLE_MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);

    static EventTap tap;
    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingProperties messaging;
    @Autowired
    Places places;

    @BeforeAll
    static void listen(@Autowired MessagingProperties messaging) {
        tap = EventTap.open(messaging.getExchange());
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterAll
    static void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        tap.close();
    }

    @BeforeEach
    void dayOne() {
        clock.set(DAY_ONE);
    }

    @AfterEach
    void restoreClock() {
        clock.set(TestClockConfiguration.START);
    }

    Http http() {
        return Http.local(port);
    }

    /** A base accredited for 电焊 in a county with an agreed quota, as accreditation's events make it. */
    String base(String name, String division, int quota) {
        String baseId = UUID.randomUUID().toString();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                new BaseAccredited(baseId, name, "12" + division + "MB1234567H", division, Seeds.majors(),
                        LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), Instant.parse("2026-06-30T02:00:00Z"),
                        "county-officer-" + division), baseId, division);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.AGREEMENT_SIGNED,
                new AgreementSigned(UUID.randomUUID().toString(), 1, baseId, division, 2026,
                        List.of(new AgreedMajor("WELDING", "电焊", quota, 60_000)), "REDUCED_FEE", 9000,
                        "county-officer-" + division, Instant.parse("2026-06-30T02:00:00Z"), "李校长（校长）",
                        "base-staff-" + baseId, Instant.parse("2026-06-30T06:00:00Z"), null), baseId, division);
        String staff = TestTokens.baseStaff(division, baseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(staff).get("/api/enrollment/bases/" + baseId).status() == 200
                && places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).isPresent());
        return baseId;
    }

    Map<String, Object> classBody(int capacity) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("majorCode", "WELDING");
        body.put("plannedStart", "2026-07-06");
        body.put("plannedEnd", "2026-08-14");
        body.put("place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会会议室", "mobile", true));
        body.put("trainingForm", "ORDER");
        body.put("orderEmployer", "湖北双环科技股份有限公司");
        body.put("capacity", capacity);
        body.put("feeFen", 60_000);
        return body;
    }

    String classAt(String staff, int capacity) {
        Http.Response r = http().as(staff).post("/api/enrollment/classes", classBody(capacity));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("id").asText();
    }

    Http.Response enroll(String staff, String classId, Map<String, Object> trainee) {
        return http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", trainee);
    }

    static String csv(List<Map<String, Object>> trainees) {
        StringBuilder sb = new StringBuilder("姓名,性别,身份证号,户籍县,乡镇,村,农村户籍,手机,文化程度,补助档次,补助金额(分)\n")
                .append("name,gender,idNumber,householdDivision,town,village,ruralHousehold,phone,education,subsidyTier,subsidyFen\n");
        for (Map<String, Object> t : trainees) {
            sb.append(t.get("name")).append(',').append("MALE".equals(t.get("gender")) ? "男" : "女").append(',')
                    .append(t.get("idNumber")).append(',').append(t.get("householdDivision")).append(',')
                    .append(t.get("town")).append(',').append(t.get("village")).append(",是,").append(t.get("phone"))
                    .append(",初中,TIER_2,").append(t.get("subsidyFen")).append('\n');
        }
        return sb.toString();
    }

    @Test
    @Order(1)
    void aRosterWithThreeBadRowsNamesEachAndImportsNothingTheCorrectedOneEnrollsSixty() throws Exception {
        String yingcheng = base("应城市职业教育中心", Seeds.YINGCHENG, 100);
        String anlu = base("安陆市职业技术学校", Seeds.ANLU, 10);
        String anluStaff = TestTokens.baseStaff(Seeds.ANLU, anlu);
        Map<String, Object> elsewhere = People.anyone();
        assertThat(enroll(anluStaff, classAt(anluStaff, 10), elsewhere).status()).isEqualTo(201);

        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, yingcheng);
        String classId = classAt(staff, 60);
        List<Map<String, Object>> good = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            good.add(People.anyone());
        }
        List<Map<String, Object>> bad = new ArrayList<>(good);
        Map<String, Object> badCheck = new LinkedHashMap<>(good.get(9));
        badCheck.put("idNumber", People.withWrongCheck((String) badCheck.get("idNumber")));
        bad.set(9, badCheck);                                  // line 12 (two header lines): the check character is wrong
        Map<String, Object> twin = new LinkedHashMap<>(good.get(4));
        twin.put("name", "重复" + twin.get("name"));
        bad.set(29, twin);                                     // line 32: the same person as line 7
        bad.set(49, elsewhere);                                // line 52: enrolled at Anlu's base this year

        Http.Response refused = http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", csv(bad), "text/csv");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:roster-rejected");
        JsonNode rows = refused.json().path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("row").asInt()).isEqualTo(12);
        assertThat(rows.get(0).path("message").asText()).contains("check character");
        assertThat(rows.get(1).path("row").asInt()).isEqualTo(32);
        assertThat(rows.get(1).path("message").asText()).contains("same person as row 7");
        assertThat(rows.get(2).path("row").asInt()).isEqualTo(52);
        assertThat(rows.get(2).path("message").asText()).contains("安陆市职业技术学校").contains(Seeds.ANLU)
                .contains(((String) elsewhere.get("idNumber")).substring(0, 6) + "********")
                .doesNotContain((String) elsewhere.get("idNumber"));
        assertThat(refused.body()).doesNotContain((String) elsewhere.get("idNumber"));
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt())
                .as("a file with bad rows imports nothing").isZero();
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId).json().path("enrolled").asInt()).isZero();

        Http.Response imported = http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", csv(good), "text/csv");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(201);
        assertThat(imported.json().path("imported").asInt()).isEqualTo(60);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt()).isEqualTo(60);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId).json().path("enrolled").asInt()).isEqualTo(60);
        assertThat(places.find(PlaceCounter.quotaId(yingcheng, "WELDING", 2026)).orElseThrow().remaining()).isEqualTo(40);

        // The ledger: whole numbers for the county's officer (XLSX), masked for the base's staff (CSV).
        String firstId = (String) good.get(0).get("idNumber");
        byte[] xlsx = download("/api/enrollment/classes/" + classId + "/ledger?format=xlsx", OFFICER);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(4).getStringCellValue()).isEqualTo("身份证号");
            assertThat(sheet.getRow(1).getCell(4).getStringCellValue()).isEqualTo("idNumber");
            assertThat(sheet.getLastRowNum()).isEqualTo(61);
            List<String> ids = new ArrayList<>();
            for (int r = 2; r <= 61; r++) {
                ids.add(sheet.getRow(r).getCell(4).getStringCellValue());
            }
            assertThat(ids).contains(firstId);
        }
        String masked = new String(download("/api/enrollment/classes/" + classId + "/ledger", staff), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(masked).startsWith("\uFEFF序号,姓名,性别").contains("\r\nno,name,gender")
                .contains(firstId.substring(0, 6) + "********" + firstId.substring(14)).doesNotContain(firstId);
        assertThat(WHOLE_ID.matcher(masked).find()).isFalse();
        assertThat(WHOLE_MOBILE.matcher(masked).find()).isFalse();
        assertThat(http().as(TestTokens.of("COUNTY_OFFICER", Seeds.ANLU)).get("/api/enrollment/classes/" + classId + "/ledger").status())
                .as("another county's officer").isEqualTo(404);
    }

    byte[] download(String path, String token) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    @Test
    @Order(2)
    void fiftyConcurrentEnrollmentsForFortyPlacesLeftEnrollExactlyForty() throws Exception {
        String baseId = base("孝感市高级技工学校", Seeds.YINGCHENG, 45);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        String classId = classAt(staff, 120);
        for (int i = 0; i < 5; i++) {
            assertThat(enroll(staff, classId, People.anyone()).status()).isEqualTo(201);
        }
        List<Map<String, Object>> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add(People.anyone());
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Response>> answers = new ArrayList<>();
        try {
            for (Map<String, Object> t : fifty) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return enroll(staff, classId, t);
                }));
            }
            start.countDown();
            int enrolled = 0;
            int refused = 0;
            for (Future<Http.Response> f : answers) {
                Http.Response r = f.get();
                if (r.status() == 201) {
                    enrolled++;
                } else {
                    assertThat(r.status()).as(r.toString()).isEqualTo(422);
                    assertThat(r.json().path("type").asText()).isEqualTo("urn:sunshine:problem:quota-exceeded");
                    assertThat(r.json().path("detail").asText()).contains("45").contains("0 place(s) left");
                    refused++;
                }
            }
            assertThat(enrolled).isEqualTo(40);
            assertThat(refused).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json().path("total").asInt()).isEqualTo(45);
        PlaceCounter quota = places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).orElseThrow();
        assertThat(quota.taken()).isEqualTo(45);
        assertThat(quota.remaining()).isZero();
    }

    @Test
    @Order(3)
    void theSamePersonAtTwoBasesAtTheSameInstantIsEnrolledOnce() throws Exception {
        String yingcheng = base("应城市农业广播电视学校", Seeds.YINGCHENG, 20);
        String anlu = base("安陆市就业训练中心", Seeds.ANLU, 20);
        String yStaff = TestTokens.baseStaff(Seeds.YINGCHENG, yingcheng);
        String aStaff = TestTokens.baseStaff(Seeds.ANLU, anlu);
        String yClass = classAt(yStaff, 20);
        String aClass = classAt(aStaff, 20);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                Map<String, Object> person = People.anyone();
                CountDownLatch start = new CountDownLatch(1);
                Future<Http.Response> a = pool.submit(() -> {
                    start.await();
                    return enroll(yStaff, yClass, person);
                });
                Future<Http.Response> b = pool.submit(() -> {
                    start.await();
                    return enroll(aStaff, aClass, person);
                });
                start.countDown();
                List<Http.Response> both = List.of(a.get(), b.get());
                assertThat(both).extracting(Http.Response::status).containsExactlyInAnyOrder(201, 409);
                Http.Response winner = both.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
                Http.Response loser = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                String winnerBase = winner.json().path("baseName").asText();
                assertThat(loser.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-enrolled");
                assertThat(loser.json().path("detail").asText()).contains(winnerBase)
                        .contains(winner.json().path("divisionCode").asText())
                        .doesNotContain((String) person.get("idNumber"));
            }
        } finally {
            pool.shutdownNow();
        }
        // The refused side's places were given back: 5 enrolled in all, 35 places left over the two bases.
        int left = places.find(PlaceCounter.quotaId(yingcheng, "WELDING", 2026)).orElseThrow().remaining()
                + places.find(PlaceCounter.quotaId(anlu, "WELDING", 2026)).orElseThrow().remaining();
        assertThat(left).isEqualTo(35);
    }

    @Test
    @Order(4)
    void aRevokedBaseEnrollsNoOneWhileItsTraineesAreAssessedAndComplete() {
        String baseId = base("应城市汉宜职业培训学校", Seeds.YINGCHENG, 60);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        String classId = classAt(staff, 60);
        Http.Response zhang = enroll(staff, classId, People.trainee("张伟", true, "420981199003152314", "13871234567"));
        assertThat(zhang.status()).as(zhang.toString()).isEqualTo(201);
        assertThat(zhang.json().path("trainee").path("idNumber").asText()).as("the base's staff see it masked")
                .isEqualTo("420981********2314");
        String zhangId = zhang.json().path("id").asText();

        clock.set(Instant.parse("2026-07-06T01:30:00Z"));
        Http.Response opened = http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening",
                Map.of("notes", "县阳光办张主任讲第一课，发放培训券"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of()).status()).isEqualTo(409);

        clock.set(Instant.parse("2026-07-06T01:40:00Z"));
        Map<String, Object> liNa = People.anyone();
        Http.Response li = enroll(staff, classId, liNa);
        assertThat(li.status()).isEqualTo(201);
        String liId = li.json().path("id").asText();

        Http.Response notVerified = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90));
        assertThat(notVerified.status()).isEqualTo(422);
        Http.Response verified = http().as(OFFICER).post("/api/enrollment/enrollments/" + zhangId + "/roster-check",
                Map.of("outcome", "VERIFIED"));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.json().path("trainee").path("idNumber").asText()).as("whole for the county's officer")
                .isEqualTo("420981199003152314");
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + liId + "/roster-check",
                Map.of("outcome", "REJECTED")).status()).as("a rejection needs its reason").isEqualTo(400);
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + liId + "/roster-check",
                Map.of("outcome", "REJECTED", "reason", "本人未到场，由他人冒名顶替")).status()).isEqualTo(200);

        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_REVOKED, Seeds.baseRevoked(baseId, Seeds.YINGCHENG),
                baseId, Seeds.YINGCHENG);
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(staff).get("/api/enrollment/bases/" + baseId).json()
                .path("standing").asText().equals("REVOKED"));
        Http.Response refused = enroll(staff, classId, People.anyone());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:sunshine:problem:base-not-accepting");
        assertThat(refused.json().path("detail").asText()).contains("revoked");
        assertThat(http().as(staff).post("/api/enrollment/classes", classBody(30)).status()).isEqualTo(422);

        clock.set(Instant.parse("2026-08-14T02:00:00Z"));
        Http.Response assessed = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90));
        assertThat(assessed.status()).as(assessed.toString()).isEqualTo(200);
        assertThat(assessed.json().path("status").asText()).isEqualTo("ASSESSED");
        clock.set(Instant.parse("2026-08-15T02:00:00Z"));
        Http.Response completed = http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/completion",
                Map.of("certificateNumber", "YC2026-WELD-0001", "skillCertificateNumber", "1142000000123", "skillLevel", "初级"));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + zhangId + "/withdrawal", Map.of("reason", "x"))
                .status()).as("a completed trainee is not withdrawn").isEqualTo(409);
        Http.Response withdrawn = http().as(staff).post("/api/enrollment/enrollments/" + liId + "/withdrawal",
                Map.of("reason", "身份核定未通过"));
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).orElseThrow().taken()).isEqualTo(1);
        // The withdrawn person's year is free again: another base may enroll them.
        clock.set(DAY_ONE);
        String other = base("应城市第二职业培训学校", Seeds.YINGCHENG, 5);
        String otherStaff = TestTokens.baseStaff(Seeds.YINGCHENG, other);
        assertThat(enroll(otherStaff, classAt(otherStaff, 5), liNa).status()).isEqualTo(201);

        // What was published matches the contracts (ids replaced by the samples' ones).
        String classBodyOf = awaitEvent(EventTypes.CLASS_OPENED.name(), classId);
        GoldenSamples.assertMatches(EventTypes.CLASS_OPENED, normalise(classBodyOf, baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_ENROLLED,
                normalise(awaitEvent(EventTypes.TRAINEE_ENROLLED.name(), zhangId), baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_ASSESSED,
                normalise(awaitEvent(EventTypes.TRAINEE_ASSESSED.name(), zhangId), baseId, classId, zhangId));
        GoldenSamples.assertMatches(EventTypes.TRAINEE_COMPLETED,
                normalise(awaitEvent(EventTypes.TRAINEE_COMPLETED.name(), zhangId), baseId, classId, zhangId));
        assertThat(awaitEvent(EventTypes.TRAINEE_WITHDRAWN.name(), liId)).contains("身份核定未通过");
    }

    String awaitEvent(String type, String mustContain) {
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(type).stream().anyMatch(t -> t.body().contains(mustContain)));
        return tap.ofType(type).stream().filter(t -> t.body().contains(mustContain)).findFirst().orElseThrow().body();
    }

    static String normalise(String body, String baseId, String classId, String enrollmentId) {
        return body.replace(baseId, "01JBASE0000000000000000001").replace(classId, "01JCLASS000000000000000001")
                .replace(enrollmentId, "01JENROLLMENT0000000000001");
    }

    @Test
    @Order(5)
    void contactsAreDisclosedOnlyForAStatedPurposeAndEveryLookupIsAudited() {
        String baseId = base("应城市三农职业培训学校", Seeds.YINGCHENG, 5);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
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
    @Order(5)
    void aServiceLooksUpContactsOnlyWithATokenForEnrollmentWithTheScopeAndWithinItsDivision() {
        String baseId = base("应城市四季职业培训学校", Seeds.YINGCHENG, 5);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
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

    @Test
    @Order(6)
    void badInputNamesTheFieldAndNeverAnswers500() {
        String baseId = base("应城市星光职业培训学校", Seeds.YINGCHENG, 5);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, baseId);
        String classId = classAt(staff, 5);
        Map<String, Object> t = People.anyone();
        t.put("idNumber", People.withWrongCheck((String) t.get("idNumber")));
        Http.Response badId = enroll(staff, classId, t);
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().path("errors").get(0).path("field").asText()).isEqualTo("idNumber");
        String first17 = "42098119500101001";
        Map<String, Object> old = People.trainee("王老汉", true,
                first17 + cn.sunshine.platform.identifiers.ResidentIdNumber.checkCharacter(first17), People.phone());
        Http.Response tooOld = enroll(staff, classId, old);
        assertThat(tooOld.status()).as(tooOld.toString()).isEqualTo(422);
        assertThat(tooOld.json().path("detail").asText()).contains("16 to 60");
        Map<String, Object> badPhone = People.anyone();
        badPhone.put("phone", "0712-1234567");
        assertThat(enroll(staff, classId, badPhone).json().path("errors").get(0).path("field").asText()).isEqualTo("phone");
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "\"unclosed", "text/csv").status())
                .isEqualTo(400);
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "not a workbook",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet").status()).isEqualTo(400);
        assertThat(http().as(staff).postRaw("/api/enrollment/classes/" + classId + "/roster", "x", "text/plain").status())
                .isEqualTo(415);
        Map<String, Object> early = classBody(5);
        early.put("plannedStart", "2026-07-01");
        assertThat(http().as(staff).post("/api/enrollment/classes", early).json().path("errors").get(0).path("field").asText())
                .isEqualTo("plannedStart");
        Map<String, Object> order = classBody(5);
        order.remove("orderEmployer");
        assertThat(http().as(staff).post("/api/enrollment/classes", order).status()).isEqualTo(400);
        assertThat(http().as(staff).get("/api/enrollment/classes/" + classId + "/ledger?format=pdf").status()).isEqualTo(400);
    }

    @Test
    @Order(7)
    void problemsAreAnsweredInChineseForAcceptLanguageZhAndInEnglishWithout() {
        String anlu = base("安陆市职业技术学校", Seeds.ANLU, 10);
        String anluStaff = TestTokens.baseStaff(Seeds.ANLU, anlu);
        Map<String, Object> elsewhere = People.anyone();
        assertThat(enroll(anluStaff, classAt(anluStaff, 10), elsewhere).status()).isEqualTo(201);
        String staff = TestTokens.baseStaff(Seeds.YINGCHENG, base("应城市职业教育中心", Seeds.YINGCHENG, 10));
        String classId = classAt(staff, 10);
        List<Map<String, Object>> file = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            file.add(new LinkedHashMap<>(People.anyone()));
        }
        file.get(0).put("idNumber", People.withWrongCheck((String) file.get(0).get("idNumber")));  // line 3
        file.get(1).put("gender", "MALE".equals(file.get(1).get("gender")) ? "FEMALE" : "MALE");    // line 4: 性别
        file.get(2).put("name", "");                                                                // line 5: Bean Validation's own
        file.get(3).put("householdDivision", "42098");                                              // line 6: the annotation's English
        file.set(4, elsewhere);                                                                     // line 7
        String path = "/api/enrollment/classes/" + classId + "/roster";

        Http.Response zh = http().as(staff).header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8").postRaw(path, csv(file), "text/csv");
        assertThat(zh.status()).as(zh.toString()).isEqualTo(422);
        assertThat(zh.json().path("type").asText()).isEqualTo("urn:sunshine:problem:roster-rejected");
        assertThat(zh.json().path("title").asText()).isEqualTo("名册中有不合格的行");
        assertThat(zh.json().path("detail").asText()).isEqualTo("发现 5 处问题，本次未导入任何学员：请修改文件后重新上传");
        JsonNode rows = zh.json().path("rows");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).path("field").asText()).isEqualTo("idNumber");
        assertThat(rows.get(0).path("message").asText()).isEqualTo("身份证号校验位不正确");
        assertThat(rows.get(1).path("field").asText()).isEqualTo("gender");
        assertThat(rows.get(1).path("message").asText()).isEqualTo("与身份证号不符");
        assertThat(rows.get(2).path("field").asText()).isEqualTo("name");
        assertThat(rows.get(2).path("message").asText()).isEqualTo("不能为空");
        assertThat(rows.get(3).path("field").asText()).isEqualTo("householdDivision");
        assertThat(rows.get(3).path("message").asText()).isEqualTo("须为6位行政区划代码");
        String id = (String) elsewhere.get("idNumber");
        String masked = id.substring(0, 6) + "********" + id.substring(14);
        assertThat(rows.get(4).path("message").asText())
                .isEqualTo(masked + " 本年度已在安陆市职业技术学校（区划 " + Seeds.ANLU + "）报名，每人每年只能享受一次补助");

        Http.Response en = http().as(staff).postRaw(path, csv(file), "text/csv");
        assertThat(en.status()).isEqualTo(422);
        assertThat(en.json().path("title").asText()).isEqualTo("The roster has bad rows");
        assertThat(en.json().path("detail").asText())
                .isEqualTo("5 problem(s) found; nothing was imported: correct the file and send it again");
        JsonNode english = en.json().path("rows");
        assertThat(english.get(0).path("message").asText()).isEqualTo("the check character of the resident ID number is wrong");
        assertThat(english.get(1).path("message").asText()).isEqualTo("does not match the resident ID number");
        assertThat(english.get(2).path("message").asText()).isEqualTo("must not be blank");
        assertThat(english.get(3).path("message").asText()).isEqualTo("must be a 6-digit division code");
        assertThat(english.get(4).path("message").asText()).isEqualTo(masked + " is already enrolled this year at 安陆市职业技术学校 (county "
                + Seeds.ANLU + "): a person is subsidised once a year");
        assertThat(http().as(staff).header("Accept-Language", "en").postRaw(path, csv(file), "text/csv").body()).isEqualTo(en.body());

        Http.Response again = http().as(staff).header("Accept-Language", "zh-CN").post("/api/enrollment/classes/" + classId
                + "/enrollments", elsewhere);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("type").asText()).isEqualTo("urn:sunshine:problem:already-enrolled");
        assertThat(again.json().path("title").asText()).isEqualTo("本年度已报名");
        assertThat(again.json().path("detail").asText()).contains("本年度已在安陆市职业技术学校").endsWith("每人每年只能享受一次补助");
        assertThat(again.json().path("errors").get(0).path("field").asText()).isEqualTo("idNumber");
        assertThat(again.json().path("errors").get(0).path("message").asText()).isEqualTo(again.json().path("detail").asText());

        Map<String, Object> wrong = new LinkedHashMap<>(file.get(1));
        wrong.put("phone", "12345");
        Http.Response invalid = http().as(staff).header("Accept-Language", "zh-CN").post("/api/enrollment/classes/" + classId
                + "/enrollments", wrong);
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("detail").asText()).isEqualTo("gender：与身份证号不符；phone：须为11位手机号码");
        assertThat(http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments", wrong).json().path("detail").asText())
                .isEqualTo("gender: does not match the resident ID number; phone: must be an 11-digit mobile number");

        assertThat(http().as(staff).header("Accept-Language", "zh-CN").get("/api/enrollment/classes/no-such-class").json()
                .path("detail").asText()).isEqualTo("所查记录（class no-such-class）不存在，或不在您的管辖范围内");
    }

    @Test
    @Order(99)
    void noLogLineAndNoEventCarriesAWholeIdNumberOrPhone() {
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> tap.received().stream()
                    .filter(t -> t.type() != null && t.type().startsWith("enrollment.")).count() >= 100);
        } catch (Exception ex) {
            throw new AssertionError(tap.received().stream().collect(java.util.stream.Collectors.groupingBy(
                    t -> String.valueOf(t.type()), java.util.stream.Collectors.counting())).toString());
        }
        List<EventTap.Tapped> events = tap.received().stream().filter(t -> t.type() != null && t.type().startsWith("enrollment.")).toList();
        for (EventTap.Tapped e : events) {
            assertThat(WHOLE_ID.matcher(e.body()).find()).as("whole ID number in %s: %s", e.type(), e.body()).isFalse();
            assertThat(WHOLE_MOBILE.matcher(e.body()).find()).as("whole phone in %s: %s", e.type(), e.body()).isFalse();
            assertThat(e.headers().toString()).doesNotContainPattern(WHOLE_ID.pattern());
        }
        List<String> lines = logs.list.stream().map(l -> l.getFormattedMessage()
                + (l.getThrowableProxy() == null ? "" : " " + l.getThrowableProxy().getMessage())).toList();
        assertThat(lines).as("log lines captured").isNotEmpty();
        for (String line : lines) {
            assertThat(WHOLE_ID.matcher(line).find()).as("whole ID number in the log: %s", line).isFalse();
            assertThat(WHOLE_MOBILE.matcher(line).find()).as("whole phone in the log: %s", line).isFalse();
        }
    }
}
