package cn.sunshine.console.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API's refusal, as problem details (RFC 9457): its status, {@code type}, {@code detail}, and the
 * fields it names ({@code errors[{field, message}]}), so that a page can show each message next to its field.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String detail;
    private final Map<String, String> fieldErrors;

    public ApiException(int status, String type, String detail, Map<String, String> fieldErrors) {
        super(status + " " + type + ": " + detail);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(fieldErrors));
    }

    @SuppressWarnings("unchecked")
    static ApiException of(int status, Map<String, Object> problem) {
        Map<String, String> fields = new LinkedHashMap<>();
        Object errors = problem == null ? null : problem.get("errors");
        if (errors instanceof List<?> list) {
            for (Object e : list) {
                if (e instanceof Map<?, ?> m && m.get("field") != null) {
                    fields.merge(String.valueOf(m.get("field")), String.valueOf(m.get("message")), (a, b) -> a + "; " + b);
                }
            }
        }
        String type = problem == null ? null : (String) problem.get("type");
        String detail = problem == null ? null : (String) problem.get("detail");
        return new ApiException(status, type, detail, fields);
    }

    public int status() {
        return status;
    }

    /** The problem's kind: the end of its {@code type} ({@code urn:sunshine:problem:stale-version} → {@code stale-version}). */
    public String kind() {
        return type == null ? null : type.substring(type.lastIndexOf(':') + 1);
    }

    public String detail() {
        return detail;
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
