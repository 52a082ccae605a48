package cn.sunshine.financebureau;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.http.converter.HttpMessageNotReadableException;

import java.time.LocalDate;
import java.util.List;

/**
 * The bureau's HTTP API as subsidy-service reaches it (docs/subsidy.md, "Finance bureau"):
 * payment instructions (idempotent on the instruction id, which is also the Idempotency-Key),
 * their status, the daily statement; and the simulator's own admin switches.
 */
@RestController
public class BureauController {

    public record InstructionRequest(@NotBlank @Size(max = 64) String instructionId, @NotBlank String payeeType,
                                     @NotBlank String payeeId, @NotBlank String payeeName,
                                     @Positive long amountFen, @NotBlank String purpose) {
    }

    public record PaymentView(String instructionId, String bureauReference, String status, long amountFen,
                              String payeeType, String payeeId, String paidAt) {
        static PaymentView of(Ledger.Payment p) {
            return new PaymentView(p.instructionId(), p.bureauReference(), p.status(), p.amountFen(), p.payeeType(),
                    p.payeeId(), p.paidAt().toString());
        }
    }

    public record Statement(String date, List<PaymentView> entries, long totalFen) {
    }

    private final Ledger ledger;
    private final Faults faults;
    private final Callbacks callbacks;

    public BureauController(Ledger ledger, Faults faults, Callbacks callbacks) {
        this.ledger = ledger;
        this.faults = faults;
        this.callbacks = callbacks;
    }

    @PostMapping("/api/v1/payment-instructions")
    public ResponseEntity<?> submit(@RequestHeader(value = "Idempotency-Key", required = false) String key,
                                    @Valid @RequestBody InstructionRequest r) {
        if (faults.shouldFail()) {
            return unavailable();
        }
        if (key != null && !key.equals(r.instructionId())) {
            return problem(HttpStatus.UNPROCESSABLE_ENTITY, "the Idempotency-Key must be the instruction id");
        }
        Ledger.Outcome o = ledger.submit(r.instructionId(), r.payeeType(), r.payeeId(), r.payeeName(), r.amountFen(),
                r.purpose());
        if (o.conflict()) {
            return problem(HttpStatus.CONFLICT, "instruction " + r.instructionId()
                    + " was received before with another payee or amount; nothing was paid");
        }
        if (o.created()) {
            callbacks.paid(o.payment());
        }
        faults.beforeAnswer(); // paid; the answer may be lost to the caller's read timeout
        return ResponseEntity.status(o.created() ? HttpStatus.CREATED : HttpStatus.OK).body(PaymentView.of(o.payment()));
    }

    @GetMapping("/api/v1/payment-instructions/{instructionId}")
    public ResponseEntity<?> status(@PathVariable String instructionId) {
        if (faults.shouldFail()) {
            return unavailable();
        }
        Ledger.Payment p = ledger.find(instructionId);
        return p == null ? problem(HttpStatus.NOT_FOUND, "no instruction " + instructionId)
                : ResponseEntity.ok(PaymentView.of(p));
    }

    @GetMapping("/api/v1/statements")
    public ResponseEntity<?> statement(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
        if (faults.shouldFail()) {
            return unavailable();
        }
        List<PaymentView> entries = ledger.statement(date).stream().map(PaymentView::of).toList();
        return ResponseEntity.ok(new Statement(date.toString(), entries,
                entries.stream().mapToLong(PaymentView::amountFen).sum()));
    }

    @GetMapping("/admin/faults")
    public Faults.Settings faults() {
        return faults.get();
    }

    /** What the signed callbacks did (simulator.callback.url: off when unset). */
    @GetMapping("/admin/callbacks")
    public Callbacks.Stats callbacks() {
        return callbacks.stats();
    }

    @PutMapping("/admin/faults")
    public Faults.Settings setFaults(@RequestBody Faults.Settings s) {
        faults.set(s);
        return faults.get();
    }

    @PostMapping("/admin/reset")
    public ResponseEntity<Void> reset() {
        faults.set(new Faults.Settings(0, 0, false));
        ledger.clear();
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler({MethodArgumentNotValidException.class, HttpMessageNotReadableException.class,
            IllegalArgumentException.class, org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
            org.springframework.web.bind.MissingServletRequestParameterException.class})
    ResponseEntity<ProblemDetail> badRequest(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, e instanceof MethodArgumentNotValidException v
                ? v.getBindingResult().getFieldErrors().stream().map(f -> f.getField() + ": " + f.getDefaultMessage()).toList().toString()
                : "malformed request: " + e.getClass().getSimpleName());
    }

    private static ResponseEntity<ProblemDetail> unavailable() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the finance bureau's system is unavailable (simulated)");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }
}
