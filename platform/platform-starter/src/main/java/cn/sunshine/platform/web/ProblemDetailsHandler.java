package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.PersonalData;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Every error of every service as RFC 9457 problem details with a stable {@code type}. Bad input is
 * a 400 that names the field; nothing the caller sends can produce a 500. Titles, details and field messages
 * are in the caller's language ({@link ProblemMessages}: Chinese for {@code Accept-Language: zh-CN}, the English
 * as always otherwise); types, statuses and fields never change with it.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetailsHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsHandler.class);

    @ExceptionHandler(DomainException.class)
    public ResponseEntity<ProblemDetail> domain(DomainException e) {
        Locale locale = ProblemMessages.locale();
        ProblemDetail pd = Problems.of(e.status(), e.kind(), ProblemMessages.title(e.kind(), e.title(), locale),
                ProblemMessages.detail(e, locale));
        List<Map<String, String>> errors = new ArrayList<>();
        e.errors().forEach(fe -> errors.add(Problems.fieldError(fe.field(), ProblemMessages.text(fe, locale))));
        return ResponseEntity.status(e.status()).body(Problems.withErrors(pd, errors));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    public ResponseEntity<ProblemDetail> stale(OptimisticLockingFailureException e) {
        return ResponseEntity.status(412).body(Problems.of(412, "stale-version", "Changed by someone else",
                Phrase.coded("problem.stale-record", "the record was changed since you read it: reload it and try again")));
    }

    @ExceptionHandler(DuplicateKeyException.class)
    public ResponseEntity<ProblemDetail> duplicate(DuplicateKeyException e) {
        return ResponseEntity.status(409).body(Problems.of(409, "duplicate", "Already exists",
                Phrase.coded("problem.duplicate", "a record with the same identifying fields already exists")));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    public ResponseEntity<ProblemDetail> denied(RuntimeException e) {
        return ResponseEntity.status(403).body(Problems.of(403, "forbidden", "Forbidden", FORBIDDEN));
    }

    @ExceptionHandler(org.springframework.security.authentication.AuthenticationCredentialsNotFoundException.class)
    public ResponseEntity<ProblemDetail> unauthenticated(RuntimeException e) {
        return ResponseEntity.status(401).body(Problems.of(401, "unauthorized", "Unauthorized", UNAUTHORIZED));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    public ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        Locale locale = ProblemMessages.locale();
        List<Map<String, String>> errors = new ArrayList<>();
        e.getConstraintViolations().forEach(v -> {
            String field = lastNode(v.getPropertyPath().toString());
            errors.add(Problems.fieldError(field, ProblemMessages.text(v, field, locale)));
        });
        return ResponseEntity.badRequest().body(invalidFields(errors, locale));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Problems.of(400, "validation", ProblemMessages.title("validation",
                "The request has invalid fields", ProblemMessages.locale()), PersonalData.maskAll(e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e) {
        String errorId = UUID.randomUUID().toString();
        log.error("unexpected error {}: {}", errorId, PersonalData.maskAll(String.valueOf(e)), e);
        ProblemDetail pd = Problems.of(500, "internal-error", "Internal error",
                Phrase.coded("problem.internal-error", "something went wrong on our side; quote error id " + errorId, errorId));
        pd.setProperty("errorId", errorId);
        return ResponseEntity.status(500).body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Locale locale = ProblemMessages.locale();
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(Problems.fieldError(fe.getField(), ProblemMessages.text(fe, locale)));
        }
        ex.getBindingResult().getGlobalErrors().forEach(ge -> errors.add(Problems.fieldError(ge.getObjectName(),
                ProblemMessages.text(ge, locale))));
        return ResponseEntity.badRequest().body(invalidFields(errors, locale));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers, HttpStatusCode status,
                                                                            WebRequest request) {
        Locale locale = ProblemMessages.locale();
        List<Map<String, String>> errors = new ArrayList<>();
        ex.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
                Problems.fieldError(r.getMethodParameter().getParameterName(), ProblemMessages.text(err, locale)))));
        return ResponseEntity.badRequest().body(invalidFields(errors, locale));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        if (JsonBodyLimitFilter.tooLarge(ex)) {
            return ResponseEntity.status(413).body(Problems.of(413, JsonBodyLimitFilter.KIND, "Request body too large",
                    Phrase.coded("problem.body-too-large", "the JSON body is larger than the limit")));
        }
        String field = null;
        Throwable cause = ex.getCause();
        if (cause instanceof JacksonException je && je.getPath() != null && !je.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (JacksonException.Reference ref : je.getPath()) {
                if (ref.getPropertyName() != null) {
                    path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            field = path.toString();
        }
        Phrase detail = field == null || field.isEmpty()
                ? Phrase.coded("problem.malformed-body", "the request body is missing or is not valid JSON")
                : Phrase.coded("problem.wrong-type-field", "the field '" + field + "' has a value of the wrong type or format", field);
        ProblemDetail pd = Problems.of(400, "malformed-request", "Malformed request", detail);
        if (field != null && !field.isEmpty()) {
            Problems.withErrors(pd, List.of(Problems.fieldError(field,
                    ProblemMessages.text(Phrase.coded("problem.wrong-type-or-format", "wrong type or format")))));
        }
        return ResponseEntity.badRequest().body(pd);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return ResponseEntity.badRequest().body(Problems.withErrors(
                Problems.of(400, "validation", "The request has invalid fields", Phrase.coded("problem.required-parameter",
                        "the query parameter '" + ex.getParameterName() + "' is required", ex.getParameterName())),
                List.of(Problems.fieldError(ex.getParameterName(), ProblemMessages.text(REQUIRED)))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        // Spring's own MVC errors (405, 406, 415, 404 for no handler, ...): give them our type URIs.
        int status = statusCode.value();
        String detail = body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : ex.getMessage();
        if (ex instanceof MissingRequestHeaderException mh) {
            return ResponseEntity.badRequest().body(Problems.withErrors(
                    Problems.of(400, "validation", "The request has invalid fields", Phrase.coded("problem.required-header",
                            "the header '" + mh.getHeaderName() + "' is required", mh.getHeaderName())),
                    List.of(Problems.fieldError(mh.getHeaderName(), ProblemMessages.text(REQUIRED)))));
        }
        String kind = switch (status) {
            case 400 -> "malformed-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "internal-error" : "request-error";
        };
        ProblemDetail pd = Problems.of(status, kind, ProblemMessages.title(kind,
                org.springframework.http.HttpStatus.valueOf(status).getReasonPhrase(), ProblemMessages.locale()),
                PersonalData.maskAll(detail));
        return ResponseEntity.status(statusCode).headers(headers).body(pd);
    }

    /**
     * A multipart request over Spring's limits ({@code spring.servlet.multipart.max-file-size} /
     * {@code max-request-size}, which the platform sets from {@code sunshine.attachments.max-bytes}): the attachment's
     * 413, never a 500.
     */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        long max = ex.getMaxUploadSize() > 0 ? ex.getMaxUploadSize() : attachmentMaxBytes;
        DomainException e = cn.sunshine.platform.attachment.Attachments.tooLarge(Math.min(max, attachmentMaxBytes));
        return ResponseEntity.status(413).header(HttpHeaders.CONNECTION, "close").body(domain(e).getBody());
    }

    /** A broken multipart body (no boundary, cut short), or a file endpoint called without multipart: 400. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    public ResponseEntity<ProblemDetail> multipart(org.springframework.web.multipart.MultipartException e) {
        return ResponseEntity.badRequest().body(Problems.of(400, "malformed-request", ProblemMessages.title(
                "malformed-request", "Malformed request", ProblemMessages.locale()), Phrase.coded("problem.malformed-multipart",
                "the request is not a well-formed multipart/form-data upload")));
    }

    private long attachmentMaxBytes = 20L * 1024 * 1024;

    /** The attachment limit named in a multipart 413 ({@code sunshine.attachments.max-bytes}). */
    public ProblemDetailsHandler attachmentMaxBytes(long bytes) {
        this.attachmentMaxBytes = bytes;
        return this;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    public ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return ResponseEntity.badRequest().body(Problems.withErrors(
                Problems.of(400, "validation", "The request has invalid fields", Phrase.coded("problem.wrong-type-parameter",
                        "the parameter '" + e.getName() + "' has a value of the wrong type", e.getName())),
                List.of(Problems.fieldError(e.getName(),
                        ProblemMessages.text(Phrase.coded("problem.wrong-type", "wrong type"))))));
    }

    /** 401 and 403 as every service words them (the security filter chain's answers too). */
    public static final Phrase UNAUTHORIZED = Phrase.coded("problem.unauthorized", "a valid bearer token is required");
    public static final Phrase FORBIDDEN = Phrase.coded("problem.forbidden", "your role does not allow this");
    private static final Phrase REQUIRED = Phrase.coded("problem.required", "required");

    /** 400 {@code validation} listing the field errors, in the caller's language. */
    private static ProblemDetail invalidFields(List<Map<String, String>> errors, Locale locale) {
        String detail = errors.isEmpty()
                ? ProblemMessages.text(Phrase.coded("problem.invalid-fields", "the request has invalid fields"), locale)
                : ProblemMessages.summary(errors.stream().map(e -> new String[] {e.get("field"), e.get("message")}).toList(), locale);
        return Problems.withErrors(Problems.of(400, "validation",
                ProblemMessages.title("validation", "The request has invalid fields", locale), detail), errors);
    }

    private static String lastNode(String path) {
        int i = path.lastIndexOf('.');
        return i < 0 ? path : path.substring(i + 1);
    }
}
