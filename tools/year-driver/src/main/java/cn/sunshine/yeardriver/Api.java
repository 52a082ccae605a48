package cn.sunshine.yeardriver;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The driver's HTTP client: JSON in and out, a bearer token per call, a clear failure naming the
 * call and the problem the service answered. Counts its calls (the benchmark prints them).
 */
public final class Api {

    static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Marks a request the service makes repeatable by its own rules (not sent to the service). */
    static final String REPEATABLE = "X-Driver-Repeatable";

    private final String base;
    private final HttpClient http;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    /** How long a call keeps trying while the suite does not answer (a service or the gateway restarting). */
    private volatile Duration unavailableFor = Duration.ofMinutes(3);

    public Api(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** How long calls keep trying while the suite does not answer (default 3 minutes). */
    public Api unavailableFor(Duration budget) {
        this.unavailableFor = budget;
        return this;
    }

    public String base() {
        return base;
    }

    public long calls() {
        return calls.get();
    }

    /** Requests with an Idempotency-Key sent again after a lost answer (503) or while the first ran (409). */
    public long retried() {
        return retried.get();
    }

    /** Answers 429 (the gateway's per-caller limit) that were waited out and sent again. */
    public long throttled() {
        return throttled.get();
    }

    /** An answer: status, body as JSON (missing when not JSON), raw body and the ETag. */
    public record Response(String method, String path, int status, String body, JsonNode json, String etag) {

        public boolean is(int expected) {
            return status == expected;
        }

        /** The body, or a {@link ScenarioFailure} naming the call and what the service said. */
        public JsonNode expect(int... expected) {
            for (int e : expected) {
                if (status == e) {
                    return json;
                }
            }
            throw new ScenarioFailure(method + " " + path + " answered " + status + " (expected "
                    + java.util.Arrays.toString(expected) + "): " + abbreviate(body));
        }

        public String id() {
            return expect(200, 201).path("id").asString();
        }

        private static String abbreviate(String s) {
            return s == null ? "" : s.length() > 800 ? s.substring(0, 800) + "…" : s;
        }
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, null, Map.of());
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, "application/json", Map.of());
    }

    public Response post(String path, String token, Object body, Map<String, String> headers) {
        return send("POST", path, token, body, "application/json", headers);
    }

    public Response postRaw(String path, String token, String body, String contentType, Map<String, String> headers) {
        return send("POST", path, token, body, contentType, headers);
    }

    /**
     * A multipart/form-data upload (an attachment: the text fields, then the file as part {@code file}). The
     * boundary is fixed, so the same upload is the same request (the year's recording; a retried upload).
     */
    public Response postFile(String path, String token, Map<String, String> fields, String fileName, byte[] content,
                             Map<String, String> headers) {
        String boundary = "sunshine-year-driver-3f9a1c";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send("POST", path, token, out.toByteArray(), "multipart/form-data; boundary=" + boundary, headers);
    }

    private Response send(String method, String path, String token, Object body, String contentType,
                          Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach((k, v) -> {
            if (!k.equals(REPEATABLE)) {
                b.header(k, v);
            }
        });
        // Like any good client: every write carries an Idempotency-Key, the same on every try, so it may be
        // sent again after a lost answer, a timeout, a 503 or a service restarting (the platform makes any
        // write with a key idempotent).
        boolean write = !method.equals("GET");
        if (write && !headers.containsKey("Idempotency-Key")) {
            b.header("Idempotency-Key", java.util.UUID.randomUUID().toString());
        }
        if (body == null) {
            b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString("{}"));
            if (!method.equals("GET")) {
                b.header("Content-Type", "application/json");
            }
        } else if (body instanceof byte[] bytes) {
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            b.header("Content-Type", contentType);
            b.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        }
        HttpResponse<String> r;
        HttpRequest request = b.build();
        int throttled = 0;
        long deadline = System.nanoTime() + unavailableFor.toNanos();
        long backOff = 250;
        while (true) {
            calls.incrementAndGet();
            try {
                r = sendWithRetryOnReset(request);
            } catch (IOException e) {
                // No answer (the gateway or a service restarting, a timeout): the same request again, with its
                // key, after a growing pause, until the unavailability budget runs out.
                if (System.nanoTime() < deadline) {
                    retried.incrementAndGet();
                    sleep(backOff);
                    backOff = Math.min(backOff * 2, 5_000);
                    continue;
                }
                throw new ScenarioFailure(method + " " + path + ": no answer (" + e + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ScenarioFailure(method + " " + path + ": interrupted");
            }
            // The gateway limits each caller's pace: a polite client waits as told and sends again.
            // A request with an Idempotency-Key is sent again, with the same key, when the answer was
            // lost (503: the gateway gave up waiting) or the first attempt is still running (409).
            boolean unavailable = (r.statusCode() == 503 || r.statusCode() == 502 || r.statusCode() == 504)
                    && System.nanoTime() < deadline;
            if (unavailable && !(r.statusCode() == 503 && r.body() != null && r.body().contains("finance-bureau"))) {
                // The gateway answers 503 while a service is down or restarting: wait and send again (a write
                // with the same key). The finance bureau's own 503 is an answer the scenario reads.
                retried.incrementAndGet();
                sleep(backOff);
                backOff = Math.min(backOff * 2, 5_000);
                continue;
            }
            if (write && r.statusCode() == 409 && r.body() != null && r.body().contains("idempotency-request-in-progress")
                    && System.nanoTime() < deadline) {
                // The first try still runs — or its process died and its claim on the key runs out after the
                // service's lease (2 minutes): wait as told and ask again for the answer.
                retried.incrementAndGet();
                long wait = r.headers().firstValue("Retry-After").map(v -> v.matches("\\d{1,3}") ? Long.parseLong(v) : 1L)
                        .orElse(1L);
                sleep(Math.max(1, wait) * 1000);
                continue;
            }
            boolean again = r.statusCode() == 429
                    // A class batch is repeatable by design (entries already done are skipped): sent again
                    // after a lost answer, or after it met a trainee changed meanwhile (412).
                    || headers.containsKey(REPEATABLE) && (r.statusCode() == 503 || r.statusCode() == 412);
            if (!again || ++throttled > 30) {
                break;
            }
            (r.statusCode() == 429 ? this.throttled : this.retried).incrementAndGet();
            long wait = r.headers().firstValue("Retry-After").map(v -> v.matches("\\d{1,3}") ? Long.parseLong(v) : 1L).orElse(1L);
            sleep(Math.max(1, wait) * 1000);
        }
        JsonNode json = MissingNode.getInstance();
        String text = r.body();
        if (text != null && !text.isBlank() && (text.startsWith("{") || text.startsWith("["))) {
            try {
                json = JSON.readTree(text);
            } catch (RuntimeException e) {
                // not JSON after all: keep the text
            }
        }
        return new Response(method, path, r.statusCode(), text, json, r.headers().firstValue("ETag").orElse(null));
    }

    /** A kept-alive connection the server closed meanwhile is retried once (the request never arrived). */
    private HttpResponse<String> sendWithRetryOnReset(HttpRequest request) throws IOException, InterruptedException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.ConnectException | java.io.EOFException e) {
            Thread.sleep(200);
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Repeats a call until its answer satisfies the condition: for what arrives as an event (a base
     * accredited in accreditation reaches enrollment a moment later).
     */
    public Response await(String what, Duration timeout, java.util.function.Supplier<Response> call,
                          Predicate<Response> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last;
        long pause = 50;
        do {
            last = call.get();
            if (done.test(last)) {
                return last;
            }
            sleep(pause);
            pause = Math.min(pause * 2, 1000);
        } while (System.nanoTime() < deadline);
        throw new ScenarioFailure("waited " + timeout.toSeconds() + " s for " + what + "; last answer " + last.status()
                + ": " + (last.body() == null ? "" : last.body().substring(0, Math.min(600, last.body().length()))));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScenarioFailure("interrupted");
        }
    }
}
