package cn.sunshine.platform.domain;

import java.util.List;

/**
 * A refusal the user can act on. It becomes an RFC 9457 problem with type
 * {@code urn:sunshine:problem:<kind>} and the given HTTP status. Its detail and field messages are English;
 * each may carry a message code ({@link #coded}, {@link FieldError#coded}) that the problem handler looks up
 * for a caller who asked for Chinese ({@link Phrase}).
 */
public class DomainException extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<FieldError> errors;
    private Phrase detail;

    /**
     * A field's message: the English {@code message}, and optionally a message code with its arguments (never
     * written out as they are: the problem handler answers {@code {field, message}} in the caller's language).
     */
    public record FieldError(String field, String message, String code, List<Object> args) {

        public FieldError {
            args = new Phrase(message, code, args).args();
        }

        public FieldError(String field, String message) {
            this(field, message, null, List.of());
        }

        public FieldError(String field, Phrase message) {
            this(field, message.english(), message.code(), message.args());
        }

        /** The field's message, English by default and {@code code} with {@code args} for a Chinese caller. */
        public static FieldError coded(String field, String code, String english, Object... args) {
            return new FieldError(field, Phrase.coded(code, english, args));
        }

        public Phrase phrase() {
            return new Phrase(message, code, args);
        }
    }

    public DomainException(int status, String kind, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.detail = Phrase.of(detail);
    }

    /** The same refusal again (a subclass that adds what the caller needs to know), its message code kept. */
    protected DomainException(DomainException same) {
        this(same.status, same.kind, same.title, same.getMessage(), same.errors);
        this.detail = same.detail;
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

    /** The detail: {@link #getMessage()} in English, with its message code when it has one. */
    public Phrase detail() {
        return detail;
    }

    /**
     * Gives the detail a message code and the arguments its translation takes ({@code {0}}, {@code {1}}, ...);
     * the English stays {@link #getMessage()}. Returns this exception, to be thrown.
     */
    public DomainException coded(String code, Object... args) {
        this.detail = Phrase.coded(code, getMessage(), args);
        return this;
    }

    /** 404: absent, or outside the caller's jurisdiction (the two are not told apart). */
    public static DomainException notFound(String what) {
        return new DomainException(404, "not-found", "Not found", what + " was not found").coded("problem.not-found", what);
    }

    /** 409: the record's state does not allow the act. */
    public static DomainException invalidTransition(String aggregate, Object from, String act) {
        return new DomainException(409, "invalid-state-transition", "Not allowed in this state",
                "a " + aggregate + " that is " + from + " cannot be " + act)
                .coded("problem.invalid-state-transition", aggregate, from, act);
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
        return invalidField(field, Phrase.of(message));
    }

    /** 400: the input is wrong, naming the field, with the message's code (the detail is the field and its message). */
    public static DomainException invalidField(String field, Phrase message) {
        return new DomainException(400, "validation", "The request has invalid fields", field + ": " + message.english(),
                List.of(new FieldError(field, message)));
    }

    /** 412: the caller's copy is stale. */
    public static DomainException staleVersion(String what) {
        return new DomainException(412, "stale-version", "Changed by someone else",
                what + " was changed since you read it: reload it and try again").coded("problem.stale-version", what);
    }
}
