package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.subsidy.ClaimApproved;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A base's claim for a class with its redeemed vouchers of completed trainees. It goes through the
 * chain 核准 → 审批 (→ extra approval above the threshold) → 复核; no stage skipped or repeated, no
 * person at two stages, every decision kept with who, when and why. A claim is never edited: a
 * rejected claim stays as it is and the base submits a new one.
 */
@Document("claims")
public class Claim extends AggregateRoot {

    /** One voucher claimed: the trainee (name and masked ID number only) and the amount. */
    public record Line(String voucherSerial, String enrollmentId, String traineeName, String maskedIdNumber,
                       String tier, long amountFen) {
    }

    /** A decision at a stage. */
    public record Decision(Stage stage, boolean approved, String by, String byName, Instant at, String reason) {
    }

    /**
     * A line stopped before it was paid: the trainee's placement was disproved by a spot-check finding. The
     * claim is not edited: the line stays, marked, and is neither committed nor paid.
     */
    public record StoppedLine(String enrollmentId, String voucherSerial, long amountFen, String findingId, String why,
                              Instant at) {
    }

    /**
     * What the county decided about a claim held because its base was revoked: RELEASE (pay it after all) or
     * CANCEL (never pay it; the fund gets the money back). Proposed by one person, confirmed by another.
     */
    public record HoldDecision(String action, String reason, String proposedBy, Instant proposedAt, String confirmedBy,
                               Instant confirmedAt) {
    }

    @Indexed
    private String baseId;
    private String baseName;
    @Indexed
    private String divisionCode;
    @Indexed
    private String classId;
    private int year;
    private String paymentMode;
    private ClaimPart part;
    private List<Line> lines = new ArrayList<>();
    private long totalFen;
    private boolean extraApprovalRequired;
    /** Why the extra approval is needed (this claim's total, or the base's total of the year). */
    private String extraApprovalReason;
    private List<StoppedLine> stoppedLines = new ArrayList<>();
    private HoldDecision holdDecision;
    private ClaimStatus status;
    private Instant submittedAt;
    private String submittedBy;
    private List<Decision> decisions = new ArrayList<>();
    private Instant paidAt;

    protected Claim() {
    }

    static Claim submit(String id, String baseId, String baseName, String divisionCode, String classId, int year,
                        String paymentMode, ClaimPart part, List<Line> lines, long extraApprovalAboveFen, String by, Instant at) {
        if (lines.isEmpty()) {
            throw DomainException.invalidField("voucherSerials", Phrase.coded("claim.vouchers-required",
                    "a claim needs at least one voucher"));
        }
        Claim c = new Claim();
        c.id = id;
        c.baseId = baseId;
        c.baseName = baseName;
        c.divisionCode = divisionCode;
        c.classId = classId;
        c.year = year;
        c.paymentMode = paymentMode;
        c.part = part;
        c.lines = List.copyOf(lines);
        c.totalFen = lines.stream().mapToLong(Line::amountFen).sum();
        c.extraApprovalRequired = c.totalFen > extraApprovalAboveFen;
        if (c.extraApprovalRequired) {
            c.extraApprovalReason = "the claim's total " + c.totalFen + " fen is above " + extraApprovalAboveFen;
        }
        c.status = ClaimStatus.SUBMITTED;
        c.submittedAt = at;
        c.submittedBy = by;
        return c;
    }

    /** The stage the claim waits at, or null when it waits at none. */
    public Stage currentStage() {
        return switch (status) {
            case SUBMITTED -> Stage.VERIFICATION;
            case VERIFIED -> Stage.APPROVAL;
            case AWAITING_EXTRA_APPROVAL -> Stage.EXTRA_APPROVAL;
            case APPROVED -> Stage.RECHECK;
            default -> null;
        };
    }

