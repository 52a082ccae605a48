package cn.sunshine.accreditation.quota;

import cn.sunshine.platform.web.Answers;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@Tag(name = "Quota", description = "The annual training-and-transfer quota, province → county → base (培训转移任务)")
public class QuotaController {

    private final Quotas quotas;

    public QuotaController(Quotas quotas) {
        this.quotas = quotas;
    }

    @PostMapping("/api/accreditation/quota-ledgers")
    @Allowed({Role.PROVINCE_OFFICER})
    @Operation(summary = "The province's annual plan (province officer)")
    public ResponseEntity<QuotaDtos.LedgerView> plan(@Valid @RequestBody QuotaDtos.PlanRequest request) {
        return Answers.createdHere(quotas.plan(request), QuotaDtos.LedgerView::of);
    }

    @GetMapping("/api/accreditation/quota-ledgers/{ledgerId}")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "A ledger with every allocation and receipt")
    public ResponseEntity<QuotaDtos.LedgerView> get(@PathVariable String ledgerId) {
        return Answers.ok(quotas.get(ledgerId), QuotaDtos.LedgerView::of);
    }

    @GetMapping("/api/accreditation/quota-ledgers")
    @Allowed(groups = Roles.OFFICIALS)
    @Operation(summary = "Ledgers in your jurisdiction")
    public PageResult<QuotaDtos.LedgerView> list(
            @RequestParam(required = false) @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String division,
            @RequestParam(required = false) Integer year,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return quotas.list(division, year, page, size).map(QuotaDtos.LedgerView::of);
    }

    @PostMapping("/api/accreditation/quota-ledgers/{ledgerId}/allocations")
    @Allowed(groups = Roles.OFFICERS)
    @Operation(summary = "Allocate (or, naming 'replaces', reallocate) quota to a division below or to a base for a major; "
            + "send an Idempotency-Key: the same key and body give the same allocation")
    public ResponseEntity<QuotaDtos.AllocationResult> allocate(@PathVariable String ledgerId,
                                                               @RequestHeader(value = "Idempotency-Key", required = false) String key,
                                                               @Valid @RequestBody QuotaDtos.AllocationRequest request) {
        Quotas.Outcome o = quotas.allocate(ledgerId, request, key);
        QuotaLedger l = o.ledger();
        ResponseEntity.BodyBuilder b = ResponseEntity.status(201).eTag(ETags.of(l.getVersion()));
        if (o.replayed()) {
            b.header("Idempotent-Replayed", "true");
        }
        return b.body(new QuotaDtos.AllocationResult(l.getId(), l.getVersion(), l.getReceived(), l.getAllocated(),
                QuotaDtos.AllocationView.of(o.allocation())));
    }
}
