package cn.sunshine.gateway.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The suite's RFC 9457 problem details, written by the gateway itself (401, 403, 413, 429, 503 and
 * routing errors): {@code type} is {@code urn:sunshine:problem:<kind>}, the same as the services'.
 */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:sunshine:problem:";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** The problem body: type, title, status, detail and any extra members, in that order. */
    public static Map<String, Object> body(HttpStatusCode status, String kind, String title, String detail,
            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + kind);
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        body.putAll(extra);
        return body;
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String kind, String title,
            String detail) {
        return write(exchange, status, kind, title, detail, Map.of());
    }

    public static Mono<Void> write(ServerWebExchange exchange, HttpStatusCode status, String kind, String title,
            String detail, Map<String, Object> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] bytes = JSON.writeValueAsBytes(body(status, kind, title, detail, extra));
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(bytes)));
    }

    /** A stable kind for a status the gateway answers without a more specific reason. */
    public static String kindOf(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "rate-limited";
            case 502, 503, 504 -> "service-unavailable";
            default -> status.is4xxClientError() ? "bad-request" : "internal";
        };
    }

    /** A plain title for a status. */
    public static String titleOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known != null ? known.getReasonPhrase() : "Error";
    }
}
