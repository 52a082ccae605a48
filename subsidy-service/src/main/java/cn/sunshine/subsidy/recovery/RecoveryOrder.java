package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.subsidy.RecoveryOrdered;
import cn.sunshine.subsidy.claim.ClaimPart;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * An order against a base to pay back what was paid for some trainees (a false claim found by a
 * spot check, a duplicate found later). While it is OPEN the base's next payments are held. It is
 * settled with the reference of the repayment; nothing in it is overwritten.
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

    @Indexed
    private String baseId;
    private String divisionCode;
    private List<Item> items;
    private long amountFen;
    private String reason;
    private String findingId;
    private RecoveryStatus status;
    private Instant orderedAt;
    private String orderedBy;
    private Instant settledAt;
    private String settledBy;
    private String settlementReference;

    protected RecoveryOrder() {
    }

    static RecoveryOrder order(String id, String baseId, String divisionCode, List<Item> items, String reason,
                               String findingId, String by, Instant at) {
        if (items.isEmpty()) {
            throw DomainException.rule("nothing-to-recover", "Nothing was paid for these trainees",
                    "no paid subsidy was found for the trainees named; there is nothing to recover");
        }
        RecoveryOrder r = new RecoveryOrder();
        r.id = id;
        r.baseId = baseId;
        r.divisionCode = divisionCode;
        r.items = List.copyOf(items);
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

    void settle(String reference, String by, Instant at) {
        if (status != RecoveryStatus.OPEN) {
            throw DomainException.invalidTransition("recovery order", status, "settled");
        }
        status = RecoveryStatus.SETTLED;
        settlementReference = reference;
        settledBy = by;
        settledAt = at;
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
