package cn.sunshine.enrollment;

import cn.sunshine.enrollment.quota.PlaceCounter;
import cn.sunshine.enrollment.quota.Places;
import cn.sunshine.enrollment.roster.RosterReader;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.identifiers.ResidentIdNumber;
import cn.sunshine.platform.messaging.MessagingProperties;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.ServiceTestSupport;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestEvents;
import cn.sunshine.platform.test.TestTokens;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 14, personal data: for every operation of enrollment's OpenAPI document that answers with
 * trainee data, and every role, nobody who sees a masked ID number or phone can rebuild the whole one
 * from the answer (masked ID + birth date, + age, a date anywhere in the answer, the hidden digits in
 * another field); the county's officer sees them whole and each such answer is audited first; events
 * and logs carry neither.
 */
@SunshineServiceTest
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataTest extends ServiceTestSupport {

    static final String DIVISION = Seeds.YINGCHENG;
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", DIVISION);
    static final Pattern MASKED_ID = Pattern.compile("(\\d{6})\\*{8}(\\d{3})([0-9X])");
    static final Pattern MASKED_PHONE = Pattern.compile("(1[3-9]\\d)\\*{4}(\\d{4})");
    static final Pattern DATE = Pattern.compile("((?:19|20)\\d{2})[-/年]?(0[1-9]|1[0-2])[-/月]?(0[1-9]|[12]\\d|3[01])");
    static final Pattern DIGITS = Pattern.compile("\\d+");

    @Autowired
    RabbitTemplate rabbit;
    @Autowired
    MessagingProperties messaging;
    @Autowired
    Places places;
    @Autowired
    MongoTemplate mongo;

    /** A class of one accredited base with three trainees; returns {baseId, classId}. */
    String[] classWithTrainees(List<String> ids, List<String> phones, List<String> names) {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        String baseId = UUID.randomUUID().toString();
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.BASE_ACCREDITED,
                new BaseAccredited(baseId, "应城市阳光职业培训学校", "12" + DIVISION + "MB7654322H", DIVISION, Seeds.majors(),
                        LocalDate.of(2026, 7, 1), LocalDate.of(2027, 6, 30), Instant.parse("2026-06-30T02:00:00Z"),
                        "county-officer-" + DIVISION), baseId, DIVISION);
        TestEvents.publish(rabbit, messaging.getExchange(), EventTypes.AGREEMENT_SIGNED,
                new AgreementSigned(UUID.randomUUID().toString(), 1, baseId, DIVISION, 2026,
                        List.of(new AgreedMajor("WELDING", "电焊", 20, 60_000)), "REDUCED_FEE", 9000,
                        "county-officer-" + DIVISION, Instant.parse("2026-06-30T02:00:00Z"), "刘校长",
                        "base-staff-" + baseId, Instant.parse("2026-06-30T06:00:00Z"), null), baseId, DIVISION);
        String staff = TestTokens.baseStaff(DIVISION, baseId);
        await().atMost(Duration.ofSeconds(10)).until(() -> http().as(staff).get("/api/enrollment/bases/" + baseId).status() == 200
                && places.find(PlaceCounter.quotaId(baseId, "WELDING", 2026)).isPresent());
        Http.Response klass = http().as(staff).post("/api/enrollment/classes", Map.of("majorCode", "WELDING",
                "plannedStart", "2026-07-06", "plannedEnd", "2026-08-14", "trainingForm", "FREE", "capacity", 20,
                "feeFen", 0, "place", Map.of("town", "杨河镇", "village", "三合村", "address", "三合村村委会会议室",
                        "mobile", false)));
        assertThat(klass.status()).as(klass.toString()).isEqualTo(201);
        String classId = klass.json().path("id").asText();
        for (int i = 0; i < names.size(); i++) {
            boolean male = i % 2 == 0;
            String id = People.idNumber(male);
            // the hidden middle digits from 5000..9999: never a year, so the check below cannot hit by chance
            String phone = "13" + (7 + i % 3) + (5000 + (Math.abs(id.hashCode()) % 5000)) + String.format("%04d", 1000 + i);
            Http.Response r = http().as(staff).post("/api/enrollment/classes/" + classId + "/enrollments",
                    People.trainee(names.get(i), male, id, phone));
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            ids.add(id);
            phones.add(phone);
            attempt("POST enroll answer to the base", r.body(), ids, phones);
        }
        return new String[]{baseId, classId};
    }

    @Test
    void noAnswerLetsAnyRoleRebuildAWholeIdNumberOrPhone(CapturedOutput output) throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        String[] bc = classWithTrainees(ids, phones, List.of("张秀英", "李建国", "王桂兰"));
        String baseId = bc[0];
        String classId = bc[1];
        String staff = TestTokens.baseStaff(DIVISION, baseId);
        String enrollmentId = http().as(staff).get("/api/enrollment/classes/" + classId + "/enrollments").json()
                .path("items").get(0).path("id").asText();
        // the steps whose answers carry the trainee: to the base (masked) and to the county's officer (whole, audited)
        assertThat(http().as(OFFICER).post("/api/enrollment/classes/" + classId + "/opening", Map.of()).status()).isEqualTo(200);
        Http.Response checked = http().as(OFFICER).post("/api/enrollment/enrollments/" + enrollmentId + "/roster-check",
                Map.of("outcome", "VERIFIED"));
        assertThat(checked.status()).isEqualTo(200);
        assertThat(checked.json().path("trainee").path("idNumber").asText()).isIn(ids);
        Http.Response assessed = http().as(staff).post("/api/enrollment/enrollments/" + enrollmentId + "/assessment",
                Map.of("theoryScore", 82, "practicalScore", 90));
        attempt("POST assessment answer to the base", assessed.body(), ids, phones);
        Http.Response done = http().as(staff).post("/api/enrollment/enrollments/" + enrollmentId + "/completion",
                Map.of("certificateNumber", "YC2026-" + enrollmentId.substring(0, 8)));
        attempt("POST completion answer to the base", done.body(), ids, phones);

        // every GET of the OpenAPI document, every role, own jurisdiction (and a foreign base's staff)
        JsonNode doc = http().get("/v3/api-docs").json();
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            if (role == Role.BASE_STAFF) {
                callers.put("BASE_STAFF(own base)", staff);
                callers.put("BASE_STAFF(another base)", TestTokens.baseStaff(DIVISION, UUID.randomUUID().toString()));
            } else {
                callers.put(role.name(), TestTokens.of(role.name(), role == Role.PROVINCE_OFFICER ? "420000" : DIVISION));
            }
        }
        List<String> walked = new ArrayList<>();
        int answersWithTrainees = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (!p.getKey().startsWith("/api/enrollment") || !p.getValue().has("get")) {
                continue;
            }
            String path = p.getKey().replace("{classId}", classId).replace("{enrollmentId}", enrollmentId)
                    .replace("{baseId}", baseId).replaceAll("\\{[^}]+}", "x");
            boolean hasFormat = p.getValue().path("get").path("parameters").findValues("name").stream()
                    .anyMatch(n -> n.asText().equals("format"));
            List<String> variants = hasFormat ? List.of(path + "?format=csv", path + "?format=xlsx") : List.of(path);
            for (String v : variants) {
                walked.add("GET " + v);
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    HttpResponse<byte[]> r = get(caller.getValue(), v);
                    if (r.statusCode() != 200) {
                        continue;
                    }
                    String text = text(r);
                    boolean carries = ids.stream().anyMatch(id -> text.contains(id.substring(14)));
                    if (carries) {
                        answersWithTrainees++;
                    }
                    String label = caller.getKey() + " GET " + v;
                    if (caller.getKey().equals("COUNTY_OFFICER")) {
                        continue; // whole by design: audited, checked below
                    }
                    attempt(label, text, ids, phones);
                }
            }
        }
        assertThat(walked).as("operations walked").anyMatch(s -> s.contains("/ledger"))
                .anyMatch(s -> s.endsWith(classId + "/enrollments")).anyMatch(s -> s.endsWith("/enrollments/" + enrollmentId));
        assertThat(answersWithTrainees).as("answers that carried trainees").isGreaterThan(10);

        // the county's officer: whole, and audited with the purpose given
        Http.Response whole = http().as(OFFICER).get("/api/enrollment/enrollments/" + enrollmentId + "?purpose="
                + URLEncoder.encode("核对补助申报", StandardCharsets.UTF_8));
        assertThat(whole.json().path("trainee").path("idNumber").asText()).isIn(ids);
        assertThat(whole.json().path("trainee").path("birthDate").asText()).isNotEmpty();
        String auditor = TestTokens.of("AUDITOR", DIVISION);
        JsonNode audit = http().as(auditor).get("/api/enrollment/audit-records?classId=" + classId + "&size=100").json();
        List<String> ops = audit.path("items").findValues("operation").stream().map(JsonNode::asText).toList();
        assertThat(ops).contains("enrollment.read", "enrollment.list", "ledger.export", "enrollment.roster-check");
        assertThat(audit.path("items").findValues("purpose").stream().map(JsonNode::asText)).contains("核对补助申报");
        assertThat(audit.path("items").get(0).path("readBy").asText()).isNotBlank();
        assertThat(http().as(TestTokens.of("PROVINCE_OFFICER", "420000")).get("/api/enrollment/audit-records?classId="
                + classId).json().path("total").asLong()).isEqualTo(audit.path("total").asLong());
        assertThat(http().as(TestTokens.of("AUDITOR", "430102")).get("/api/enrollment/audit-records?classId="
                + classId).json().path("total").asLong()).as("another province's auditor").isZero();
        assertThat(http().as(staff).get("/api/enrollment/audit-records").status()).isEqualTo(403);

        // events: every payload published about these trainees
        await().atMost(Duration.ofSeconds(10)).until(() -> tap.received().stream().filter(t -> t.body().contains(classId)).count() >= 4);
        String events = String.join("\n", tap.received().stream().filter(t -> t.body().contains(classId)).map(t -> t.body()).toList());
        attempt("events", events, ids, phones);
        assertThat(MASKED_ID.matcher(events).find()).as("events carry the masked number").isTrue();

        // logs
        attempt("logs", output.getAll(), ids, phones);
    }

    private HttpResponse<byte[]> get(String token, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/vnd.openxmlformats")) {
            return String.join("\n", RosterReader.readXlsx(r.body()).stream().map(row -> String.join(",", row)).toList());
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /**
     * Tries to rebuild each trainee's ID number and phone from an answer, and fails the test if it can:
     * the whole values; every masked ID completed with every date in the answer (any format); a masked ID
     * beside a birth date or an age; every masked phone completed with every run of digits in the answer.
     */
    static void attempt(String label, String text, List<String> ids, List<String> phones) {
        for (String id : ids) {
            assertThat(text).as(label + ": a whole ID number").doesNotContain(id);
        }
        for (String phone : phones) {
            assertThat(text).as(label + ": a whole phone").doesNotContain(phone);
        }
        List<String> dates = new ArrayList<>();
        Matcher d = DATE.matcher(text);
        while (d.find()) {
            dates.add(d.group(1) + d.group(2) + d.group(3));
        }
        Matcher m = MASKED_ID.matcher(text);
        while (m.find()) {
            for (String date : dates) {
                String first17 = m.group(1) + date + m.group(2);
                String candidate = first17 + ResidentIdNumber.checkCharacter(first17);
                assertThat(ids).as(label + ": " + m.group() + " + the date " + date + " in the answer gives a whole ID")
                        .doesNotContain(candidate);
            }
            assertThat(text).as(label + ": a birth date or an age beside a masked ID")
                    .doesNotContainPattern("\"birthDate\"\\s*:\\s*\"").doesNotContainPattern("\"age\\w*\"\\s*:\\s*\\d");
        }
        List<String> runs = new ArrayList<>();
        Matcher r = DIGITS.matcher(text);
        while (r.find()) {
            runs.add(r.group());
        }
        Matcher p = MASKED_PHONE.matcher(text);
        while (p.find()) {
            for (String phone : phones) {
                if (phone.startsWith(p.group(1)) && phone.endsWith(p.group(2))) {
                    String hidden = phone.substring(3, 7);
                    assertThat(runs).as(label + ": the hidden digits of " + p.group() + " elsewhere in the answer")
                            .noneMatch(run -> run.equals(hidden) || run.contains(hidden + p.group(2)));
                }
            }
        }
    }

    static String birth(String id) {
        return LocalDate.parse(id.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE).toString();
    }

    @Test
    void theLedgerOfAMaskedReaderHasNoAgeAndNoAddress() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        String[] bc = classWithTrainees(ids, phones, List.of("周志强"));
        HttpResponse<byte[]> r = get(TestTokens.of("CITY_OFFICER", "420900"), "/api/enrollment/classes/" + bc[1] + "/ledger");
        List<List<String>> rows = RosterReader.readCsv(new java.io.ByteArrayInputStream(r.body()));
        List<String> en = rows.get(1);
        List<String> row = rows.get(2);
        assertThat(row.get(en.indexOf("age"))).isEmpty();
        assertThat(row.get(en.indexOf("town"))).isEmpty();
        assertThat(row.get(en.indexOf("idNumber"))).matches("\\d{6}\\*{8}\\d{3}[0-9X]");
        assertThat(birth(ids.get(0))).isNotEmpty();
        JsonNode mine = http().as(TestTokens.baseStaff(DIVISION, bc[0])).get("/api/enrollment/classes/" + bc[1] + "/enrollments")
                .json().path("items").get(0).path("trainee");
        assertThat(mine.path("town").asText()).as("the own base keeps the address").isEqualTo("杨河镇");
        assertThat(mine.path("birthDate").isNull() || mine.path("birthDate").isMissingNode()).isTrue();
        assertThat(mine.path("ageAtEnrollment").isNull() || mine.path("ageAtEnrollment").isMissingNode()).isTrue();
    }
}
