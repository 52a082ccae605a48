package cn.sunshine.platform.domain;

import java.util.List;

/**
 * A refusal the user can act on. It becomes an RFC 9457 problem with type
 * {@code urn:sunshine:problem:<kind>} and the given HTTP status.
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<FieldError> errors;

    public record FieldError(String field, String message) {
    }

    public DomainException(int status, String kind, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public DomainException(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, List.of());
    }

    public int status() {
        return status;
    }

    public String kind() {
        return kind;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** 404: absent, or outside the caller's jurisdiction (the two are not told apart). */
    public static DomainException notFound(String what) {
        return new DomainException(404, "not-found", "Not found", what + " was not found");
    }

    /** 409: the record's state does not allow the act. */
    public static DomainException invalidTransition(String aggregate, Object from, String act) {
        return new DomainException(409, "invalid-state-transition", "Not allowed in this state",
                "a " + aggregate + " that is " + from + " cannot be " + act);
    }

    /** 409: a duplicate or a state conflict of the given kind. */
    public static DomainException conflict(String kind, String title, String detail) {
        return new DomainException(409, kind, title, detail);
    }

    /** 422: well-formed, but against a rule of the program. */
    public static DomainException rule(String kind, String title, String detail) {
        return new DomainException(422, kind, title, detail);
    }

    /** 400: the input is wrong, naming the field. */
    public static DomainException invalidField(String field, String message) {
        return new DomainException(400, "validation", "The request has invalid fields", field + ": " + message,
                List.of(new FieldError(field, message)));
    }

    /** 412: the caller's copy is stale. */
    public static DomainException staleVersion(String what) {
        return new DomainException(412, "stale-version", "Changed by someone else",
                what + " was changed since you read it: reload it and try again");
    }
}
