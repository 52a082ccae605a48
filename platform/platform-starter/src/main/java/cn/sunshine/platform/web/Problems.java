package cn.sunshine.platform.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** Builds the suite's RFC 9457 problems: {@code type} is {@code urn:sunshine:problem:<kind>}. */
public final class Problems {

    public static final String TYPE_PREFIX = "urn:sunshine:problem:";

    private Problems() {
    }

    public static ProblemDetail of(int status, String kind, String title, String detail) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
        pd.setType(URI.create(TYPE_PREFIX + kind));
        pd.setTitle(title);
        return pd;
    }

    public static ProblemDetail withErrors(ProblemDetail pd, List<Map<String, String>> errors) {
        if (errors != null && !errors.isEmpty()) {
            pd.setProperty("errors", errors);
        }
        return pd;
    }

    public static Map<String, String> fieldError(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
