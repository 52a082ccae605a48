package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.web.ProblemDetailsHandler;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/subsidy/payment-instructions/{instructionId}/settlement}: the finance bureau tells
 * us it paid (or accepted) one of our instructions. Only the bureau can say so — the request must
 * carry its signature ({@link BureauSignatures}) with a nonce not seen before ({@link BureauNonces});
 * a bearer token counts for nothing here — and even then its word only makes us ask the bureau's own
 * query API before anything is settled ({@link Payments#callback}).
 *
 * <p>Body: {@code {"bureauReference": "CZ20260630000123", "status": "PAID"|"ACCEPTED", "amountFen": 200000,
 * "paidAt": "2026-06-30T02:10:00Z"}} ({@code instructionId} may be repeated; {@code paidAt} optional).
 * Answers 200 with the instruction's state, or a problem: 400 malformed, 401 not signed by the bureau,
 * 404 unknown instruction, 409 not settleable / not confirmed by the bureau, 422 against the
 * instruction (amount, time of payment), 503 the bureau's query API cannot be reached.
 */
@Component
public class BureauCallback {

    public static final String PATH = "/api/subsidy/payment-instructions/{instructionId}/settlement";
    public static final String PATH_PATTERN = "/api/subsidy/payment-instructions/*/settlement";
    static final int MAX_BODY_BYTES = 16 * 1024;
    /** A nonce is kept a little longer than its timestamp can be accepted. */
    private static final Duration NONCE_MARGIN = Duration.ofMinutes(1);
    private static final Set<String> STATUSES = Set.of("PAID", "ACCEPTED");

    private static final Logger log = LoggerFactory.getLogger(BureauCallback.class);

    /** What the bureau gets back: the instruction's state, nothing about the payee. */
    public record SettlementView(String instructionId, String status, long amountFen, String bureauReference,
                                 String paidAt) {
        static SettlementView of(PaymentInstruction i) {
            return new SettlementView(i.getId(), i.getStatus().name(), i.getAmountFen(), i.getBureauReference(),
                    i.getPaidAt() == null ? null : i.getPaidAt().toString());
        }
    }

    private final BureauSignatures signatures;
    private final BureauNonces nonces;
    private final Payments payments;
    private final JsonMapper json;
    private final ProblemDetailsHandler problems;

    public BureauCallback(BureauSignatures signatures, BureauNonces nonces, Payments payments, JsonMapper json,
                          ProblemDetailsHandler problems) {
        this.signatures = signatures;
        this.nonces = nonces;
        this.payments = payments;
        this.json = json;
        this.problems = problems;
    }

    ServerResponse handle(ServerRequest request) {
        ResponseEntity<ProblemDetail> problem;
        try {
            return ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).body(settle(request));
        } catch (DomainException e) {
            problem = problems.domain(e);
        } catch (RuntimeException | IOException e) {
            problem = problems.unexpected(e);
        }
        ProblemDetail pd = problem.getBody();
        if (pd != null) {
            pd.setInstance(URI.create(request.servletRequest().getRequestURI()));
        }
        return ServerResponse.status(problem.getStatusCode()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }

    private SettlementView settle(ServerRequest request) throws IOException {
        HttpServletRequest http = request.servletRequest();
        String instructionId = request.pathVariable("instructionId");
        byte[] body = http.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            throw DomainException.invalidField("body", Phrase.coded("payment.callback-body-size",
                    "at most " + MAX_BODY_BYTES + " bytes", MAX_BODY_BYTES));
        }
        BureauSignatures.Verified v = signatures.verify(http.getMethod(), http.getRequestURI(),
                http.getHeader(BureauSignatures.KEY_ID), http.getHeader(BureauSignatures.TIMESTAMP),
                http.getHeader(BureauSignatures.NONCE), http.getHeader(BureauSignatures.SIGNATURE), body);
        if (!nonces.firstUse(v.keyId(), v.nonce(), Clock.systemUTC().instant(),
                v.timestamp().plus(signatures.window()).plus(NONCE_MARGIN))) {
            log.warn("finance bureau callback for instruction {} refused: nonce used before (key {})", instructionId,
                    v.keyId());
            throw new BureauSignatures.Rejected("this nonce was used before (a replay)");
        }
        Payments.SettlementNotice notice = notice(instructionId, body);
        PaymentInstruction i = payments.callback(instructionId, notice);
        log.info("finance bureau callback (key {}) for instruction {}: {}; the instruction is {}", v.keyId(),
                instructionId, notice.status(), i.getStatus());
        return SettlementView.of(i);
    }

    private Payments.SettlementNotice notice(String instructionId, byte[] body) {
        JsonNode n;
        try {
            n = json.readTree(body);
        } catch (JacksonException e) {
            throw new DomainException(400, "malformed-request", "The request body is not readable",
                    "the body must be a JSON object");
        }
        if (n == null || !n.isObject()) {
            throw new DomainException(400, "malformed-request", "The request body is not readable",
                    "the body must be a JSON object");
        }
        List<DomainException.FieldError> errors = new ArrayList<>();
        JsonNode id = n.get("instructionId");
        if (id != null && !id.isNull() && !(id.isString() && id.asString().equals(instructionId))) {
            errors.add(DomainException.FieldError.coded("instructionId", "payment.callback-instruction",
                    "must be the instruction of the path"));
        }
        String reference = text(n, "bureauReference");
        if (reference == null || reference.isBlank() || reference.length() > 64) {
            errors.add(DomainException.FieldError.coded("bureauReference", "payment.callback-reference",
                    "required, at most 64 characters"));
        }
        String status = text(n, "status");
        if (status == null || !STATUSES.contains(status)) {
            errors.add(DomainException.FieldError.coded("status", "payment.callback-status", "PAID or ACCEPTED"));
        }
        JsonNode amount = n.get("amountFen");
        if (amount == null || !amount.isIntegralNumber() || !amount.canConvertToLong() || amount.asLong() < 0) {
            errors.add(DomainException.FieldError.coded("amountFen", "payment.callback-amount",
                    "required, a whole number of fen, 0 or more"));
        }
        String paidAt = text(n, "paidAt");
        JsonNode paidAtNode = n.get("paidAt");
        if (paidAtNode != null && !paidAtNode.isNull() && (paidAt == null || !isInstant(paidAt))) {
            errors.add(DomainException.FieldError.coded("paidAt", "payment.callback-paid-at",
                    "an ISO-8601 instant, e.g. 2026-06-30T02:10:00Z"));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(400, "validation", "The request has invalid fields",
                    errors.stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""),
                    errors);
        }
        return new Payments.SettlementNotice(reference, status, amount.asLong(), paidAt);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isString() ? v.asString() : null;
    }

    private static boolean isInstant(String s) {
        try {
            OffsetDateTime.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
