package cn.sunshine.subsidy.claim;

import cn.sunshine.subsidy.confirmation.TraineeConfirmations;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** What the claim and split-policy endpoints take and answer. */
public final class ClaimDtos {

    private ClaimDtos() {
    }

    /** {@code part}: COMPLETION (default) or PLACEMENT (the rest of a split subsidy, for placed trainees). */
    /**
     * {@code attachmentIds}: the documents uploaded for the class ({@code POST /api/subsidy/classes/{classId}/claim-attachments})
     * that go with the claim; together they must hold every kind the part requires (422 {@code attachments-missing}).
     */
    public record SubmitRequest(@NotBlank String classId, @NotEmpty @Size(max = 500) List<@NotBlank String> voucherSerials,
                                @Pattern(regexp = "COMPLETION|PLACEMENT") String part,
                                @Size(max = 100) List<@NotBlank String> attachmentIds) {
        public SubmitRequest {
            attachmentIds = attachmentIds == null ? List.of() : attachmentIds;
        }

        ClaimPart claimPart() {
            return part == null ? ClaimPart.COMPLETION : ClaimPart.valueOf(part);
        }
    }

    /** A decision: APPROVE, or REJECT with the reasons (which go back to the base). */
    public record DecisionRequest(@NotNull @Pattern(regexp = "APPROVE|REJECT") String decision,
                                  @Size(max = 2000) String reason) {
        boolean approves() {
            return "APPROVE".equals(decision);
        }
    }

    /** RELEASE (pay the held claim after all) or CANCEL (never pay it; the fund gets the money back), with why. */
    public record HoldDecisionRequest(@NotNull @Pattern(regexp = "RELEASE|CANCEL") String action,
                                      @NotBlank @Size(max = 2000) String reason) {
    }

    /**
     * {@code payableFen}: the total less stopped lines (placements disproved before payment); {@code holdDecision}:
     * what the county decided about a claim its base's revocation holds.
     */
    public record ClaimView(String claimId, String baseId, String baseName, String divisionCode, String classId,
                            int year, String paymentMode, String part, String status, String waitingFor, long totalFen,
                            long payableFen, boolean extraApprovalRequired, String extraApprovalReason,
                            List<Claim.Line> lines, List<Claim.StoppedLine> stoppedLines, String submittedAt,
                            String submittedBy, List<Claim.Decision> decisions, Claim.HoldDecision holdDecision,
                            String paidAt, List<TraineeConfirmations.LineConfirmation> confirmations,
                            Integer flaggedLines, long version) {
        /**
         * With the trainees' confirmations of its lines ({@code confirmations}, in the lines' order) and how many
         * lines are flagged for the 核准 officer ({@code flaggedLines}: denied or unconfirmed); both null when
         * not looked up. {@code version} is the claim's ETag (quoted): a list's item can be decided with If-Match
         * without reading the claim again.
         */
        static ClaimView of(Claim c, List<TraineeConfirmations.LineConfirmation> confirmations) {
            return new ClaimView(c.getId(), c.getBaseId(), c.getBaseName(), c.getDivisionCode(), c.getClassId(),
                    c.getYear(), c.getPaymentMode(), c.getPart().name(), c.getStatus().name(),
                    c.currentStage() == null ? null : c.currentStage().name(), c.getTotalFen(), c.payableFen(),
                    c.isExtraApprovalRequired(), c.getExtraApprovalReason(), c.getLines(), c.getStoppedLines(),
                    c.getSubmittedAt().toString(), c.getSubmittedBy(), c.getDecisions(), c.getHoldDecision(),
                    c.getPaidAt() == null ? null : c.getPaidAt().toString(), confirmations,
                    confirmations == null ? null
                            : (int) confirmations.stream().filter(TraineeConfirmations.LineConfirmation::flagged).count(),
                    c.getVersion() == null ? 0 : c.getVersion());
        }
    }

    public record SetPolicyRequest(@NotBlank @Pattern(regexp = "\\d{6}") String divisionCode,
                             @NotNull @Min(2000) @Max(2100) Integer year,
                             @NotNull @Min(0) @Max(10_000) Integer completionShareBp,
                             @NotBlank @Size(max = 1000) String reason) {
    }

    public record PolicyView(String divisionCode, int year, int completionShareBp, String setAt, String setBy,
                             String reason) {
        static PolicyView of(SplitPolicy p) {
            return new PolicyView(p.getDivisionCode(), p.getYear(), p.getCompletionShareBp(), p.getSetAt().toString(),
                    p.getSetBy(), p.getReason());
        }
    }
}
