package cn.sunshine.platform.test;

import cn.sunshine.platform.identifiers.ResidentIdNumber;
import cn.sunshine.platform.security.Role;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14, "no reconstructable IDs", for every service: walks every GET of a service's OpenAPI
 * document as every role (own jurisdiction, a foreign base's staff, and nobody), and tries to rebuild
 * each trainee's whole ID number and phone from each answer ({@link #attempt}). A service's
 * {@code PersonalDataTest} sets up trainees with real numbers ({@link #idNumber}, {@link #phone}),
 * lets them flow in as its events or calls carry them, walks ({@link #walk}) and attempts on every
 * answer, plus the answers of the writes it made.
 */
public final class PersonalDataProbe {

    /** A masked ID number: the division, eight hidden digits (the birth date), the last four. */
    public static final Pattern MASKED_ID = Pattern.compile("(\\d{6})\\*{8}(\\d{3})([0-9X])");
    public static final Pattern MASKED_PHONE = Pattern.compile("(1[3-9]\\d)\\*{4}(\\d{4})");
    /** A date in any of the usual forms: 1981-04-06, 1981/04/06, 19810406, 1981年04月06. */
    public static final Pattern DATE = Pattern.compile("((?:19|20)\\d{2})[-/年]?(0[1-9]|1[0-2])[-/月]?(0[1-9]|[12]\\d|3[01])");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();
    private static final Random RANDOM = new Random(20261206);

    private PersonalDataProbe() {
    }

    // ------------------------------------------------------------------------------ the people

    /**
     * A valid resident ID number of the county (birth 1970–2004, the check character computed), never
     * the same twice in a run.
     */
    public static String idNumber(String county, boolean male) {
        while (true) {
            LocalDate birth;
            int seq;
            synchronized (RANDOM) {
                birth = LocalDate.of(1970, 1, 1).plusDays(RANDOM.nextInt(35 * 365));
                seq = RANDOM.nextInt(500) * 2 + (male ? 1 : 0);
            }
            String first17 = county + birth.toString().replace("-", "") + String.format("%03d", seq);
            String id = first17 + ResidentIdNumber.checkCharacter(first17);
            if (ISSUED.add(id)) {
                return id;
            }
        }
    }

    /**
     * A mobile number whose hidden middle digits (the 4th to 7th) are 5000–9999, never a year, so that
     * a date in an answer cannot match them by chance; never the same twice in a run.
     */
    public static String phone() {
        while (true) {
            String p;
            synchronized (RANDOM) {
                p = "13" + (7 + RANDOM.nextInt(3)) + (5000 + RANDOM.nextInt(5000)) + String.format("%04d", RANDOM.nextInt(10_000));
            }
            if (ISSUED.add(p)) {
                return p;
            }
        }
    }

    // ------------------------------------------------------------------------------ the callers

    /**
     * A token for every role of {@link Role} in its own jurisdiction above or at {@code county}
     * (PROVINCE_OFFICER the province, CITY_OFFICER the city, the rest the county), base staff of
     * {@code baseId} and of another base, and {@code "anonymous"} without a token (null).
     */
    public static Map<String, String> callers(String county, String baseId) {
        Map<String, String> callers = new LinkedHashMap<>();
        for (Role role : Role.values()) {
            if (role == Role.BASE_STAFF) {
                callers.put("BASE_STAFF(own base)", TestTokens.baseStaff(county, baseId));
                callers.put("BASE_STAFF(another base)", TestTokens.baseStaff(county, UUID.randomUUID().toString()));
            } else {
                String division = switch (role) {
                    case PROVINCE_OFFICER -> county.substring(0, 2) + "0000";
                    case CITY_OFFICER -> county.substring(0, 4) + "00";
                    default -> county;
                };
                callers.put(role.name(), TestTokens.of(role.name(), division));
            }
        }
        callers.put("anonymous", null);
        return callers;
    }

    // ------------------------------------------------------------------------------ the walk

    /** One answer of the walk. */
    public record Answer(String caller, String request, int status, String text) {

        public String label() {
            return caller + " GET " + request;
        }
    }

    /** What a walk did: the requests it made (one per operation and variant) and every 200 answer. */
    public record Walk(List<String> requests, List<Answer> answers) {
    }

    /**
     * Every GET of the OpenAPI document ({@code /v3/api-docs}) whose path starts with {@code prefix}, as
     * every caller. Path parameters and declared query parameters are filled by {@code values}
     * (path template, parameter name → value; null leaves a query parameter out and puts {@code x} in a
     * path); an operation with a {@code format} parameter is walked once per format (its enum, or
     * {@code csv} and {@code xlsx}). Answers other than 200 are left out.
     */
    public static Walk walk(int port, String prefix, BiFunction<String, String, String> values, Map<String, String> callers) {
        JsonNode doc = Http.local(port).get("/v3/api-docs").json();
        List<String> requests = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (Map.Entry<String, JsonNode> p : doc.path("paths").properties()) {
            String template = p.getKey();
            JsonNode get = p.getValue().path("get");
            if (!template.startsWith(prefix) || get.isMissingNode()) {
                continue;
            }
            String path = template;
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) {
                String v = values.apply(template, m.group(1));
                path = path.replace(m.group(), v == null ? "x" : enc(v));
            }
            StringBuilder query = new StringBuilder();
            List<String> formats = List.of();
            for (JsonNode param : get.path("parameters")) {
                if (!"query".equals(param.path("in").asText())) {
                    continue;
                }
                String name = param.path("name").asText();
                if (name.equals("format")) {
                    List<String> e = new ArrayList<>();
                    param.path("schema").path("enum").forEach(n -> e.add(n.asText()));
                    formats = e.isEmpty() ? List.of("csv", "xlsx") : e;
                    continue;
                }
                String v = values.apply(template, name);
                if (v != null) {
                    query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(enc(v));
                }
            }
            List<String> variants = new ArrayList<>();
            if (formats.isEmpty()) {
                variants.add(path + query);
            } else {
                for (String f : formats) {
                    variants.add(path + query + (query.isEmpty() ? "?" : "&") + "format=" + f);
                }
            }
            for (String v : variants) {
                requests.add(v);
                for (Map.Entry<String, String> caller : callers.entrySet()) {
                    HttpResponse<byte[]> r = get(client, port, caller.getValue(), v);
                    assertThat(r.statusCode()).as(caller.getKey() + " GET " + v + ": never a 5xx").isLessThan(500);
                    if (r.statusCode() == 200) {
                        answers.add(new Answer(caller.getKey(), v, 200,
                                text(r.body(), r.headers().firstValue("Content-Type").orElse(""))));
                    }
                }
            }
        }
        return new Walk(requests, answers);
    }

    private static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }

    private static HttpResponse<byte[]> get(HttpClient client, int port, String token, String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An answer as text: an XLSX workbook as its cells (each row one line, cells separated by commas,
     * shared and inline strings resolved), anything else as UTF-8.
     */
    public static String text(byte[] body, String contentType) {
        if (!contentType.startsWith("application/vnd.openxmlformats")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        Map<String, String> parts = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(body))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals("xl/sharedStrings.xml") || e.getName().startsWith("xl/worksheets/sheet")) {
                    parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> shared = new ArrayList<>();
        Matcher si = Pattern.compile("<si>(.*?)</si>", Pattern.DOTALL).matcher(parts.getOrDefault("xl/sharedStrings.xml", ""));
        while (si.find()) {
            shared.add(texts(si.group(1)));
        }
        StringBuilder out = new StringBuilder();
        Pattern row = Pattern.compile("<row\\b[^>]*>(.*?)</row>", Pattern.DOTALL);
        Pattern cell = Pattern.compile("<c\\b([^>]*?)(?:/>|>(.*?)</c>)", Pattern.DOTALL);
        Pattern value = Pattern.compile("<v>(.*?)</v>", Pattern.DOTALL);
        for (Map.Entry<String, String> part : parts.entrySet()) {
            if (!part.getKey().startsWith("xl/worksheets/")) {
                continue;
            }
            Matcher r = row.matcher(part.getValue());
            while (r.find()) {
                List<String> cells = new ArrayList<>();
                Matcher c = cell.matcher(r.group(1));
                while (c.find()) {
                    String attrs = c.group(1);
                    String inner = c.group(2) == null ? "" : c.group(2);
                    Matcher v = value.matcher(inner);
                    String raw = v.find() ? unescape(v.group(1)) : "";
                    if (attrs.contains("t=\"s\"")) {
                        cells.add(shared.get(Integer.parseInt(raw.trim())));
                    } else if (attrs.contains("t=\"inlineStr\"")) {
                        cells.add(texts(inner));
                    } else {
                        cells.add(raw);
                    }
                }
                out.append(String.join(",", cells)).append('\n');
            }
        }
        return out.toString();
    }

    private static String texts(String xml) {
        StringBuilder sb = new StringBuilder();
        Matcher t = Pattern.compile("<t\\b[^>]*>(.*?)</t>", Pattern.DOTALL).matcher(xml);
        while (t.find()) {
            sb.append(unescape(t.group(1)));
        }
        return sb.toString();
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    }

    // ------------------------------------------------------------------------------ the attempt

    /**
     * Tries to rebuild each trainee's ID number and phone from an answer, and fails the test if it can:
     * the whole values; every masked ID completed with every date in the answer (any format); a masked ID
     * beside a birth date or an age; every masked phone completed with every run of digits in the answer.
     *
     * @param ids    the trainees' whole ID numbers
     * @param phones the trainees' whole phones (empty where the caller sees them whole by design)
     */
    public static void attempt(String label, String text, Collection<String> ids, Collection<String> phones) {
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
                    .doesNotContainPattern("\"birth\\w*\"\\s*:\\s*\"").doesNotContainPattern("\"age\\w*\"\\s*:\\s*\\d");
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

    /** True when the answer carries one of the trainees (the last four of a number, or a name). */
    public static boolean carries(String text, Collection<String> ids, Collection<String> names) {
        return ids.stream().anyMatch(id -> text.contains("********" + id.substring(14)) || text.contains(id))
                || names.stream().anyMatch(text::contains);
    }
}
