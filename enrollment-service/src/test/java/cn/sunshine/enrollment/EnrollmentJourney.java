package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.MutableClock;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestClockConfiguration;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every enrollment journey test shares: a base accredited in a county with an agreed quota (as accreditation's
 * events make it), a class, an enrollment, a roster file; real tokens over HTTP, events taken off the broker and log
 * lines captured — and, after each journey, the check that no event and no log line it caused carries a whole ID
 * number or mobile number. Each journey class stands alone (its own bases and classes), in the one shared context.
 */
abstract class EnrollmentJourney {

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
        logs.list.clear();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    /** After the journey: no event it caused and no log line carries a whole ID number or mobile number. */
    @AfterAll
    static void noLogLineAndNoEventCarriesAWholeIdNumberOrPhone() {
        try {
            settle();
            List<EventTap.Tapped> events = tap.received().stream()
                    .filter(t -> t.type() != null && t.type().startsWith("enrollment.")).toList();
            for (EventTap.Tapped e : events) {
                assertThat(WHOLE_ID.matcher(e.body()).find()).as("whole ID number in %s: %s", e.type(), e.body()).isFalse();
                assertThat(WHOLE_MOBILE.matcher(e.body()).find()).as("whole phone in %s: %s", e.type(), e.body()).isFalse();
                assertThat(e.headers().toString()).doesNotContainPattern(WHOLE_ID.pattern());
            }
            List<String> lines = logs.list.stream().map(l -> l.getFormattedMessage()
                    + (l.getThrowableProxy() == null ? "" : " " + l.getThrowableProxy().getMessage())).toList();
            for (String line : lines) {
                assertThat(WHOLE_ID.matcher(line).find()).as("whole ID number in the log: %s", line).isFalse();
                assertThat(WHOLE_MOBILE.matcher(line).find()).as("whole phone in the log: %s", line).isFalse();
            }
        } finally {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
            tap.close();
        }
    }

    /** Waits until the journey's events have stopped arriving (their count unchanged for a second; ten at most). */
    private static void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int seen = -1;
        while (System.nanoTime() < deadline) {
            int now = tap.received().size();
            if (now == seen) {
                return;
            }
            seen = now;
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    byte[] download(String path, String token) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    String awaitEvent(String type, String mustContain) {
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.ofType(type).stream().anyMatch(t -> t.body().contains(mustContain)));
        return tap.ofType(type).stream().filter(t -> t.body().contains(mustContain)).findFirst().orElseThrow().body();
    }

    static String normalise(String body, String baseId, String classId, String enrollmentId) {
        return body.replace(baseId, "01JBASE0000000000000000001").replace(classId, "01JCLASS000000000000000001")
                .replace(enrollmentId, "01JENROLLMENT0000000000001");
    }
}
