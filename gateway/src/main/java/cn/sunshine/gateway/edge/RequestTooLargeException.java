package cn.sunshine.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/**
 * A request body above {@code sunshine.gateway.max-request-size} ({@code payload-too-large}) or a JSON
 * body above {@code sunshine.gateway.max-json-size} ({@code body-too-large}): the caller's fault, a 413.
 */
public class RequestTooLargeException extends ResponseStatusException {

    private final boolean json;

    public RequestTooLargeException(DataSize limit) {
        this(limit, false);
    }

    public RequestTooLargeException(DataSize limit, boolean json) {
        super(HttpStatus.CONTENT_TOO_LARGE, (json ? "the JSON body is larger than the limit of "
                : "the request body is larger than the limit of ") + describe(limit));
        this.json = json;
    }

    /** The problem's kind: {@code body-too-large} for a JSON body, {@code payload-too-large} otherwise. */
    public String kind() {
        return json ? "body-too-large" : "payload-too-large";
    }

    static String describe(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return size.toMegabytes() + " MB";
        }
        if (bytes % 1024 == 0) {
            return size.toKilobytes() + " KB";
        }
        return bytes + " bytes";
    }
}
