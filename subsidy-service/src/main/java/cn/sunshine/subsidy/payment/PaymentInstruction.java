package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.subsidy.PaymentSettled;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One payment the finance bureau is to make. Its id is the bureau's idempotency key: however often
 * it is sent, the bureau pays it once. Every attempt is kept (when, outcome).
 */
@Document("payment_instructions")
@CompoundIndex(name = "status_created", def = "{'status': 1, 'createdAt': 1}")
public class PaymentInstruction extends AggregateRoot {

    /** One try to send it. */
    public record Attempt(Instant at, String outcome) {
    }

    @Indexed
    private String claimId;
    @Indexed
    private String baseId;
    private String divisionCode;
    private int year;
    private String payeeType;
    private String payeeId;
    private String payeeName;
    private List<String> enrollmentIds;
    private long amountFen;
    private InstructionStatus status;
    private Instant createdAt;
    private Instant leaseUntil;
    private String heldBecause;
    private List<Attempt> attempts = new ArrayList<>();
    private String bureauReference;
    @Indexed(sparse = true)
    private Instant paidAt;
    /** When it was first handed to the bureau (our clock); null while never sent. */
    @Indexed(sparse = true)
    private Instant sentAt;
    /** When we recorded it PAID (our clock): the reconciliation redoes a day settled after its last run. */
    @Indexed(sparse = true)
    private Instant settledAt;

    protected PaymentInstruction() {
    }

    static PaymentInstruction create(String id, String claimId, String baseId, String divisionCode, int year,
                                     String payeeType, String payeeId, String payeeName, List<String> enrollmentIds,
                                     long amountFen, Instant at) {
        PaymentInstruction i = new PaymentInstruction();
        i.id = id;
        i.claimId = claimId;
        i.baseId = baseId;
        i.divisionCode = divisionCode;
        i.year = year;
        i.payeeType = payeeType;
        i.payeeId = payeeId;
        i.payeeName = payeeName;
        i.enrollmentIds = List.copyOf(enrollmentIds);
        i.amountFen = amountFen;
        i.status = InstructionStatus.PENDING;
        i.createdAt = at;
        return i;
    }

    boolean sendable(Instant now) {
        return status == InstructionStatus.PENDING
                || (status == InstructionStatus.SENDING && leaseUntil != null && leaseUntil.isBefore(now));
    }

    void hold(String why) {
        heldBecause = why;
    }

    void startSending(Instant now, Instant until) {
        if (!sendable(now)) {
            throw DomainException.invalidTransition("payment instruction", status, "sent");
        }
        status = InstructionStatus.SENDING;
        leaseUntil = until;
        heldBecause = null;
        if (sentAt == null) {
            sentAt = now;
        }
    }

    /**
     * Whether the bureau's word may settle it: only once it was sent (SENDING, ACCEPTED) or already
     * is PAID. A PENDING instruction (never sent, sent back after a failed send, or held) and a
     * REFUSED one cannot be settled by anyone's say-so.
     */
    boolean settleable() {
        return status == InstructionStatus.SENDING || status == InstructionStatus.ACCEPTED
                || status == InstructionStatus.PAID;
    }

    /**
     * The earliest time the bureau can have paid it: its first send. Instructions sent before
     * {@code sentAt} was recorded fall back to their creation.
     */
    Instant earliestPayment() {
        return sentAt != null ? sentAt : createdAt;
    }

    /**
     * Withdraws an instruction that was never sent: PENDING with no attempt at all (a failed send may have
     * reached the bureau, so it cannot be withdrawn from here). The guard of the write: still PENDING, never
     * sent.
     */
    public cn.sunshine.platform.outbox.GuardedWrite cancel(String why, String by, Instant at) {
        if (status != InstructionStatus.PENDING || sentAt != null || !attempts.isEmpty()) {
            throw DomainException.conflict("instruction-sent", "The payment was sent",
                    "instruction " + id + " is " + status + (attempts.isEmpty() ? "" : " after " + attempts.size()
                            + " attempt(s)") + ": it may have reached the bureau and cannot be withdrawn");
        }
        return new cn.sunshine.platform.outbox.GuardedWrite(new org.springframework.data.mongodb.core.query.Criteria()
                .andOperator(org.springframework.data.mongodb.core.query.Criteria.where("status").is(InstructionStatus.PENDING),
                        org.springframework.data.mongodb.core.query.Criteria.where("sentAt").is(null),
                        org.springframework.data.mongodb.core.query.Criteria.where("attempts").size(0)),
                new org.springframework.data.mongodb.core.query.Update().set("status", InstructionStatus.CANCELLED)
                        .set("heldBecause", null).push("attempts", new Attempt(at, "cancelled by " + by + ": " + why)),
                "cancel instruction " + id);
    }

    void failed(Instant at, String why) {
        status = InstructionStatus.PENDING;
        leaseUntil = null;
        attempts.add(new Attempt(at, "failed: " + why));
    }

    void accepted(Instant at, String reference) {
        status = InstructionStatus.ACCEPTED;
        leaseUntil = null;
        bureauReference = reference;
        attempts.add(new Attempt(at, "accepted as " + reference));
    }

    /**
     * The bureau answered a send with a payment we cannot take as it is (its time of payment or its
     * amount does not fit): not settled, followed up by the relay's polls like an accepted one.
     */
    void unconfirmed(Instant at, String reference, String why) {
        status = InstructionStatus.ACCEPTED;
        leaseUntil = null;
        bureauReference = reference;
        attempts.add(new Attempt(at, "answered paid, not settled: " + why));
    }

    void refused(Instant at, String why) {
        status = InstructionStatus.REFUSED;
        leaseUntil = null;
        attempts.add(new Attempt(at, "refused: " + why));
    }

    /** The bureau paid it: settled once, whatever told us (the send's answer, a poll, a callback). */
    boolean paid(String reference, Instant when, Instant recordedAt) {
        if (status == InstructionStatus.PAID) {
            return false;
        }
        if (!settleable()) {
            throw DomainException.invalidTransition("payment instruction", status, "settled");
        }
        status = InstructionStatus.PAID;
        leaseUntil = null;
        bureauReference = reference;
        paidAt = when;
        settledAt = recordedAt;
        attempts.add(new Attempt(recordedAt, "paid as " + reference));
        recordEvent(EventTypes.PAYMENT_SETTLED, new PaymentSettled(id, claimId, baseId, divisionCode, payeeType,
                payeeId, enrollmentIds, amountFen, reference, when), divisionCode, recordedAt);
        return true;
    }

    public String getClaimId() {
        return claimId;
    }

    public String getBaseId() {
        return baseId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public String getPayeeType() {
        return payeeType;
    }

    public String getPayeeId() {
        return payeeId;
    }

    public String getPayeeName() {
        return payeeName;
    }

    public List<String> getEnrollmentIds() {
        return enrollmentIds;
    }

    public long getAmountFen() {
        return amountFen;
    }

    public InstructionStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getHeldBecause() {
        return heldBecause;
    }

    public List<Attempt> getAttempts() {
        return attempts;
    }

    public String getBureauReference() {
        return bureauReference;
    }

    public Instant getPaidAt() {
        return paidAt;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getSettledAt() {
        return settledAt;
    }
}
