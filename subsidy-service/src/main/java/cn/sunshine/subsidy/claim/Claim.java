package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
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
            throw DomainException.invalidField("voucherSerials", "a claim needs at least one voucher");
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
     * Records a decision at a stage. The stage must be the one the claim waits at; the person must
     * not have decided at another stage of this claim; a rejection needs reasons.
     */
    void decide(Stage stage, boolean approve, String by, String byName, Instant at, String reason) {
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
            throw DomainException.invalidField("reason", "a rejection gives its reasons");
        }
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
    }

    /** True once the fund holds the claim's money: after the (last) approval. */
    boolean committed() {
        return decisions.stream().anyMatch(d -> d.approved() && (d.stage() == Stage.EXTRA_APPROVAL
                || (d.stage() == Stage.APPROVAL && !extraApprovalRequired)));
    }

    /** The re-check ordered payment: the event others need (enrollment ids, who decided at each stage, the part). */
    void noteOrdered(String by, Instant at) {
        if (status != ClaimStatus.ORDERED) {
            throw DomainException.invalidTransition("claim", status, "ordered for payment");
        }
        recordEvent(EventTypes.CLAIM_APPROVED, new ClaimApproved(id, baseId, divisionCode, classId, year, paymentMode,
                lines.stream().map(Line::enrollmentId).toList(), totalFen, deciderAt(Stage.VERIFICATION),
                deciderAt(Stage.APPROVAL), by, at, getPart().name()), divisionCode, at);
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
