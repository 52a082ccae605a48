package cn.sunshine.enrollment;

import cn.sunshine.platform.test.EventTap;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.TestTokens;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every enrollment journey test shares: a base accredited in a county with an agreed quota (as accreditation's
 * events make it), a class, an enrollment, a roster file; real tokens over HTTP, events taken off the broker and log
 * lines captured — and, after each journey, the check that no event and no log line it caused carries a whole ID
 * number or mobile number. Each journey class stands alone (its own bases and classes), in the one shared context.
 */
abstract class EnrollmentJourney extends EnrollmentServiceTest {

    static final Pattern WHOLE_ID = Pattern.compile("(?<![0-9A-Za-z])\\d{17}[0-9Xx](?![0-9A-Za-z])");
    static final Pattern WHOLE_MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);

    static final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    /** Captures the journey's log lines (its events are on the tap {@link cn.sunshine.platform.test.ServiceTestSupport} opens). */
    @BeforeAll
    static void listen() {
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
