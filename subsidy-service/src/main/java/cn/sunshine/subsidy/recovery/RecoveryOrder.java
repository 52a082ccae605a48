package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.subsidy.RecoveryOrdered;
import cn.sunshine.platform.events.subsidy.RecoverySettled;
import cn.sunshine.platform.outbox.GuardedWrite;
import cn.sunshine.subsidy.claim.ClaimPart;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * An order against a base to pay back what was paid for some trainees (a false claim found by a spot check, a
 * duplicate found later). Until it is SETTLED the base's next payments are held.
 *
 * <p>Settling is maker–checker: one finance officer records the repayment (the bureau's receipt reference and
 * the amount received, which must be the order's amount) → SETTLEMENT_RECORDED; another finance officer
 * confirms it by re-keying reference and amount from the bureau's statement → SETTLED (the fund of each
 * programme year of the recovered claims is credited its share), or rejects it with the reason → OPEN again,
 * the rejected record kept. Every transition is one {@link GuardedWrite} on the order's document, conditional
 * on the state it was decided on; nothing in the order is overwritten.
 */
@Document("recovery_orders")
public class RecoveryOrder extends AggregateRoot {

    /**
     * One paid claim line recovered: the trainee, the claim and voucher, which part of the voucher's amount
     * the claim paid ({@code COMPLETION} or {@code PLACEMENT}; null in orders made before the part was
     * recorded: the claim's own part says it) and the amount.
     */
    public record Item(String enrollmentId, String claimId, String voucherSerial, ClaimPart part, long amountFen) {
    }

    /** A paid line named for this order but left out: another live order recovers it already. */
    public record Skipped(Item item, String recoveredBy) {
    }

    /**
     * A repayment as recorded by one finance officer (the bureau's receipt reference and the amount received),
     * and what the second one decided about it: confirmed (who, when) or rejected (who, when, why).
     */
    public record Settlement(String settlementId, String reference, long amountFen, String recordedBy,
                             Instant recordedAt, String confirmedBy, Instant confirmedAt, String rejectedBy,
                             Instant rejectedAt, String rejectionReason) {
    }

    /**
     * What a settlement brings back into which fund: the county's fund of the programme year of the recovered
     * claims, once per {@code creditKey} (the order's id and the year).
     */
    public record FundCredit(String divisionCode, int year, String creditKey, long amountFen) {
    }

    @Indexed
    private String baseId;
    private String divisionCode;
    private List<Item> items;
    private List<Skipped> skipped = new ArrayList<>();
    private long amountFen;
    private String reason;
    private String findingId;
    @Indexed
    private RecoveryStatus status;
    private Instant orderedAt;
    private String orderedBy;
    /** The recorded settlement waiting for its confirmation, then the confirmed one. */
    private Settlement settlement;
    private List<Settlement> rejectedSettlements = new ArrayList<>();
    private List<FundCredit> fundCredits = new ArrayList<>();
    /** When every fund credit was made (after the confirmation; a sweep finishes an interrupted one). */
    private Instant fundsCreditedAt;
    private Instant settledAt;
    private String settledBy;
    private String settlementReference;

    protected RecoveryOrder() {
    }

    static RecoveryOrder order(String id, String baseId, String divisionCode, List<Item> items, List<Skipped> skipped,
                               String reason, String findingId, String by, Instant at) {
        if (items.isEmpty()) {
            throw DomainException.rule("nothing-to-recover", "Nothing was paid for these trainees",
                    "no paid subsidy was found for the trainees named; there is nothing to recover");
        }
        RecoveryOrder r = new RecoveryOrder();
        r.id = id;
        r.baseId = baseId;
        r.divisionCode = divisionCode;
        r.items = List.copyOf(items);
        r.skipped = List.copyOf(skipped);
        r.amountFen = items.stream().mapToLong(Item::amountFen).sum();
        r.reason = reason;
        r.findingId = findingId;
        r.status = RecoveryStatus.OPEN;
        r.orderedAt = at;
        r.orderedBy = by;
        r.recordEvent(EventTypes.RECOVERY_ORDERED, new RecoveryOrdered(id, baseId, divisionCode,
                items.stream().map(Item::enrollmentId).distinct().toList(), r.amountFen, reason, findingId, by, at), divisionCode, at);
        return r;
    }

    /**
     * A finance officer records the repayment: the bureau's receipt reference and the amount received. Partial
     * repayments are refused: the amount received is the order's amount (the base repays in one transfer; a
     * short one is returned or topped up before it is recorded).
     */
    GuardedWrite recordSettlement(String settlementId, String reference, long amountReceivedFen, String by, Instant at) {
        if (status != RecoveryStatus.OPEN) {
            throw DomainException.invalidTransition("recovery order", status, "given a recorded settlement");
        }
        if (amountReceivedFen != amountFen) {
            throw new DomainException(422, "recovery-amount-differs", "The amount received is not the amount owed",
                    "recovery order " + id + " recovers " + amountFen + " fen; " + amountReceivedFen + " fen received "
                            + "does not settle it (partial repayments are not recorded: the base repays the whole amount)",
                    List.of(DomainException.FieldError.coded("amountFen", "recovery.amount", "must be " + amountFen, amountFen)));
        }
        Settlement s = new Settlement(settlementId, reference, amountReceivedFen, by, at, null, null, null, null, null);
        return new GuardedWrite(Criteria.where("status").is(RecoveryStatus.OPEN.name()),
                new Update().set("status", RecoveryStatus.SETTLEMENT_RECORDED.name()).set("settlement", s),
                "record settlement " + reference + " of recovery " + id);
    }

