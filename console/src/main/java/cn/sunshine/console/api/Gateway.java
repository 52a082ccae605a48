package cn.sunshine.console.api;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The console's only way to the services: HTTP through the gateway, as the signed-in person (their own
 * access token from the server-side session, never the console's), so every API's role and jurisdiction
 * rules apply to what a page shows. Public pages call the public APIs without a token. A refusal comes back
 * as {@link ApiException}; a gateway that cannot be reached as a 503 one.
 */
@Component
public class Gateway {

    /** An answer: status, headers (the ETag), and the JSON body as maps and lists. */
    public record Answer(int status, HttpHeaders headers, Object json) {
        public String etag() {
            return headers.getETag();
        }

        /** The body when it is a JSON object (an empty map otherwise). */
        @SuppressWarnings("unchecked")
        public Map<String, Object> body() {
            return json instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        }

        /** The body when it is a JSON array (an empty list otherwise). */
        public java.util.List<?> list() {
            return json instanceof java.util.List<?> l ? l : java.util.List.of();
        }
    }

    private final RestClient rest;
    private final JsonMapper json;
    private final OAuth2AuthorizedClientManager authorizedClients;
    private final ConsoleProperties properties;
    private final ForwardedWrites writes;

    public Gateway(JsonMapper json, OAuth2AuthorizedClientManager authorizedClients,
                   ConsoleProperties properties) {
        this(json, authorizedClients, properties, ForwardedWrites.NONE);
    }

