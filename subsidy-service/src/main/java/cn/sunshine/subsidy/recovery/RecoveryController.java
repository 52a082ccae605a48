package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Recovery", description = "Recovery of falsely claimed subsidy; the base's payments are held until settled")
public class RecoveryController {

    public record OrderRequest(@NotBlank String baseId, @NotEmpty @Size(max = 500) List<@NotBlank String> enrollmentIds,
                               @NotBlank @Size(max = 2000) String reason) {
    }

    /** The bureau's receipt of the repayment: its reference and the amount received (the order's amount). */
    public record SettleRequest(@NotBlank @Size(max = 100) String reference, @Positive long amountFen) {
    }

    /** The checker's reading of the bureau's statement: it must match the recorded settlement. */
    public record ConfirmSettlementRequest(@NotBlank @Size(max = 100) String reference, @Positive long amountFen) {
    }

    public record RejectSettlementRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    /**
     * A recovery order. {@code status}: OPEN, SETTLEMENT_RECORDED (recorded, waiting for a second finance
     * officer's confirmation; still holding the base's payments) or SETTLED. {@code settlement}: the recorded
     * (then confirmed) repayment; {@code rejectedSettlements}: earlier recorded ones rejected; {@code skipped}:
     * paid lines named but recovered by another order; {@code fundCredits}: what the settlement credits to
     * which fund. {@code settledAt/settledBy/settlementReference}: the confirmation.
     */
    public record RecoveryView(String recoveryId, String baseId, String divisionCode, List<RecoveryOrder.Item> items,
                               long amountFen, String reason, String findingId, String status, String orderedAt,
                               String orderedBy, String settledAt, String settledBy, String settlementReference,
                               RecoveryOrder.Settlement settlement, List<RecoveryOrder.Settlement> rejectedSettlements,
                               List<RecoveryOrder.Skipped> skipped, List<RecoveryOrder.FundCredit> fundCredits,
                               String fundsCreditedAt) {
        static RecoveryView of(RecoveryOrder r) {
            return new RecoveryView(r.getId(), r.getBaseId(), r.getDivisionCode(), r.getItems(), r.getAmountFen(),
                    r.getReason(), r.getFindingId(), r.getStatus().name(), r.getOrderedAt().toString(), r.getOrderedBy(),
                    r.getSettledAt() == null ? null : r.getSettledAt().toString(), r.getSettledBy(),
                    r.getSettlementReference(), r.getSettlement(), r.getRejectedSettlements(), r.getSkipped(),
                    r.getFundCredits(), r.getFundsCreditedAt() == null ? null : r.getFundsCreditedAt().toString());
        }
    }

    private final Recoveries recoveries;

    public RecoveryController(Recoveries recoveries) {
        this.recoveries = recoveries;
    }

    @PostMapping("/api/subsidy/recoveries")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Order recovery of what was paid for some trainees of a base (e.g. a duplicate found later). "
            + "A paid line another order recovers is left out (named in skipped); 409 already-recovered when every "
            + "paid line named is recovered already")
    public ResponseEntity<RecoveryView> order(@Valid @RequestBody OrderRequest r) {
        RecoveryOrder o = recoveries.order(r.baseId(), r.enrollmentIds(), r.reason().trim());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(o.getVersion())).body(RecoveryView.of(o));
    }

    @GetMapping("/api/subsidy/recoveries/{recoveryId}")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A recovery order")
    public ResponseEntity<RecoveryView> get(@PathVariable String recoveryId) {
        return Answers.ok(recoveries.get(recoveryId), RecoveryView::of);
    }

    @GetMapping("/api/subsidy/bases/{baseId}/recoveries")
    @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)
    @Operation(summary = "A base's recovery orders")
    public List<RecoveryView> ofBase(@PathVariable String baseId) {
        return recoveries.ofBase(baseId).stream().map(RecoveryView::of).toList();
    }

    @PostMapping("/api/subsidy/recoveries/{recoveryId}/settlement")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "Record the repayment (the bureau's receipt reference and the amount received, which must be "
            + "the order's amount): SETTLEMENT_RECORDED, the base's payments still held until another finance officer "
            + "confirms it")
    public ResponseEntity<RecoveryView> settle(@PathVariable String recoveryId, @Valid @RequestBody SettleRequest r) {
        return Answers.ok(recoveries.recordSettlement(recoveryId, r.reference().trim(), r.amountFen()), RecoveryView::of);
    }

    @PostMapping("/api/subsidy/recoveries/{recoveryId}/settlement/confirmation")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "A second finance officer confirms the recorded repayment, re-keying reference and amount from "
            + "the bureau's statement (422 recovery-confirmation-mismatch when they differ): SETTLED, the fund credited, "
            + "the base's payments released")
    public ResponseEntity<RecoveryView> confirm(@PathVariable String recoveryId,
                                                @Valid @RequestBody ConfirmSettlementRequest r) {
        return Answers.ok(recoveries.confirmSettlement(recoveryId, r.reference().trim(), r.amountFen()), RecoveryView::of);
    }

    @PostMapping("/api/subsidy/recoveries/{recoveryId}/settlement/rejection")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "A second finance officer rejects the recorded repayment (not on the statement), with the "
            + "reason: OPEN again, the rejected record kept")
    public ResponseEntity<RecoveryView> reject(@PathVariable String recoveryId,
                                               @Valid @RequestBody RejectSettlementRequest r) {
        return Answers.ok(recoveries.rejectSettlement(recoveryId, r.reason().trim()), RecoveryView::of);
    }
}
