package cn.sunshine.gateway.edge;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;

/** A request body above {@code sunshine.gateway.max-request-size}: the caller's fault, a 413. */
public class RequestTooLargeException extends ResponseStatusException {

    public RequestTooLargeException(DataSize limit) {
        super(HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than the limit of " + describe(limit));
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