    /**
     * Checks that this decision may be made now: the stage is the one the claim waits at, the person has
     * not decided at another stage of this claim (nor submitted it), a rejection gives reasons.
     */
    void checkDecision(Stage stage, boolean approve, String by, String reason) {
        Stage waiting = currentStage();
        if (waiting != stage) {
            throw new DomainException(409, "claim-stage-out-of-order", "Not this claim's stage",
                    "claim " + id + " is " + status + (waiting == null ? " and waits for no decision"
                            : " and waits for " + waiting) + "; " + stage + " cannot be done now");
        }
        if (by.equals(submittedBy) || decisions.stream().anyMatch(d -> d.by().equals(by))) {
            throw DomainException.rule("separation-of-duties", "One person, one stage",
                    "you already acted on claim " + id + "; another person must decide " + stage);
        }
        if (!approve && (reason == null || reason.isBlank())) {
            throw DomainException.invalidField("reason", Phrase.coded("claim.rejection-reason",
                    "a rejection gives its reasons"));
        }
    }

    /** True when approving at this stage takes the claim's money from the fund (the last approval). */
    boolean approvalCommitsAt(Stage stage) {
        return stage == Stage.EXTRA_APPROVAL || (stage == Stage.APPROVAL && !extraApprovalRequired);
    }

    /**
     * The base's claims of the year would pass the threshold with this one: it needs an extra approval
     * before the fund commits it (the threshold applies to the base's cumulative claims of the programme
     * year, so splitting a claim into smaller ones does not avoid it).
     */
    void requireExtraApproval(String why) {
        if (status != ClaimStatus.VERIFIED) {
            throw DomainException.invalidTransition("claim", status, "sent to extra approval");
        }
        extraApprovalRequired = true;
        extraApprovalReason = why;
    }

    /**
     * Records a decision at a stage ({@link #checkDecision} first). The re-check's approval orders the
     * payment and records {@code subsidy.claim.approved.v1} itself.
     */
    void decide(Stage stage, boolean approve, String by, String byName, Instant at, String reason) {
        checkDecision(stage, approve, by, reason);
        decisions.add(new Decision(stage, approve, by, byName, at, reason == null ? null : reason.trim()));
        if (!approve) {
            status = ClaimStatus.REJECTED;
            return;
        }
        status = switch (stage) {
            case VERIFICATION -> ClaimStatus.VERIFIED;
            case APPROVAL -> extraApprovalRequired ? ClaimStatus.AWAITING_EXTRA_APPROVAL : ClaimStatus.APPROVED;
            case EXTRA_APPROVAL -> ClaimStatus.APPROVED;
            case RECHECK -> ClaimStatus.ORDERED;
        };
        if (status == ClaimStatus.ORDERED) {
            List<Line> paying = payableLines();
            recordEvent(EventTypes.CLAIM_APPROVED, new ClaimApproved(id, baseId, divisionCode, classId, year, paymentMode,
                    paying.stream().map(Line::enrollmentId).toList(), payableFen(), deciderAt(Stage.VERIFICATION),
                    deciderAt(Stage.APPROVAL), by, at, getPart().name()), divisionCode, at);
        }
    }

    /** True while the fund holds the claim's money: approved and not rejected or cancelled. */
    boolean committed() {
        return status == ClaimStatus.APPROVED || status == ClaimStatus.ORDERED || status == ClaimStatus.PAID;
    }

    /**
     * Stops the line of a trainee whose placement was disproved, before it is paid (a placement claim not yet
     * ordered). When every line is stopped the claim is cancelled.
     *
     * @return the stopped line
     * @throws DomainException 409 when the claim has no live line of the trainee to stop ({@link #stopsLineOf})
     */
    StoppedLine stopLine(String enrollmentId, String findingId, String why, Instant at) {
        Line line = liveLineOf(enrollmentId);
        if (line == null) {
            throw DomainException.invalidTransition("claim", status, "a line of " + enrollmentId + " stopped");
        }
        StoppedLine stopped = new StoppedLine(enrollmentId, line.voucherSerial(), line.amountFen(), findingId, why, at);
        stoppedLines.add(stopped);
        if (payableLines().isEmpty()) {
            status = ClaimStatus.CANCELLED;
        }
        return stopped;
    }

    /** True when {@link #stopLine} can stop a line of the trainee: a live line of a placement claim not yet ordered. */
    boolean stopsLineOf(String enrollmentId) {
        return liveLineOf(enrollmentId) != null;
    }

