package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.Allowed;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.Roles;
import cn.sunshine.subsidy.fund.FundDtos.ConfirmDepositRequest;
import cn.sunshine.subsidy.fund.FundDtos.DepositRequest;
import cn.sunshine.subsidy.fund.FundDtos.FundView;
import cn.sunshine.subsidy.fund.FundDtos.RejectDepositRequest;
import cn.sunshine.subsidy.support.DivisionCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A county's fund per programme year: deposits recorded by one person and confirmed by another, and the balance. */
@RestController
@Tag(name = "Funds", description = "A county's subsidy fund per year and its balance")
public class FundController {

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
        DivisionCodes.requireValid(r.divisionCode());
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
    @Allowed(groups = Roles.OFFICIALS)
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
