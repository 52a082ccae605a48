package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every state-changing request ({@code POST, PUT, PATCH, DELETE} under {@code /api/}) with an
 * {@code Idempotency-Key} is idempotent, whatever its endpoint: the same caller, method, path, key and
 * body get the first answer again ({@code Idempotent-Replayed: true}), never a second effect — so a
 * client may send any write again after a lost answer, a timeout or a 503 (docs/api.md). The rules are
 * {@link IdempotentRequests}'s: a refusal (any answer but 2xx) frees the key; the same key with another
 * body is 422 {@value IdempotentRequests#KEY_REUSED}; a request still running is 409
 * {@value IdempotentRequests#IN_PROGRESS} with {@code Retry-After}.
 *
 * <p>JSON and empty bodies up to {@value #MAX_BODY} bytes are covered here; other bodies (roster files)
 * pass through to their endpoint, which applies the same facility to its raw payload itself. Without the
 * header nothing changes.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    static final int MAX_BODY = 1024 * 1024;
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final IdempotentRequests idempotent;
    private final JsonMapper json;

    public IdempotencyFilter(IdempotentRequests idempotent, JsonMapper json) {
        this.idempotent = idempotent;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return request.getHeader(IdempotentRequests.HEADER) == null
                || !WRITES.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/api/")
                || (type != null && !type.toLowerCase(java.util.Locale.ROOT).contains("json"))
                || request.getContentLengthLong() > MAX_BODY;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(IdempotentRequests.HEADER);
        byte[] body;
        try {
            body = request.getInputStream().readNBytes(MAX_BODY + 1);
        } catch (JsonBodyLimitFilter.BodyTooLargeException e) {
            body = null;
        }
        if (body == null || body.length > MAX_BODY) {
            write(response, ResponseEntity.status(413).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(Problems.of(413,
                    JsonBodyLimitFilter.KIND, "Request body too large", JsonBodyLimitFilter.atMost(MAX_BODY),
                    ProblemMessages.localeOf(request))));
            return;
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String caller = auth == null || !auth.isAuthenticated() ? "anonymous" : auth.getName();
        String scope = "http:" + request.getMethod() + " " + request.getRequestURI() + ":" + caller;
        String hash = IdempotentRequests.hash(request.getContentType(), body);
        BufferedRequest buffered = new BufferedRequest(request, body);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        AtomicBoolean ran = new AtomicBoolean();
        ResponseEntity<?> answer;
        try {
            answer = idempotent.runHashed(scope, key, hash, () -> {
                ran.set(true);
                try {
                    chain.doFilter(buffered, captured);
                } catch (IOException | ServletException e) {
                    throw new IllegalStateException(e);
                }
                ResponseEntity.BodyBuilder b = ResponseEntity.status(captured.getStatus());
                String location = captured.getHeader(HttpHeaders.LOCATION);
                String etag = captured.getHeader(HttpHeaders.ETAG);
                if (location != null) {
                    b.header(HttpHeaders.LOCATION, location);
                }
                if (etag != null) {
                    b.eTag(etag);
                }
                byte[] out = captured.getContentAsByteArray();
                return out.length == 0 ? b.build() : b.body(new String(out, StandardCharsets.UTF_8));
            });
        } catch (DomainException e) {
            write(response, ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problemOf(e, ProblemMessages.localeOf(request))));
            return;
        }
        if (ran.get()) {
            captured.copyBodyToResponse(); // this request's own answer
            return;
        }
        write(response, answer);
    }

    private ProblemDetail problemOf(DomainException e, java.util.Locale locale) {
        ProblemDetail pd = Problems.of(e.status(), e.kind(), ProblemMessages.title(e.kind(), e.title(), locale),
                ProblemMessages.detail(e, locale));
        return Problems.withErrors(pd, e.errors().stream()
                .map(fe -> Problems.fieldError(fe.field(), ProblemMessages.text(fe, locale))).toList());
    }

    /** Writes a replayed or refused answer. */
    private void write(HttpServletResponse response, ResponseEntity<?> answer) throws IOException {
        response.setStatus(answer.getStatusCode().value());
        answer.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        Object body = answer.getBody();
        if (body == null) {
            return;
        }
        if (response.getContentType() == null) {
            response.setContentType(body instanceof ProblemDetail ? MediaType.APPLICATION_PROBLEM_JSON_VALUE
                    : MediaType.APPLICATION_JSON_VALUE);
        }
        byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8)
                : json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    /** The request with its body already read, readable again by the endpoint. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