    private Line liveLineOf(String enrollmentId) {
        if (getPart() != ClaimPart.PLACEMENT || !(status == ClaimStatus.SUBMITTED || status == ClaimStatus.VERIFIED
                || status == ClaimStatus.AWAITING_EXTRA_APPROVAL || status == ClaimStatus.APPROVED)) {
            return null;
        }
        return payableLines().stream().filter(l -> l.enrollmentId().equals(enrollmentId)).findFirst().orElse(null);
    }

    /** The lines that are to be paid: every line not stopped. */
    public List<Line> payableLines() {
        return lines.stream().filter(l -> stoppedLines.stream().noneMatch(s -> s.enrollmentId().equals(l.enrollmentId())))
                .toList();
    }

    /** What the claim pays: the total less its stopped lines. */
    public long payableFen() {
        return payableLines().stream().mapToLong(Line::amountFen).sum();
    }

    /**
     * The county proposes what to do with a claim held because its base was revoked (approved before the
     * revocation): RELEASE or CANCEL. Another person confirms ({@link #confirmHoldDecision}).
     */
    void proposeHoldDecision(String action, String reason, String by, Instant at) {
        if (!(committed() && status != ClaimStatus.PAID)) {
            throw DomainException.conflict("claim-not-held", "Nothing to release",
                    "claim " + id + " is " + status + ": only an approved claim not yet paid can be held");
        }
        if (holdDecision != null && holdDecision.confirmedBy() != null) {
            throw DomainException.conflict("hold-decided", "The hold was decided",
                    "claim " + id + ": " + holdDecision.action() + " was confirmed by " + holdDecision.confirmedBy());
        }
        holdDecision = new HoldDecision(action, reason, by, at, null, null);
    }

    /**
     * A second person confirms the proposed hold decision; CANCEL ends the claim (an ordered claim only once
     * its payment instructions, never sent, were withdrawn: the use case does that first).
     */
    HoldDecision confirmHoldDecision(String by, Instant at) {
        if (holdDecision == null || holdDecision.confirmedBy() != null) {
            throw DomainException.conflict("no-hold-proposal", "Nothing to confirm",
                    "claim " + id + " has no proposed hold decision waiting for confirmation");
        }
        if (holdDecision.proposedBy().equals(by)) {
            throw DomainException.rule("separation-of-duties", "One person proposes, another confirms",
                    "you proposed to " + holdDecision.action() + " claim " + id + "; another person confirms it");
        }
        holdDecision = new HoldDecision(holdDecision.action(), holdDecision.reason(), holdDecision.proposedBy(),
                holdDecision.proposedAt(), by, at);
        if ("CANCEL".equals(holdDecision.action())) {
            status = ClaimStatus.CANCELLED;
        }
        return holdDecision;
    }

    /** True when the county released this claim from its base's hold (confirmed by a second person). */
    public boolean isHoldReleased() {
        return holdDecision != null && holdDecision.confirmedBy() != null && "RELEASE".equals(holdDecision.action());
    }

    private String deciderAt(Stage stage) {
        return decisions.stream().filter(d -> d.stage() == stage && d.approved()).map(Decision::by).findFirst()
                .orElse(null);
    }

    void markPaid(Instant at) {
        if (status != ClaimStatus.ORDERED) {
            throw DomainException.invalidTransition("claim", status, "paid");
        }
        status = ClaimStatus.PAID;
        paidAt = at;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getBaseName() {
        return baseName;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getClassId() {
        return classId;
    }

    public int getYear() {
        return year;
    }

    public String getPaymentMode() {
        return paymentMode;
    }

    /** COMPLETION or PLACEMENT (claims stored before the split existed read as COMPLETION). */
    public ClaimPart getPart() {
        return part == null ? ClaimPart.COMPLETION : part;
    }

    public List<Line> getLines() {
        return lines;
    }

    public long getTotalFen() {
        return totalFen;
    }

    public boolean isExtraApprovalRequired() {
        return extraApprovalRequired;
    }

    public String getExtraApprovalReason() {
        return extraApprovalReason;
    }

    public List<StoppedLine> getStoppedLines() {
        return stoppedLines == null ? List.of() : stoppedLines;
    }

    public HoldDecision getHoldDecision() {
        return holdDecision;
    }

    public ClaimStatus getStatus() {
        return status;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public List<Decision> getDecisions() {
        return decisions;
    }

    public Instant getPaidAt() {
        return paidAt;
    }
}
