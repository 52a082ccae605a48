package cn.sunshine.platform.attachment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.web.ProblemMessages;
import cn.sunshine.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A multipart request whose declared length is above {@code spring.servlet.multipart.max-request-size} is refused with
 * 413 {@value Attachments#TOO_LARGE} before a byte of it is read, before authentication: the client that asked
 * {@code Expect: 100-continue} never sends the body (the connector answers 100 only once the body is read), and the
 * connection is closed after the answer. A body without a length is counted by the multipart parser instead.
 */
public class AttachmentSizeFilter extends OncePerRequestFilter {

    private final long requestLimit;
    private final long fileLimit;

    public AttachmentSizeFilter(long requestLimit, long fileLimit) {
        this.requestLimit = requestLimit;
        this.fileLimit = fileLimit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String type = request.getContentType();
        return type == null || !type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() <= requestLimit) {
            chain.doFilter(request, response);
            return;
        }
        DomainException e = Attachments.tooLarge(fileLimit);
        Locale locale = ProblemMessages.localeOf(request);
        response.setStatus(413);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setHeader("Connection", "close");
        byte[] body = ("{\"type\":\"" + Problems.TYPE_PREFIX + e.kind() + "\",\"title\":\""
                + ProblemMessages.title(e.kind(), e.title(), locale) + "\",\"status\":413,\"detail\":\""
                + ProblemMessages.detail(e, locale).replace("\"", "'") + "\"}").getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
