package cn.sunshine.subsidy.fund;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What the fund endpoints take and answer. */
public final class FundDtos {

    private FundDtos() {
    }

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
}
