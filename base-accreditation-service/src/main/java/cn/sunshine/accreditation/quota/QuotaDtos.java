package cn.sunshine.accreditation.quota;

import cn.sunshine.accreditation.base.BaseDtos.DecisionView;
import cn.sunshine.platform.identifiers.DivisionCode;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Requests and responses of the quota feature. */
public final class QuotaDtos {

    private QuotaDtos() {
    }

    @Schema(example = """
            {"divisionCode":"420000","year":2026,"total":120000,"reason":"省农业厅下达2026年阳光工程培训转移任务"}""")
    public record PlanRequest(
            @NotBlank @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String divisionCode,
            @NotNull @Min(2000) @Max(2100) Integer year,
            @NotNull @Min(1) @Max(10_000_000) Integer total,
            @NotBlank @Size(max = 500) String reason) {
    }

    @Schema(example = """
            {"baseId":"…","majorCode":"WELDING","amount":300,"reason":"按基地认定的年培训能力分配"}""")
    public record AllocationRequest(
            @Pattern(regexp = "[1-9]\\d{5}", message = "must be a 6-digit division code") String toDivision,
            @Size(max = 100) String baseId,
            @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case code such as WELDING") String majorCode,
            @NotNull @Min(0) @Max(10_000_000) Integer amount,
            @Size(max = 100) String replaces,
            @NotBlank @Size(max = 500) String reason) {
    }

    public record AllocationView(String id, String toDivision, String baseId, String majorCode, int amount,
                                 int previousAmount, String replaces, Allocation.Status status, String supersededBy,
                                 String idempotencyKey, DecisionView decision) {
        static AllocationView of(Allocation a) {
            return new AllocationView(a.id(), a.toDivision(), a.baseId(), a.majorCode(), a.amount(), a.previousAmount(),
                    a.replaces(), a.status(), a.supersededBy(), a.idempotencyKey(), DecisionView.of(a.decision()));
        }
    }

    public record LedgerView(String id, long version, String divisionCode, int year, DivisionCode.Level level,
                             String parentLedgerId, int received, int allocated, int remaining,
                             List<Receipt> receipts, List<AllocationView> allocations) {
        static LedgerView of(QuotaLedger l) {
            return new LedgerView(l.getId(), l.getVersion(), l.getDivisionCode(), l.getYear(), l.getLevel(),
                    l.getParentLedgerId(), l.getReceived(), l.getAllocated(), l.getReceived() - l.getAllocated(),
                    l.getReceipts(), l.getAllocations().stream().map(AllocationView::of).toList());
        }
    }

    public record AllocationResult(String ledgerId, long ledgerVersion, int received, int allocated,
                                   AllocationView allocation) {
    }
}
