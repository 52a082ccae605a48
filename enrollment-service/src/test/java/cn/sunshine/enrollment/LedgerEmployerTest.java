package cn.sunshine.enrollment;

import cn.sunshine.enrollment.ledger.Sheets;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.placement.PlacementDisproved;
import cn.sunshine.platform.events.placement.TraineePlaced;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hole 9: the ledger (台帐) learns the employer of a placed trainee from placement-service's events —
 * its name, full address and working phone (masked where the trainee's phone is) — a re-placement
 * replaces it, a disproved placement is marked, and the same event twice changes nothing.
 */
@SunshineServiceTest
class LedgerEmployerTest extends EnrollmentServiceTest {

    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", Seeds.YINGCHENG);
    static final Pattern WHOLE_MOBILE = Pattern.compile("(?<![0-9A-Za-z])1[3-9]\\d{9}(?![0-9A-Za-z])");
    static final String HR_MOBILE = "13907120001";


    @Test
    void hole9_theLedgerShowsTheEmployerOfAPlacedTrainee() throws Exception {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        String division = Seeds.YINGCHENG;
        AgreedBase base = agreedBase("应城市就业培训学校", division, 10);
        String baseId = base.baseId();
        String staff = base.staff();
        String classId = base.reportClass(http(), 10, false);
        String placedOne = completedTrainee(staff, classId, "王就业", true);
        String oldContract = completedTrainee(staff, classId, "李旧约", false);
        String notPlaced = completedTrainee(staff, classId, "赵待业", true);

        // placed: the employer with its full address and HR phone; the same event delivered twice
        String eventId = UUID.randomUUID().toString();
        TraineePlaced placed = placed(placedOne, 1, "武汉江城重工有限公司", "武汉市江夏区庙山大道8号", HR_MOBILE,
                Instant.parse("2026-09-02T02:00:00Z"), null);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_PLACED, placed, placed.placementId(), division, eventId);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_PLACED, placed, placed.placementId(), division, eventId);
        // an event published before the employer's address and phone were carried (the earlier v1 body)
        TraineePlaced earlier = new TraineePlaced(oldContract + "-1", oldContract, classId, baseId, division, "WELDING", 2026,
                "湖北双环科技股份有限公司", "91420900MA4XXXXX1X", "操作工", 400_000, LocalDate.of(2026, 9, 1), "HOME_COUNTY",
                true, null, Instant.parse("2026-09-01T02:00:00Z"), "base-staff-" + baseId);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_PLACED, earlier, earlier.placementId(), division);

        await().atMost(Duration.ofSeconds(10)).until(() -> !cell(ledger(OFFICER, classId), "王就业", "employerName").isEmpty()
                && !cell(ledger(OFFICER, classId), "李旧约", "employerName").isEmpty());
        List<List<String>> whole = ledger(OFFICER, classId);
        assertThat(header(whole, "employerName")).isEqualTo("就业单位");
        assertThat(cell(whole, "王就业", "employerName")).isEqualTo("武汉江城重工有限公司");
        assertThat(cell(whole, "王就业", "employerAddress")).isEqualTo("武汉市江夏区庙山大道8号");
        assertThat(cell(whole, "王就业", "employerPhone")).as("whole for the county's officer").isEqualTo(HR_MOBILE);
        assertThat(cell(whole, "李旧约", "employerName")).isEqualTo("湖北双环科技股份有限公司");
        assertThat(cell(whole, "李旧约", "employerAddress")).as("not carried by the earlier body").isEmpty();
        assertThat(cell(whole, "赵待业", "employerName")).isEmpty();
        List<List<String>> masked = ledger(staff, classId);
        assertThat(cell(masked, "王就业", "employerPhone")).as("masked as the trainee's phone is").isEqualTo("139****0001");
        assertThat(cell(masked, "王就业", "employerAddress")).isEqualTo("武汉市江夏区庙山大道8号");
        assertThat(WHOLE_MOBILE.matcher(String.join(",", masked.stream().flatMap(List::stream).toList())).find()).isFalse();
        assertThat(http().as(staff).get("/api/enrollment/enrollments/" + placedOne).json().path("employer").path("phone")
                .asText()).isEqualTo("139****0001");

        // the same event twice changed the enrollment once
        long version = mongo.findById(placedOne, Enrollment.class).getVersion();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_PLACED, placed, placed.placementId(), division, eventId);
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
                mongo.findById(placedOne, Enrollment.class).getVersion() == version);

        // re-placed: the new employer replaces it; the first placement's event arriving late again changes nothing
        TraineePlaced replaced = placed(placedOne, 2, "广州依利安达电子有限公司", "广州市番禺区石基镇金山大道东168号",
                "020-34567890", Instant.parse("2026-11-08T02:00:00Z"), placed.placementId());
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_REPLACED, replaced, replaced.placementId(), division);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.TRAINEE_PLACED, placed, placed.placementId(), division);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                cell(ledger(OFFICER, classId), "王就业", "employerName").equals("广州依利安达电子有限公司"));
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3)).until(() ->
                cell(ledger(OFFICER, classId), "王就业", "employerName").equals("广州依利安达电子有限公司"));
        whole = ledger(OFFICER, classId);
        assertThat(cell(whole, "王就业", "employerAddress")).isEqualTo("广州市番禺区石基镇金山大道东168号");
        assertThat(cell(whole, "王就业", "employerPhone")).isEqualTo("020-34567890");
        assertThat(cell(ledger(staff, classId), "王就业", "employerPhone")).isEqualTo("020*****7890");

        // a spot check disproved that placement: the ledger marks it and shows no address or phone
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.PLACEMENT_DISPROVED, new PlacementDisproved(
                replaced.placementId(), placedOne, baseId, division, 2026, "s-1-" + replaced.placementId() + "-NOT_EMPLOYED_AS_REPORTED",
                "NOT_EMPLOYED_AS_REPORTED", replaced.placedAt(), Instant.parse("2026-11-20T02:00:00Z"),
                "county-officer-" + division), replaced.placementId(), division);
        await().atMost(Duration.ofSeconds(10)).until(() ->
                cell(ledger(OFFICER, classId), "王就业", "employerName").startsWith("（抽查不实）"));
        whole = ledger(OFFICER, classId);
        assertThat(cell(whole, "王就业", "employerName")).isEqualTo("（抽查不实）广州依利安达电子有限公司");
        assertThat(cell(whole, "王就业", "employerAddress")).isEmpty();
        assertThat(cell(whole, "王就业", "employerPhone")).isEmpty();
        assertThat(cell(whole, "李旧约", "employerName")).as("others unchanged").isEqualTo("湖北双环科技股份有限公司");
        assertThat(http().as(OFFICER).get("/api/enrollment/enrollments/" + placedOne).json().path("employer")
                .path("disprovedByFinding").asText()).endsWith("NOT_EMPLOYED_AS_REPORTED");

        // a trainee nobody placed has no employer
        assertThat(mongo.findById(notPlaced, Enrollment.class).getEmployer()).isNull();
    }

    private TraineePlaced placed(String enrollmentId, int sequence, String employer, String address, String phone,
                                 Instant at, String replaces) {
        Enrollment e = mongo.findById(enrollmentId, Enrollment.class);
        return new TraineePlaced(enrollmentId + "-" + sequence, enrollmentId, e.getClassId(), e.getBaseId(),
                e.getDivisionCode(), "WELDING", 2026, employer, "91420100MA4KXXXX0X", "电焊工", 520_000,
                LocalDate.of(2026, 9, 1), "IN_PROVINCE", true, replaces, at, "base-staff-" + e.getBaseId(), address, phone);
    }

    /** Enrolls, verifies, assesses and completes one trainee; returns the enrollment id. */
    private String completedTrainee(String staff, String classId, String name, boolean male) {
        Http.Response r = http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments",
                People.trainee(name, male, People.idNumber(male), People.phone()));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().path("id").asText();
        if (!"OPENED".equals(http().as(staff).get("/api/enrollment/classes/" + classId).json().path("status").asText())) {
            assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of()).status()).isEqualTo(200);
        }
        assertThat(http().as(OFFICER).post("/api/enrollment/enrollments/" + id + "/roster-check",
                Map.of("outcome", "VERIFIED")).status()).isEqualTo(200);
        assertThat(http().as(staff).post("/api/enrollment/enrollments/" + id + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90)).status()).isEqualTo(200);
        Http.Response done = http().as(staff).post("/api/enrollment/enrollments/" + id + "/completion",
                Map.of("certificateNumber", "YC2026-" + id.substring(0, 8)));
        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        return id;
    }

    private List<List<String>> ledger(String token, String classId) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/enrollment/classes/" + classId + "/ledger"))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return Sheets.readCsv(r.body());
    }

    private static String header(List<List<String>> rows, String column) {
        return rows.get(0).get(rows.get(1).indexOf(column));
    }

    private static String cell(List<List<String>> rows, String name, String column) {
        int c = rows.get(1).indexOf(column);
        int n = rows.get(1).indexOf("name");
        return rows.stream().skip(2).filter(r -> r.get(n).equals(name)).findFirst().orElseThrow().get(c);
    }
}
