package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

@RestController
@Tag(name = "Payments", description = "Payment instructions to the finance bureau, reconciliation (the bureau's "
        + "signed callback is BureauCallback, outside this document: docs/subsidy.md)")
public class PaymentController {

    public record InstructionView(String instructionId, String claimId, String baseId, String divisionCode,
                                  String payeeType, String payeeId, String payeeName, List<String> enrollmentIds,
                                  long amountFen, String status, String heldBecause, String bureauReference,
                                  String paidAt, List<PaymentInstruction.Attempt> attempts) {
        static InstructionView of(PaymentInstruction i) {
            return new InstructionView(i.getId(), i.getClaimId(), i.getBaseId(), i.getDivisionCode(), i.getPayeeType(),
                    i.getPayeeId(), i.getPayeeName(), i.getEnrollmentIds(), i.getAmountFen(), i.getStatus().name(),
                    i.getHeldBecause(), i.getBureauReference(), i.getPaidAt() == null ? null : i.getPaidAt().toString(),
                    i.getAttempts());
        }
    }

    /** An optional note on why the run was started by hand. */
    public record RunRequest(@Size(max = 500) String note) {
    }

    public record ReconciliationRequest(@NotBlank @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}") String date) {
    }

    private final Payments payments;
    private final PaymentRelay relay;
    public PaymentController(Payments payments, PaymentRelay relay) {
        this.payments = payments;
        this.relay = relay;
    }

    @GetMapping("/api/subsidy/claims/{claimId}/payment-instructions")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "The payment instructions of a claim, with every attempt to send them")
    public List<InstructionView> ofClaim(@PathVariable String claimId) {
        return payments.ofClaim(claimId).stream().map(InstructionView::of).toList();
    }

    @PostMapping("/api/subsidy/payment-runs")
    @Allowed({Role.FINANCE_OFFICER, Role.OPERATOR})
    @Operation(summary = "Send the pending instructions now (the relay also runs on its own)")
    public PaymentRelay.RunResult run(@Valid @RequestBody(required = false) RunRequest r) {
        return relay.run();
    }

    @PostMapping("/api/subsidy/reconciliations")
    @Allowed({Role.FINANCE_OFFICER, Role.AUDITOR})
    @Operation(summary = "Compare the bureau's statement of a day with our instructions; every mismatch is kept")
    public Reconciliation reconcile(@Valid @RequestBody ReconciliationRequest r) {
        LocalDate date;
        try {
            date = LocalDate.parse(r.date());
        } catch (DateTimeParseException e) {
            throw DomainException.invalidField("date", Phrase.coded("payment.date",
                    "a calendar date YYYY-MM-DD"));
        }
        return payments.reconcile(date);
    }
}
