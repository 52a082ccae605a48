package cn.sunshine.yeardriver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The year the driver sends, request by request: a small year of two counties (two cities) played against a stub
 * gateway that answers each call as the suite would (ids, lists, statuses), every request recorded in order with
 * its actor (the token's claims), its body (keys sorted) and its own Idempotency-Key. The driver is a proof: what
 * it sends must not change unnoticed, so the recording's digest is pinned; on a difference, diff
 * target/year-requests.txt against a recording of the previous driver.
 */
class YearRequestsTest {

    /**
     * The recording of the driver (sha-256 of the text) since each county's year has teaching records (two lessons
     * with attendance per class, another programme's list) and a complaint (监督举报: a hotline call entered,
     * assigned, investigated and answered on 14 September, and its checks), the first class's trainees confirm
     * what the base claimed on 8 June (学员确认: the officer asks, each answers by phone or ID tail and code, one denies
     * having attended, the last does not answer; the claim flags the denied line), a labour-force monitoring point (a
     * village registered with its monitor, the third quarter's return and the needs survey on 8 October, and the
     * check of its trends), inspections (检查验收: on 16 November a supervision visit with a finding whose
     * rectification the base reports and the office closes, an acceptance visit and its acceptance record, and their
     * checks), and each claim carries the documents its rules require, uploaded for the class first (receipts and ID
     * copies; labour contracts and the employer's list). The checks read the finance bureau's statement once for
     * every county (before: once per county, the same three days each time).
     */
    static final String RECORDED = "1c75172293452a4147c6f7f25519073913d7d1a4079d500111a1247613e4dcf4";

    static {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // small answers at once, not after a delayed ACK
    }

    private HttpServer server;
    private final List<String> recording = new ArrayList<>();
    private final Stub stub = new Stub();

    @BeforeEach
    void start() throws Exception {
        // People never repeat an ID number or phone in a JVM: forget those drawn by other tests, so the year's are its own.
        for (String name : new String[]{"IDS", "PHONES"}) {
            java.lang.reflect.Field f = People.class.getDeclaredField(name);
            f.setAccessible(true);
            Object v = f.get(null);
            if (v instanceof java.util.Set<?> set) {
                set.clear();
            } else {
                ((java.util.concurrent.atomic.AtomicLong) v).set(0);
            }
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        System.clearProperty("sunshine.bureau");
    }

    @Test
    void theYearSendsWhatItAlwaysSent() throws Exception {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        System.setProperty("sunshine.bureau", url);
        ProvinceYear.Options options = new ProvinceYear.Options(url, List.of(url), 2, 40, 12, 2024, 1,
                List.of("420981", "421181"));
        // The wall clock fixed (noon of 7 December 2026 in Asia/Shanghai, the day the digest was recorded): the bureau's statement days the checks
        // ask for are the day of the run, so a system clock changed the recording at each midnight in Shanghai.
        ProvinceYear year = new ProvinceYear(options, Province.demo(), new PrintStream(OutputStream.nullOutputStream()))
                .wallClock(java.time.Clock.fixed(java.time.Instant.parse("2026-12-07T04:00:00Z"), java.time.ZoneOffset.UTC));
        year.play();
        year.resetClock();

        String text = String.join("\n", recording) + "\n";
        Path file = Path.of("target", "year-requests.txt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        assertThat(recording).hasSizeGreaterThan(500);
        assertThat(digest).as("the requests of the year (%d, in %s)", recording.size(), file.toAbsolutePath())
                .isEqualTo(RECORDED);
    }

    // ------------------------------------------------------------------------------------------

    private synchronized void answer(HttpExchange x) throws IOException {
        String method = x.getRequestMethod();
        String path = x.getRequestURI().toString();
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String type = x.getRequestHeaders().getFirst("Content-Type");
        String key = x.getRequestHeaders().getFirst("Idempotency-Key");
        JsonNode json = null;
        if (type != null && type.startsWith("application/json") && !body.isEmpty()) {
            json = Api.JSON.readTree(body);
        }
        recording.add(method + " " + path + " | " + actor(x.getRequestHeaders().getFirst("Authorization"))
                + " | key " + (key == null ? "-" : key.matches("[0-9a-f-]{36}") ? "<uuid>" : key)
                + " | " + type + " | " + (json != null ? canonical(json) : body.replace("\n", "\\n")));
        Object[] reply = stub.reply(method, path.replaceAll("\\?.*", ""), json, body);
        byte[] out = reply[1] instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : Api.JSON.writeValueAsBytes(reply[1]);
        x.getResponseHeaders().add("Content-Type", reply[1] instanceof String ? "text/plain" : "application/json");
        x.sendResponseHeaders((int) reply[0], out.length == 0 ? -1 : out.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(out);
        }
    }

    /** Who acts: the token's claims but the times and its id. */
    private static String actor(String authorization) {
        if (authorization == null) {
            return "nobody";
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        ObjectNode claims = (ObjectNode) Api.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        claims.remove(List.of("iat", "exp", "nbf", "jti"));
        return canonical(claims);
    }

    /** JSON with every object's keys in order: the same body whatever order its fields were written in. */
    static String canonical(JsonNode n) {
        if (n.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            n.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            StringBuilder b = new StringBuilder("{");
            sorted.forEach((k, v) -> b.append(b.length() > 1 ? "," : "").append('"').append(k).append("\":").append(canonical(v)));
            return b.append('}').toString();
        }
        if (n.isArray()) {
            List<String> items = new ArrayList<>();
            n.forEach(v -> items.add(canonical(v)));
            return "[" + String.join(",", items) + "]";
        }
        return n.toString();
    }

    /** The suite as the driver needs it to answer: made-up ids, and what the driver reads back. */
    private static final class Stub {

        private int ids;
        private final List<String> creditCodes = new ArrayList<>();
        private final Map<String, List<String>> enrollmentsOfClass = new LinkedHashMap<>();
        private final Map<String, String> classOfEnrollment = new LinkedHashMap<>();
        private final List<String> withdrawn = new ArrayList<>();
        private final List<String> placements = new ArrayList<>();
        private final Map<String, List<String>> sampled = new LinkedHashMap<>();
        private final Map<String, String> enrollmentOfCode = new LinkedHashMap<>();
        private final List<String> denied = new ArrayList<>();

        private String id(String kind) {
            return kind + "-" + (++ids);
        }

        private ObjectNode object() {
            return Api.JSON.createObjectNode();
        }

        Object[] reply(String method, String path, JsonNode body, String raw) {
            String[] p = path.split("/");
            if (method.equals("GET")) {
                return get(path, p);
            }
            if (path.equals("/api/subsidy/funds/deposits")) {
                ObjectNode r = object();
                r.putArray("pendingDeposits").addObject().put("reference", body.path("reference").asString())
                        .put("depositId", id("deposit"));
                return new Object[]{201, r};
            }
            if (path.matches("/api/accreditation/tenders/[^/]+/applications")) {
                creditCodes.add(body.path("institution").path("creditCode").asString());
                return new Object[]{201, object().put("id", id("application"))};
            }
            if (path.matches("/api/public/accreditation/notices/[^/]+/objections")) {
                return new Object[]{202, object().put("confirmationId", id("confirmation")).put("simulatedCode", "246810")};
            }
            if (path.equals("/api/accreditation/complaints")) {
                return new Object[]{201, object().put("id", id("complaint"))};
            }
            if (path.equals("/api/accreditation/inspection-visits")) {
                ObjectNode r = object().put("id", id("visit"));
                ArrayNode a = r.putArray("findings");
                body.path("findings").forEach(f -> a.addObject().put("findingId", id("finding")));
                return new Object[]{201, r};
            }
            if (path.matches("/api/accreditation/inspection-visits/[^/]+/acceptance")) {
                return new Object[]{201, object().put("id", id("acceptance"))};
            }
            if (path.equals("/api/placement/monitoring-points")) {
                return new Object[]{201, object().put("id", id("monitoring-point"))};
            }
            if (path.matches("/api/placement/monitoring-points/[^/]+/(returns|needs-surveys)")) {
                return new Object[]{201, object().put("id", id("monitoring-record"))};
            }
            if (path.matches("/api/enrollment/classes")) {
                return new Object[]{201, object().put("id", id("class"))};
            }
            if (path.matches("/api/enrollment/classes/[^/]+/enrollments")) {
                String e = id("enrollment");
                enrollmentsOfClass.computeIfAbsent(p[4], k -> new ArrayList<>()).add(e);
                classOfEnrollment.put(e, p[4]);
                return new Object[]{201, object().put("id", e)};
            }
            if (path.matches("/api/enrollment/classes/[^/]+/roster")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("enrollmentIds");
                for (int i = 1; i < raw.split("\n").length; i++) {
                    String e = id("enrollment");
                    enrollmentsOfClass.computeIfAbsent(p[4], k -> new ArrayList<>()).add(e);
                    classOfEnrollment.put(e, p[4]);
                    a.add(e);
                }
                return new Object[]{201, r};
            }
            if (path.matches("/api/enrollment/classes/[^/]+/lessons") || path.equals("/api/enrollment/funding-lists")) {
                return new Object[]{201, object().put("id", id("record"))};
            }
            if (path.matches("/api/enrollment/classes/[^/]+/confirmation-requests")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("simulatedCodes");
                for (String e : enrollmentsOfClass.getOrDefault(p[4], List.of())) {
                    String code = String.format("%06d", enrollmentOfCode.size() + 1);
                    enrollmentOfCode.put(code, e);
                    a.addObject().put("enrollmentId", e).put("code", code);
                }
                return new Object[]{200, r};
            }
            if (path.equals("/api/public/enrollment/confirmations/answers")) {
                if (!body.path("attended").asBoolean()) {
                    denied.add(enrollmentOfCode.get(body.path("code").asString()));
                }
                return new Object[]{200, object().put("status", body.path("attended").asBoolean() ? "CONFIRMED" : "DENIED")};
            }
            if (path.matches("/api/enrollment/enrollments/[^/]+/withdrawal")) {
                withdrawn.add(p[4]);
                return new Object[]{200, object()};
            }
            if (path.matches("/api/subsidy/classes/[^/]+/vouchers")) {
                ArrayNode a = Api.JSON.createArrayNode();
                for (String e : enrollmentsOfClass.getOrDefault(p[4], List.of())) {
                    if (!withdrawn.contains(e)) {
                        a.addObject().put("enrollmentId", e).put("serial", "V" + e).put("code", "C" + e);
                    }
                }
                return new Object[]{201, a};
            }
            if (path.matches("/api/subsidy/classes/[^/]+/claim-attachments")) {
                return new Object[]{201, object().put("id", id("attachment"))};
            }
            if (path.equals("/api/subsidy/claims")) {
                return new Object[]{201, object().put("claimId", id("claim"))};
            }
            if (path.matches("/api/subsidy/claims/[^/]+/approval")) {
                return new Object[]{200, object().put("waitingFor", "EXTRA_APPROVAL")};
            }
            if (path.matches("/api/placement/classes/[^/]+/placements")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("placementIds");
                body.path("placements").forEach(x -> {
                    String id = id("placement");
                    placements.add(id);
                    a.add(id);
                });
                return new Object[]{200, r};
            }
            if (path.matches("/api/placement/classes/[^/]+/follow-ups/1")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("escalationCaseIds");
                body.path("contacts").forEach(c -> {
                    if (c.has("problems")) {
                        a.add(id("case"));
                    }
                });
                return new Object[]{200, r};
            }
            if (path.equals("/api/placement/spot-check-rounds")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("spotChecks");
                // The first check samples two placements a class apart, the second the last two (a re-placement).
                int n = placements.size();
                String first = id("spot-check");
                String second = id("spot-check");
                sampled.put(first, List.of(placements.get(0), placements.get(Math.min(n - 1, 7))));
                sampled.put(second, List.of(placements.get(n - 2), placements.get(n - 1)));
                a.addObject().put("id", first);
                a.addObject().put("id", second);
                return new Object[]{201, r};
            }
            if (path.equals("/api/placement/placements")) {
                String id = id("placement");
                placements.add(id);
                return new Object[]{201, object().put("id", id)};
            }
            if (path.equals("/actuator/clock")) {
                return new Object[]{200, object()};
            }
            return new Object[]{path.endsWith("/confirmation") && path.contains("objections") ? 201 : 200,
                    object().put("id", id("id"))};
        }

        private Object[] get(String path, String[] p) {
            if (path.equals("/api/accreditation/quota-ledgers")) {
                ObjectNode r = object();
                r.putArray("items").addObject().put("id", id("ledger"));
                return new Object[]{200, r};
            }
            if (path.matches("/api/accreditation/tenders/[^/]+/ranking")) {
                return new Object[]{200, object().put("complete", true)};
            }
            if (path.equals("/api/accreditation/bases")) {
                ObjectNode r = object();
                ArrayNode a = r.putArray("items");
                for (String c : creditCodes) {
                    a.addObject().put("id", "base-" + c).put("creditCode", c);
                }
                return new Object[]{200, r};
            }
            if (path.matches("/api/subsidy/claims/[^/]+")) {
                ObjectNode r = object().put("status", "PAID").put("flaggedLines", denied.size());
                ArrayNode a = r.putArray("confirmations");
                denied.forEach(e -> a.addObject().put("enrollmentId", e).put("status", "DENIED").putArray("denied").add("ATTENDED"));
                return new Object[]{200, r};
            }
            if (path.matches("/api/placement/spot-checks/[^/]+")) {
                ObjectNode r = object().put("baseId", "base-of-spot-checks");
                ArrayNode a = r.putArray("items");
                sampled.getOrDefault(p[4], List.of()).forEach(s -> a.addObject().put("placementId", s));
                return new Object[]{200, r};
            }
            if (path.matches("/api/subsidy/bases/[^/]+/recoveries")) {
                ArrayNode a = Api.JSON.createArrayNode();
                a.addObject().put("status", "OPEN").put("recoveryId", "recovery-1").put("amountFen", 3000);
                a.addObject().put("status", "SETTLEMENT_RECORDED").put("recoveryId", "recovery-2").put("amountFen", 6000)
                        .putObject("settlement").put("reference", "缴款书 recorded before");
                a.addObject().put("status", "SETTLED").put("recoveryId", "recovery-3").put("amountFen", 9000);
                return new Object[]{200, a};
            }
            if (path.matches("/api/accreditation/rectification-orders/[^/]+")) {
                return new Object[]{200, object().put("status", "CLOSED").put("correctedOnTime", true).put("overdue", false)};
            }
            if (path.matches("/api/accreditation/acceptance-records/[^/]+")) {
                return new Object[]{200, object().put("passed", true).put("score", InspectionActs.ACCEPTANCE_SCORE)
                        .put("baseId", "base-accepted")};
            }
            if (path.matches("/api/accreditation/bases/[^/]+/performance")) {
                ObjectNode r = object().put("acceptancePassed", true);
                r.putArray("findings").add("督查 finding：" + InspectionActs.FINDING);
                return new Object[]{200, r};
            }
            if (path.equals("/actuator/prometheus")) {
                return new Object[]{200, "sunshine_outbox_pending 0.0"};
            }
            return new Object[]{200, object()};
        }
    }
}