    /** With the operation log told of every state-changing request forwarded. */
    @org.springframework.beans.factory.annotation.Autowired
    public Gateway(JsonMapper json, OAuth2AuthorizedClientManager authorizedClients,
                   ConsoleProperties properties, ForwardedWrites writes) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(2_000);
        factory.setReadTimeout((int) properties.timeout().toMillis());
        this.rest = RestClient.builder().baseUrl(properties.gatewayUri()).requestFactory(factory).build();
        this.json = json;
        this.authorizedClients = authorizedClients;
        this.properties = properties;
        this.writes = writes;
    }

    /** GET as the signed-in person. */
    public Answer get(String path) {
        return call(HttpMethod.GET, path, null, h -> { }, true);
    }

    /** GET without a token (the public APIs). */
    public Answer getPublic(String path) {
        return call(HttpMethod.GET, path, null, h -> { }, false);
    }

    /** POST a JSON body as the signed-in person, with extra headers (If-Match, Idempotency-Key). */
    public Answer post(String path, Object body, Consumer<HttpHeaders> headers) {
        return call(HttpMethod.POST, path, body, headers, true);
    }

    /** PUT a JSON body as the signed-in person (a teaching plan, a monitoring return corrected), with extra headers (If-Match). */
    public Answer put(String path, Object body, Consumer<HttpHeaders> headers) {
        return call(HttpMethod.PUT, path, body, headers, true);
    }

    /** POST a file's bytes as the signed-in person (a roster: text/csv or XLSX), with extra headers (Idempotency-Key). */
    public Answer postBytes(String path, byte[] bytes, MediaType contentType, Consumer<HttpHeaders> headers) {
        return call(HttpMethod.POST, path, new RawBody(bytes, contentType), headers, true);
    }

    /**
     * POST a file as multipart/form-data (an attachment: the text fields, then the file as part {@code file}) as the
     * signed-in person; the service judges the type by the bytes, not by what is said here.
     */
    public Answer postFile(String path, Map<String, String> fields, String fileName, byte[] bytes, Consumer<HttpHeaders> headers) {
        String boundary = "console-" + java.util.UUID.randomUUID().toString().replace("-", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(bytes.length + 512);
        String name = fileName == null ? "file" : fileName.replaceAll("[\\r\\n\"]", "");
        fields.forEach((k, v) -> out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + k
                + "\"\r\n\r\n" + v + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return postBytes(path, out.toByteArray(), MediaType.parseMediaType("multipart/form-data; boundary=" + boundary), headers);
    }

    /** A file the API answers (a ledger, a workbook): its bytes and headers (Content-Type, Content-Disposition). */
    public record Download(byte[] bytes, HttpHeaders headers) {
    }

    /** GET a file as the signed-in person; a refusal is an {@link ApiException} as for any call. */
    public Download download(String path) {
        String token = accessToken();
        try {
            return rest.get().uri(URI.create(properties.gatewayUri() + path))
                    .headers(h -> {
                        h.setBearerAuth(token);
                        h.set(HttpHeaders.ACCEPT_LANGUAGE, LocaleContextHolder.getLocale().toLanguageTag());
                    })
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        byte[] bytes = response.getBody().readAllBytes();
                        if (status >= 400) {
                            Object parsed = bytes.length == 0 ? Map.of() : parse(bytes);
                            @SuppressWarnings("unchecked")
                            Map<String, Object> problem = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                            throw ApiException.of(status, problem);
                        }
                        return new Download(bytes, response.getHeaders());
                    });
        } catch (ResourceAccessException e) {
            throw new ApiException(503, "urn:sunshine:problem:service-unavailable", "the gateway cannot be reached", Map.of());
        }
    }

    private record RawBody(byte[] bytes, MediaType contentType) {
    }

    /**
     * Several GETs as the signed-in person at once (a dashboard's monthly reports): each element of the answer is
     * the path's {@link Answer}, or the {@link ApiException} it was refused with.
     */
    public java.util.List<Object> getEach(java.util.List<String> paths) {
        String token = accessToken();
        java.util.Locale locale = LocaleContextHolder.getLocale();
        java.util.List<java.util.concurrent.Future<Object>> futures = new java.util.ArrayList<>();
        for (String path : paths) {
            futures.add(PARALLEL.submit(() -> {
                try {
                    return call(HttpMethod.GET, path, null, h -> { }, token, locale);
                } catch (ApiException e) {
                    return e;
                }
            }));
        }
        java.util.List<Object> answers = new java.util.ArrayList<>();
        for (java.util.concurrent.Future<Object> f : futures) {
            try {
                answers.add(f.get(properties.timeout().toMillis() + 5_000, java.util.concurrent.TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answers.add(new ApiException(503, "urn:sunshine:problem:service-unavailable", "interrupted", Map.of()));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                f.cancel(true);
                answers.add(new ApiException(503, "urn:sunshine:problem:service-unavailable", "no answer in time", Map.of()));
            }
        }
        return answers;
    }

    /** At most four calls of one page at a time (a dashboard's months), so one person cannot flood the gateway. */
    private static final java.util.concurrent.ExecutorService PARALLEL = java.util.concurrent.Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "console-gateway-parallel");
        t.setDaemon(true);
        return t;
    });

    private Answer call(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers, boolean asUser) {
        return call(method, path, body, headers, asUser ? accessToken() : null, LocaleContextHolder.getLocale());
    }

    private Answer call(HttpMethod method, String path, Object body, Consumer<HttpHeaders> headers, String token,
                        java.util.Locale locale) {
        HttpHeaders extra = new HttpHeaders();
        headers.accept(extra);
        if (HttpMethod.GET.equals(method)) {
            return exchange(method, path, body, extra, token, locale);
        }
        // A state-changing request: the operation log is told how it was answered, whatever the answer.
        int status = 0;
        String problem = null;
        try {
            Answer answer = exchange(method, path, body, extra, token, locale);
            status = answer.status();
            return answer;
        } catch (ApiException e) {
            status = e.status();
            problem = e.kind();
            throw e;
        } finally {
            writes.forwarded(method.name(), path, status, problem, extra.getFirst("Idempotency-Key"));
        }
    }

    private Answer exchange(HttpMethod method, String path, Object body, HttpHeaders extra, String token,
                            java.util.Locale locale) {
        try {
            RestClient.RequestBodySpec spec = rest.method(method).uri(URI.create(properties.gatewayUri() + path))
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .headers(h -> {
                        if (token != null) {
                            h.setBearerAuth(token);
                        }
                        h.set(HttpHeaders.ACCEPT_LANGUAGE, locale.toLanguageTag());
                        h.addAll(extra);
                    });
            if (body instanceof RawBody raw) {
                spec = spec.contentType(raw.contentType()).body(raw.bytes());
            } else if (body != null) {
                spec = spec.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
            return spec.exchange((request, response) -> {
                int status = response.getStatusCode().value();
                byte[] bytes = response.getBody().readAllBytes();
                Object parsed = bytes.length == 0 ? Map.of() : parse(bytes);
                if (status >= 400) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> problem = parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
                    throw ApiException.of(status, problem);
                }
                return new Answer(status, response.getHeaders(), parsed);
            });
        } catch (ResourceAccessException e) {
            throw new ApiException(503, "urn:sunshine:problem:service-unavailable", "the gateway cannot be reached", Map.of());
        }
    }

    private Object parse(byte[] bytes) {
        try {
            return json.readValue(bytes, Object.class);
        } catch (RuntimeException e) {
            return Map.of("detail", new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
        }
    }

    /**
     * The person's access token, kept in the server-side session by Spring Security's OAuth2 client. One that
     * expires within a minute is renewed first with the session's refresh token (the provider's refresh grant:
     * Keycloak's access tokens live five minutes, the session thirty idle); when there is no refresh token, or
     * the provider refuses it (the person signed out elsewhere, the provider's session ended), the person signs
     * in again.
     */
    private String accessToken() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attrs)) {
            throw new SignInAgain("not signed in");
        }
        HttpServletRequest request = attrs.getRequest();
        OAuth2AuthorizedClient client;
        try {
            client = authorizedClients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(properties.registrationId())
                    .principal(auth)
                    .attribute(HttpServletRequest.class.getName(), request)
                    .attribute(jakarta.servlet.http.HttpServletResponse.class.getName(), attrs.getResponse())
                    .build());
        } catch (ClientAuthorizationException e) {
            throw new SignInAgain("the sign-in could not be renewed: " + e.getError().getErrorCode());
        }
        if (client == null || client.getAccessToken() == null) {
            throw new SignInAgain("no access token in the session");
        }
        Instant expires = client.getAccessToken().getExpiresAt();
        if (expires != null && expires.isBefore(Instant.now().plusSeconds(30))) {
            throw new SignInAgain("the access token has expired");
        }
        return client.getAccessToken().getTokenValue();
    }

    /** POST a JSON body without a token (the public APIs: an objection, a voucher check), with extra headers. */
    public Answer postPublic(String path, Object body, Consumer<HttpHeaders> headers) {
        return call(HttpMethod.POST, path, body, headers, false);
    }
}
