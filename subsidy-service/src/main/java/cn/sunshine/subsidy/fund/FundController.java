package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** A county's fund per programme year: deposits recorded by one person and confirmed by another, and the balance. */
@RestController
@Tag(name = "Funds", description = "A county's subsidy fund per year and its balance")
public class FundController {

    public record DepositRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                                 @NotNull @Min(2000) @Max(2100) Integer year,
                                 @NotBlank @Pattern(regexp = "CENTRAL|PROVINCIAL|CITY|COUNTY") String source,
                                 @Positive long amountFen, @NotBlank @Size(max = 100) String reference) {
    }

    /** The checker's reading of the bureau's statement: it must match what was recorded. */
    public record ConfirmDepositRequest(@NotBlank @Size(max = 100) String reference, @Positive long amountFen) {
    }

    public record RejectDepositRequest(@NotBlank @Size(max = 2000) String reason) {
    }

    /**
     * The fund: {@code availableFen + committedFen = depositedFen + recoveredFen}; pending deposits do not
     * count until confirmed.
     */
    public record FundView(String divisionCode, int year, long depositedFen, long committedFen, long availableFen,
                           long recoveredFen, List<Fund.Deposit> deposits, List<Fund.Deposit> pendingDeposits,
                           List<Fund.Deposit> rejectedDeposits, List<Fund.Commitment> commitments,
                           List<Fund.RecoveryCredit> recoveries) {
        static FundView of(Fund f) {
            return new FundView(f.getDivisionCode(), f.getYear(), f.getDepositedFen(), f.getCommittedFen(),
                    f.getAvailableFen(), f.getRecoveredFen(), f.getDeposits(), f.getPendingDeposits(),
                    f.getRejectedDeposits(), f.getCommitments(), f.getRecoveries());
        }
    }

    private final Funds funds;

    public FundController(Funds funds) {
        this.funds = funds;
    }

    @PostMapping("/api/subsidy/funds/deposits")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "Record money put into a county's fund for a year by a source (the fund opens with the first); "
            + "it counts once another finance officer confirms it. The same reference again: the same answer if it is "
            + "the same deposit, 409 otherwise")
    public ResponseEntity<FundView> deposit(@Valid @RequestBody DepositRequest r) {
        if (!DivisionCode.isValid(r.divisionCode())) {
            throw DomainException.invalidField("divisionCode", "not a division code");
        }
        return ResponseEntity.ok(FundView.of(funds.recordDeposit(r.divisionCode(), r.year(), r.source(), r.amountFen(),
                r.reference().trim())));
    }

    @PostMapping("/api/subsidy/funds/{divisionCode}/{year}/deposits/{depositId}/confirmation")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "A second finance officer confirms a recorded deposit, re-keying its reference and amount "
            + "from the bureau's statement (422 when they differ); only then it counts")
    public FundView confirm(@PathVariable String divisionCode, @PathVariable String year, @PathVariable String depositId,
                            @Valid @RequestBody ConfirmDepositRequest r) {
        return FundView.of(funds.confirmDeposit(divisionCode, yearOf(year), depositId, r.reference().trim(), r.amountFen()));
    }

    @PostMapping("/api/subsidy/funds/{divisionCode}/{year}/deposits/{depositId}/rejection")
    @Allowed({Role.FINANCE_OFFICER})
    @Operation(summary = "A second finance officer rejects a recorded deposit (not on the statement): it never counts")
    public FundView reject(@PathVariable String divisionCode, @PathVariable String year, @PathVariable String depositId,
                           @Valid @RequestBody RejectDepositRequest r) {
        return FundView.of(funds.rejectDeposit(divisionCode, yearOf(year), depositId, r.reason().trim()));
    }

    @GetMapping("/api/subsidy/funds/{divisionCode}/{year}")
    @Allowed({Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR})
    @Operation(summary = "A county's fund for a year: deposits (confirmed, pending, rejected), commitments, recoveries, balance")
    public FundView get(@PathVariable String divisionCode, @PathVariable String year) {
        return FundView.of(funds.get(divisionCode, year));
    }

    private static int yearOf(String year) {
        if (!year.matches("(20|21)\\d{2}")) {
            throw DomainException.notFound("fund of year " + year);
        }
        return Integer.parseInt(year);
    }
}
