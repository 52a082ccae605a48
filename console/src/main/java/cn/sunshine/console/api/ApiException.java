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
    private final java.util.List<Map<String, Object>> rows;

    public ApiException(int status, String type, String detail, Map<String, String> fieldErrors) {
        this(status, type, detail, fieldErrors, List.of());
    }

    public ApiException(int status, String type, String detail, Map<String, String> fieldErrors,
                        List<Map<String, Object>> rows) {
        super(status + " " + type + ": " + detail);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.fieldErrors = fieldErrors == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(fieldErrors));
        this.rows = rows == null ? List.of() : List.copyOf(rows);
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
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        if (problem != null && problem.get("rows") instanceof List<?> list) {
            for (Object r : list) {
                if (r instanceof Map<?, ?> m) {
                    rows.add((Map<String, Object>) m);
                }
            }
        }
        return new ApiException(status, type, detail, fields, rows);
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

    /** A batch's refused rows ({@code rows[{row, enrollmentId, field, message}]}), each shown on its row. */
    public List<Map<String, Object>> rows() {
        return rows;
    }
}
