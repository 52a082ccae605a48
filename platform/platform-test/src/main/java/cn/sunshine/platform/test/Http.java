package cn.sunshine.platform.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Drives a running service (or the gateway) over real HTTP as a user would: a token, a JSON
 * body, and the answer's status, headers and JSON.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;

    private Http(String baseUrl, String token, Map<String, String> headers) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.headers = headers;
    }

    public static Http at(String baseUrl) {
        return new Http(baseUrl, null, Map.of());
    }

    public static Http local(int port) {
        return at("http://127.0.0.1:" + port);
    }

    public Http as(String bearerToken) {
        return new Http(baseUrl, bearerToken, headers);
    }

    public Http header(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Http(baseUrl, token, h);
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    /** A GET that answers null instead of failing when nothing listens (a stopped service). */
    public Response getOrNull(String path) {
        try {
            return get(path);
        } catch (IllegalStateException e) {
            return null;
        }
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends a raw body as it is (e.g. malformed JSON). */
    public Response postRaw(String path, String rawBody, String contentType) {
        HttpRequest.Builder b = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        return execute(b.build());
    }

    /** Sends a raw body as it is, with any method and content type (an empty text sends no body). */
    public Response sendRaw(String method, String path, String rawBody, String contentType) {
        HttpRequest.Builder b = request(path).header("Content-Type", contentType)
                .method(method, rawBody.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(rawBody));
        return execute(b.build());
    }

    /**
     * A multipart/form-data upload: the text fields, then the file as part {@code file} (its name as given; the
     * client's part Content-Type says application/octet-stream, which the services never trust anyway).
     */
    public Response postFile(String path, Map<String, String> fields, String fileName, byte[] content) {
        Multipart m = Multipart.of(fields, "file", fileName, content);
        return execute(request(path).header("Content-Type", m.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(m.body())).build());
    }

    /** A GET answered with bytes (a download). */
    public Download download(String path) {
        HttpRequest r = request(path).GET().build();
        try {
            HttpResponse<byte[]> a = CLIENT.send(r, HttpResponse.BodyHandlers.ofByteArray());
            return new Download(a.statusCode(), a.headers(), a.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + r.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A downloaded answer: status, headers and the bytes. */
    public record Download(int status, HttpHeaders headers, byte[] body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response send(String method, String path, Object body) {
        HttpRequest.Builder b = request(path);
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String json = body instanceof String s ? s : JSON.writeValueAsString(body);
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return execute(b.build());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        headers.forEach(b::header);
        return b;
    }

    private static Response execute(HttpRequest request) {
        try {
            HttpResponse<String> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    public record Response(int status, HttpHeaders headers, String body) {

        public JsonNode json() {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
