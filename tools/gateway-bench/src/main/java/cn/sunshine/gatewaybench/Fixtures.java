package cn.sunshine.gatewaybench;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the three routes need, prepared through the gateway's API as the office would, and found
 * again on a later run (every step looks before it creates): a county of its own (天门市 429006,
 * which the demo province does not use) with a plan for the year, a base registered outside the
 * tender flow with a large annual capacity for one major, its allocation and a signed agreement,
 * and classes of 500 reported on demand. The enrollment write needs a fresh valid ID number for
 * each request: {@link #person(long)} enumerates them, starting after those already enrolled at
 * the base, so no run repeats a number of an earlier run.
 */
final class Fixtures {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    static final String PROVINCE = "420000";
    static final String MAJOR = "WELDING";
    static final long FEE_FEN = 300_000;
    static final int CLASS_CAPACITY = 500;
    /** Enough places for many runs: each saturation phase enrolls a few thousand trainees. */
    static final int QUOTA = 100_000;
    private static final Duration EVENTS = Duration.ofSeconds(120);

    final String county;
    final int year;
    final LocalDate plannedStart;
    final String countyOfficer;
    final String provinceOfficer;
    String baseId;
    String baseStaff;
    long alreadyEnrolled;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String gateway;
    private final List<String> classes = new ArrayList<>();

    Fixtures(String gateway, String county) {
        this.gateway = gateway;
        this.county = county;
        // A class a month ahead (the base must accept enrollment for it and today); its year is the plan's.
        this.plannedStart = LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30);
        this.year = plannedStart.getYear();
        this.provinceOfficer = DevTokens.mint(DevUser.demoUser("province-officer"), Duration.ofHours(12));
        this.countyOfficer = DevTokens.mint(new DevUser("county-officer-" + county, "县阳光办 基准测试 " + county,
                Set.of("COUNTY_OFFICER"), county, null), Duration.ofHours(12));
    }

    void prepare() throws IOException, InterruptedException {
        // The county's ledger for the year: found again on a later run, else the province's plan (the
        // demo's, or one of its own) and the county's share of it, which reaches the county as an event.
        JsonNode found = get("/api/accreditation/quota-ledgers?division=" + county + "&year=" + year, countyOfficer)
                .expect(200).path("items");
        String countyLedger;
        if (found.size() > 0) {
            countyLedger = found.get(0).path("id").asString();
        } else {
            Answer plan = post("/api/accreditation/quota-ledgers", provinceOfficer, Map.of("divisionCode", PROVINCE,
                    "year", year, "total", 2 * QUOTA, "reason", "网关基准测试 " + year + " 年任务"), null);
            String provinceLedger = plan.status == 201 ? plan.json.path("id").asString()
                    : ledgerOf(PROVINCE, provinceOfficer);
            Answer toCounty = post("/api/accreditation/quota-ledgers/" + provinceLedger + "/allocations", provinceOfficer,
                    Map.of("toDivision", county, "amount", QUOTA, "reason", "网关基准测试的县"),
                    "gateway-bench-" + year + "-" + county);
            if (toCounty.status != 200 && toCounty.status != 201 && toCounty.status != 409) {
                throw new IllegalStateException("allocating the county's quota answered " + toCounty);
            }
            countyLedger = await("the county's quota ledger", () -> get("/api/accreditation/quota-ledgers?division="
                    + county + "&year=" + year, countyOfficer), a -> a.status == 200 && a.json.path("items").size() > 0)
                    .json.path("items").path(0).path("id").asString();
        }

        String creditCode = creditCode("52" + county + "GWBENCH01");
        JsonNode bases = get("/api/accreditation/bases?division=" + county + "&size=100", countyOfficer).expect(200).path("items");
        for (JsonNode b : bases) {
            if (b.path("creditCode").asString().equals(creditCode)) {
                baseId = b.path("id").asString();
            }
        }
        if (baseId == null) {
            LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
            baseId = post("/api/accreditation/bases", countyOfficer, Map.of("name", "天门市网关基准测试职业培训学校",
                    "creditCode", creditCode, "divisionCode", county, "address", "天门市竟陵街道基准路1号",
                    "majors", List.of(Map.of("majorCode", MAJOR, "majorName", "电焊工", "annualCapacity", QUOTA,
                            "feeStandardFen", FEE_FEN)),
                    "validFrom", today.toString(), "validUntil", today.plusDays(364).toString()), null)
                    .expect(201).path("id").asString();
        }
        baseStaff = DevTokens.mint(DevUser.baseStaff(county, baseId), Duration.ofHours(12));
        Answer toBase = post("/api/accreditation/quota-ledgers/" + countyLedger + "/allocations", countyOfficer,
                Map.of("baseId", baseId, "majorCode", MAJOR, "amount", QUOTA, "reason", "按基地认定的年培训能力分配"),
                "gateway-bench-" + baseId + "-" + year);
        if (toBase.status != 200 && toBase.status != 201 && toBase.status != 409) {
            throw new IllegalStateException("allocating the base's quota answered " + toBase);
        }
        JsonNode agreements = get("/api/accreditation/agreements?baseId=" + baseId + "&year=" + year, countyOfficer)
                .expect(200).path("items");
        JsonNode agreement = agreements.size() > 0 ? agreements.get(0) : post("/api/accreditation/agreements",
                countyOfficer, Map.of("baseId", baseId, "year", year, "majors", List.of(Map.of("majorCode", MAJOR,
                        "quota", QUOTA, "feeFen", FEE_FEN)), "subsidyPaymentMode", "REDUCED_FEE",
                        "committedPlacementRateBp", 9000), null).expect(201);
        if (agreement.path("effectiveVersion").isNull() || agreement.path("effectiveVersion").isMissingNode()) {
            post("/api/accreditation/agreements/" + agreement.path("id").asString() + "/signature", baseStaff,
                    Map.of("signatoryName", "基准测试校长", "signatoryTitle", "校长"), null).expect(200);
        }
        // The classes reported by earlier runs: their trainees hold ID numbers this run must not repeat.
        for (int page = 0; ; page++) {
            JsonNode list = get("/api/enrollment/classes?baseId=" + baseId + "&year=" + year + "&size=100&page=" + page,
                    baseStaff).expect(200);
            for (JsonNode c : list.path("items")) {
                alreadyEnrolled += c.path("enrolled").asLong();
            }
            if (list.path("items").size() < 100) {
                break;
            }
        }
    }

    /** The id of the class for the n-th enrollment of this run (classes of 500, reported as needed). */
    synchronized String classFor(long n) throws IOException, InterruptedException {
        int index = (int) (n / CLASS_CAPACITY);
        while (classes.size() <= index) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("majorCode", MAJOR);
            body.put("plannedStart", plannedStart.toString());
            body.put("plannedEnd", plannedStart.plusDays(45).toString());
            body.put("place", Map.of("town", "竟陵街道", "village", "基准村", "address", "竟陵街道基准村村委会培训室", "mobile", false));
            body.put("trainingForm", "FREE");
            body.put("capacity", CLASS_CAPACITY);
            body.put("feeFen", 0);
            // Enrollment learns of the base and its agreement as events: the first class waits for them.
            classes.add(await("enrollment to accept the base's class (agreement signed)",
                    () -> post("/api/enrollment/classes", baseStaff, body, null), a -> a.status == 201)
                    .json.path("id").asString());
        }
        return classes.get(index);
    }

    /** The n-th trainee of the base this run: a valid, never repeated ID number (birth date and sequence from n). */
    String person(long n) {
        long k = alreadyEnrolled + n;
        int days = 32 * 365;
        LocalDate born = plannedStart.minusYears(18).minusDays(k % days);
        long sequence = k / days; // < 1000 for 11.6 million trainees
        boolean male = sequence % 2 == 1;
        String first17 = county + born.toString().replace("-", "") + String.format("%03d", sequence);
        String id = idNumber(first17);
        String phone = "139" + String.format("%08d", (k * 7_919L + 12_345L) % 100_000_000L);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", (male ? "张" : "李") + "基准" + (k % 10_000));
        body.put("gender", male ? "MALE" : "FEMALE");
        body.put("idNumber", id);
        body.put("householdDivision", county);
        body.put("town", "竟陵街道");
        body.put("village", "基准村");
        body.put("ruralHousehold", true);
        body.put("phone", phone);
        body.put("education", "JUNIOR_SECONDARY");
        body.put("subsidyTier", "TIER_2");
        body.put("subsidyFen", 80_000);
        return JSON.writeValueAsString(body);
    }

    // ------------------------------------------------------------------------------------------

    static String idNumber(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + "10X98765432".charAt(sum % 11);
    }

    static String creditCode(String first17) {
        String chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        String body = first17.replace('I', '1').replace('O', '0').replace('S', '5').replace('V', '7').replace('Z', '2');
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += chars.indexOf(body.charAt(i)) * weights[i];
        }
        return body + chars.charAt((31 - sum % 31) % 31);
    }

    private String ledgerOf(String division, String token) throws IOException, InterruptedException {
        JsonNode items = get("/api/accreditation/quota-ledgers?division=" + division + "&year=" + year, token)
                .expect(200).path("items");
        if (items.size() == 0) {
            throw new IllegalStateException("no quota ledger of " + division + " for " + year);
        }
        return items.get(0).path("id").asString();
    }

    record Answer(String call, int status, JsonNode json, String body) {
        JsonNode expect(int status) {
            if (this.status != status) {
                throw new IllegalStateException(call + " answered " + this.status + ": " + body);
            }
            return json;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    interface Call {
        Answer run() throws IOException, InterruptedException;
    }

    private static Answer await(String what, Call call, java.util.function.Predicate<Answer> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + EVENTS.toNanos();
        Answer last;
        do {
            last = call.run();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(250);
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("waited " + EVENTS.toSeconds() + " s for " + what + "; last answer " + last);
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        return send("GET", path, token, null, null);
    }

    Answer post(String path, String token, Object body, String idempotencyKey) throws IOException, InterruptedException {
        return send("POST", path, token, body, idempotencyKey);
    }

    private Answer send(String method, String path, String token, Object body, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            b.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("") : HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = r.body().isBlank() ? JSON.missingNode() : JSON.readTree(r.body());
        } catch (RuntimeException e) {
            json = JSON.missingNode();
        }
        return new Answer(method + " " + path, r.statusCode(), json, r.body());
    }
}
