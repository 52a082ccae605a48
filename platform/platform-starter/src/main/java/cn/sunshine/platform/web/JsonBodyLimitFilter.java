package cn.sunshine.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A JSON request body larger than {@code sunshine.web.max-json-body} (default 1 MB; the idempotency
 * filter keeps at most as much) is refused with 413 {@value #KIND} before it is parsed: a declared
 * {@code Content-Length} above the limit before anything is read (and before authentication, so the
 * refusal costs nothing), a body without a length (chunked) as soon as the limit is crossed while it
 * is read. Only JSON bodies ({@code application/json}, {@code application/*+json}): a roster upload
 * has its own limits and answers 413 {@code upload-too-large}.
 */
public class JsonBodyLimitFilter extends OncePerRequestFilter {

    public static final String KIND = "body-too-large";

    private final long limit;

    public JsonBodyLimitFilter(DataSize limit) {
        this.limit = limit.toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).contains("json");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request.getContentLengthLong() >= 0 ? request : new Counted(request, limit), response);
        } catch (IOException | ServletException | RuntimeException e) {
            if (!tooLarge(e)) {
                throw e;
            }
            if (!response.isCommitted()) {
                response.resetBuffer();
                refuse(request, response);
            }
        }
    }

    /** True when the failure is (caused by) a body crossing the limit. */
    public static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    /** The 413's detail: a JSON body of at most {@code limit} bytes. */
    static cn.sunshine.platform.domain.Phrase atMost(long limit) {
        return cn.sunshine.platform.domain.Phrase.coded("problem.body-at-most", "a JSON body of at most " + limit + " bytes", limit);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(413);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        Locale locale = ProblemMessages.localeOf(request);
        byte[] body = ("{\"type\":\"" + Problems.TYPE_PREFIX + KIND + "\",\"title\":\""
                + ProblemMessages.title(KIND, "Request body too large", locale) + "\",\"status\":413,"
                + "\"detail\":\"" + ProblemMessages.text(atMost(limit), locale) + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Thrown while reading when a body without a declared length crosses the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException(long limit) {
            super("the JSON body is larger than " + limit + " bytes");
        }
    }

    private static final class Counted extends HttpServletRequestWrapper {

        private final long limit;
        private ServletInputStream stream;

        Counted(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                ServletInputStream in = super.getInputStream();
                stream = new ServletInputStream() {
                    long seen;

                    private int count(int n) throws IOException {
                        if (n > 0) {
                            seen += n;
                            if (seen > limit) {
                                throw new BodyTooLargeException(limit);
                            }
                        }
                        return n;
                    }

                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            count(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        return count(in.read(b, off, len));
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }
}
