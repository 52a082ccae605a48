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

    /**
     * A problem in the caller's language ({@link ProblemMessages}): the title by its kind and the detail by its
     * code for a Chinese caller, the English as given for everyone else.
     */
    public static ProblemDetail of(int status, String kind, String title, cn.sunshine.platform.domain.Phrase detail,
                                   java.util.Locale locale) {
        return of(status, kind, ProblemMessages.title(kind, title, locale), ProblemMessages.text(detail, locale));
    }

    /** {@link #of(int, String, String, cn.sunshine.platform.domain.Phrase, java.util.Locale)} in the current request's language. */
    public static ProblemDetail of(int status, String kind, String title, cn.sunshine.platform.domain.Phrase detail) {
        return of(status, kind, title, detail, ProblemMessages.locale());
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