    /**
     * A second finance officer confirms the recorded settlement, re-keying reference and amount from the
     * bureau's statement: the order is SETTLED and says which funds it credits.
     */
    GuardedWrite confirmSettlement(String reference, long amountReceivedFen, List<FundCredit> credits, String by,
                                   Instant at) {
        Settlement s = recorded();
        if (s.recordedBy().equals(by)) {
            throw DomainException.rule("separation-of-duties", "One person records, another confirms",
                    "you recorded the settlement of recovery order " + id + "; another person of the finance bureau "
                            + "confirms it");
        }
        if (!s.reference().equals(reference) || s.amountFen() != amountReceivedFen) {
            throw new DomainException(422, "recovery-confirmation-mismatch", "The confirmation does not match the settlement",
                    "the bureau's statement as you read it (" + reference + ", " + amountReceivedFen + " fen) differs "
                            + "from the recorded settlement of recovery order " + id + "; nothing was confirmed: check "
                            + "the statement with the person who recorded it",
                    List.of(DomainException.FieldError.coded(s.reference().equals(reference) ? "amountFen" : "reference", "recovery.settlement-differs",
                            "does not match the recorded settlement")));
        }
        if (credits.stream().mapToLong(FundCredit::amountFen).sum() != amountFen) {
            throw new IllegalStateException("fund credits of recovery " + id + " do not add up to " + amountFen);
        }
        Settlement confirmed = new Settlement(s.settlementId(), s.reference(), s.amountFen(), s.recordedBy(),
                s.recordedAt(), by, at, null, null, null);
        recordEvent(EventTypes.RECOVERY_SETTLED, new RecoverySettled(id, baseId, divisionCode, amountFen, s.reference(),
                s.recordedBy(), s.recordedAt(), by, at, credits.stream()
                .map(c -> new RecoverySettled.FundCredit(c.year(), c.amountFen())).toList()), divisionCode, at);
        return new GuardedWrite(recordedGuard(s), new Update().set("status", RecoveryStatus.SETTLED.name())
                .set("settlement", confirmed).set("fundCredits", credits).set("settledAt", at).set("settledBy", by)
                .set("settlementReference", s.reference()), "confirm settlement " + s.reference() + " of recovery " + id);
    }

    /** A second finance officer rejects the recorded settlement (not on the statement): back to OPEN, the record kept. */
    GuardedWrite rejectSettlement(String reason, String by, Instant at) {
        Settlement s = recorded();
        if (s.recordedBy().equals(by)) {
            throw DomainException.rule("separation-of-duties", "One person records, another decides",
                    "you recorded the settlement of recovery order " + id + "; another person of the finance bureau "
                            + "decides on it");
        }
        Settlement rejected = new Settlement(s.settlementId(), s.reference(), s.amountFen(), s.recordedBy(),
                s.recordedAt(), null, null, by, at, reason);
        return new GuardedWrite(recordedGuard(s), new Update().set("status", RecoveryStatus.OPEN.name())
                .unset("settlement").push("rejectedSettlements", rejected),
                "reject settlement " + s.reference() + " of recovery " + id);
    }

    /** Every fund credit of the settlement is made. */
    GuardedWrite fundsCredited(Instant at) {
        if (status != RecoveryStatus.SETTLED) {
            throw DomainException.invalidTransition("recovery order", status, "marked credited");
        }
        return new GuardedWrite(new Criteria().andOperator(Criteria.where("status").is(RecoveryStatus.SETTLED.name()),
                Criteria.where("fundsCreditedAt").is(null)), new Update().set("fundsCreditedAt", at),
                "funds credited for recovery " + id);
    }

    private Settlement recorded() {
        if (status != RecoveryStatus.SETTLEMENT_RECORDED || settlement == null) {
            throw DomainException.conflict("no-recorded-settlement", "No settlement waits for a decision",
                    "recovery order " + id + " is " + status + "; only a recorded settlement is confirmed or rejected");
        }
        return settlement;
    }

    private static Criteria recordedGuard(Settlement s) {
        return new Criteria().andOperator(Criteria.where("status").is(RecoveryStatus.SETTLEMENT_RECORDED.name()),
                Criteria.where("settlement.settlementId").is(s.settlementId()));
    }

    /** The part of an item: its own, or (orders made before items carried it) the given claim's part. */
    static ClaimPart partOf(Item i, ClaimPart claimsPart) {
        return i.part() != null ? i.part() : claimsPart;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public List<Item> getItems() {
        return items;
    }

    public List<Skipped> getSkipped() {
        return skipped == null ? List.of() : skipped;
    }

    public long getAmountFen() {
        return amountFen;
    }

    public String getReason() {
        return reason;
    }

    public String getFindingId() {
        return findingId;
    }

    public RecoveryStatus getStatus() {
        return status;
    }

    public Instant getOrderedAt() {
        return orderedAt;
    }

    public String getOrderedBy() {
        return orderedBy;
    }

    public Settlement getSettlement() {
        return settlement;
    }

    public List<Settlement> getRejectedSettlements() {
        return rejectedSettlements == null ? List.of() : rejectedSettlements;
    }

    public List<FundCredit> getFundCredits() {
        return fundCredits == null ? List.of() : fundCredits;
    }

    public Instant getFundsCreditedAt() {
        return fundsCreditedAt;
    }

    public Instant getSettledAt() {
        return settledAt;
    }

    public String getSettledBy() {
        return settledBy;
    }

    public String getSettlementReference() {
        return settlementReference;
    }
}
