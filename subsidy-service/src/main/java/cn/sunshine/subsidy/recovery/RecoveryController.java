package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.ETags;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
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

    public record SettleRequest(@NotBlank @Size(max = 100) String reference) {
    }

    public record RecoveryView(String recoveryId, String baseId, String divisionCode, List<RecoveryOrder.Item> items,
                               long amountFen, String reason, String findingId, String status, String orderedAt,
                               String orderedBy, String settledAt, String settledBy, String settlementReference) {
        static RecoveryView of(RecoveryOrder r) {
            return new RecoveryView(r.getId(), r.getBaseId(), r.getDivisionCode(), r.getItems(), r.getAmountFen(),
                    r.getReason(), r.getFindingId(), r.getStatus().name(), r.getOrderedAt().toString(), r.getOrderedBy(),
                    r.getSettledAt() == null ? null : r.getSettledAt().toString(), r.getSettledBy(),
                    r.getSettlementReference());
        }
    }

    private final Recoveries recoveries;

    public RecoveryController(Recoveries recoveries) {
        this.recoveries = recoveries;
    }

    @PostMapping("/api/subsidy/recoveries")
    @Allowed({Role.COUNTY_OFFICER})
    @Operation(summary = "Order recovery of what was paid for some trainees of a base (e.g. a duplicate found later)")
    public ResponseEntity<RecoveryView> order(@Valid @RequestBody OrderRequest r) {
        RecoveryOrder o = recoveries.order(r.baseId(), r.enrollmentIds(), r.reason().trim());
        return ResponseEntity.status(HttpStatus.CREATED).eTag(ETags.of(o.getVersion())).body(RecoveryView.of(o));
    }

    @GetMapping("/api/subsidy/recoveries/{recoveryId}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER,
            Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A recovery order")
    public ResponseEntity<RecoveryView> get(@PathVariable String recoveryId) {
        RecoveryOrder o = recoveries.get(recoveryId);
        return ResponseEntity.ok().eTag(ETags.of(o.getVersion())).body(RecoveryView.of(o));
    }

    @GetMapping("/api/subsidy/bases/{baseId}/recoveries")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER,
            Role.AUDITOR, Role.BASE_STAFF})
    @Operation(summary = "A base's recovery orders")
    public List<RecoveryView> ofBase(@PathVariable String baseId) {
        return recoveries.ofBase(baseId).stream().map(RecoveryView::of).toList();
    }

    @PostMapping("/api/subsidy/recoveries/{recoveryId}/settlement")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "Record the repayment (its reference): the base's held payments go out again")
    public ResponseEntity<RecoveryView> settle(@PathVariable String recoveryId, @Valid @RequestBody SettleRequest r) {
        RecoveryOrder o = recoveries.settle(recoveryId, r.reference().trim());
        return ResponseEntity.ok().eTag(ETags.of(o.getVersion())).body(RecoveryView.of(o));
    }
}
