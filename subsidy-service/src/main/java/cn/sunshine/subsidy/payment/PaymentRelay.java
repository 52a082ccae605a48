package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.config.SubsidyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends PENDING instructions to the finance bureau and follows ACCEPTED ones until paid. An
 * instruction is taken by one conditional write (its version), so two relays never send it at once;
 * a relay that died mid-send leaves a lease that runs out and the instruction is sent again with the
 * same idempotency key (the bureau pays it once). While the bureau is down nothing is lost: the
 * instructions wait in MongoDB and the next run after it returns sends them.
 */
@Component
public class PaymentRelay extends UseCase {

    private static final Logger log = LoggerFactory.getLogger(PaymentRelay.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    /** What one run did. */
    public record RunResult(int paid, int accepted, int failed, int held, int refused, boolean bureauUnavailable) {
    }

    private final FinanceBureau bureau;
    private final List<PaymentHold> holds;
    private final ApplicationEventPublisher publisher;
    private final SubsidyProperties properties;
    private final Runnable beforeRun;
    private final Duration clockSkew;

    /**
     * @param clockSkew how far the bureau's clock may be from ours when its time of payment is checked
     *                  ({@code sunshine.subsidy.bureau-clock-skew}, 2 minutes)
     */
    public PaymentRelay(Changes changes, Clock clock, FinanceBureau bureau, List<PaymentHold> holds,
                        ApplicationEventPublisher publisher, SubsidyProperties properties,
                        List<MissingInstructions> missing,
                        @Value("${sunshine.subsidy.bureau-clock-skew:2m}") Duration clockSkew) {
        super(changes, clock);
        this.clockSkew = clockSkew;
        this.bureau = bureau;
        this.holds = holds;
        this.publisher = publisher;
        this.properties = properties;
        this.beforeRun = () -> missing.forEach(MissingInstructions::orderMissing);
    }

    /** Whoever can re-create instructions that a stopped process did not store. */
    public interface MissingInstructions {
        void orderMissing();
    }

    @Scheduled(fixedDelayString = "${sunshine.subsidy.relay-interval:30s}", initialDelayString = "${sunshine.subsidy.relay-interval:30s}")
    void scheduled() {
        try {
            run();
        } catch (RuntimeException e) {
            log.warn("payment relay run failed: {}", e.toString());
        }
    }

    /** One pass: send what is pending, poll what is accepted. */
    public synchronized RunResult run() {
        beforeRun.run();
        int paid = 0;
        int accepted = 0;
        int failed = 0;
        int held = 0;
        int refused = 0;
        Instant now = clock.instant();
        List<PaymentInstruction> due = mongo.find(Query.query(new Criteria().orOperator(
                        Criteria.where("status").is(InstructionStatus.PENDING),
                        Criteria.where("status").is(InstructionStatus.SENDING).and("leaseUntil").lt(now)))
                .with(Sort.by("createdAt", "_id")).limit(properties.relayBatch()), PaymentInstruction.class);
        for (PaymentInstruction i : due) {
            Optional<String> hold = "TRAINEE".equals(i.getPayeeType()) ? Optional.empty()
                    : holdOf(i.getBaseId(), i.getClaimId());
            if (hold.isPresent()) {
                held++;
                if (!hold.get().equals(i.getHeldBecause())) {
                    i.hold(hold.get());
                    tryUpdate(i);
                }
                continue;
            }
            i.startSending(now, now.plus(LEASE));
            if (!tryUpdate(i)) {
                continue; // another relay took it
            }
            try {
                FinanceBureauClient.BureauPayment p = bureau.submit(new FinanceBureauClient.BureauInstruction(i.getId(),
                        i.getPayeeType(), i.getPayeeId(), i.getPayeeName(), i.getAmountFen(), purpose(i)));
                try {
                    if (settle(i, p)) {
                        paid++;
                    } else {
                        accepted++;
                    }
                } catch (DomainException unfit) {
                    unconfirmed(i, p, unfit);
                    failed++;
                }
            } catch (FinanceBureau.Refused e) {
                i.refused(clock.instant(), e.getMessage());
                tryUpdate(i);
                refused++;
                log.warn("finance bureau refused instruction {}: {}", i.getId(), e.getMessage());
            } catch (FinanceBureau.Unavailable | FinanceBureau.UnknownInstruction e) {
                i.failed(clock.instant(), e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
                tryUpdate(i);
                failed++;
                if (e instanceof FinanceBureau.Unavailable) {
                    return new RunResult(paid, accepted, failed, held, refused, true);
                }
            }
        }
        for (PaymentInstruction i : mongo.find(Query.query(Criteria.where("status").is(InstructionStatus.ACCEPTED))
                .limit(properties.relayBatch()), PaymentInstruction.class)) {
            try {
                if (settle(i, bureau.status(i.getId()))) {
                    paid++;
                }
            } catch (FinanceBureau.Unavailable e) {
                return new RunResult(paid, accepted, failed, held, refused, true);
            } catch (DomainException unfit) {
                log.warn("finance bureau's answer for instruction {} not settled: {}", i.getId(), unfit.getMessage());
            } catch (RuntimeException e) {
                log.warn("status of instruction {} unknown: {}", i.getId(), e.toString());
            }
        }
        return new RunResult(paid, accepted, failed, held, refused, false);
    }

    /**
     * Applies the bureau's own word on an instruction (the answer to a send, a poll of its status, or
     * the status the callback made us ask for). Only a sent instruction (SENDING, ACCEPTED) is settled;
     * one that is PENDING or REFUSED by now is left as it is.
     *
     * @return true when it is now paid
     * @throws DomainException 422 {@code bureau-mismatch} when the answer is for another id or amount,
     *                         422 {@code settlement-time-out-of-range} when its time of payment is not
     *                         within [first send, now]
     */
    public boolean settle(PaymentInstruction i, FinanceBureauClient.BureauPayment p) {
        if (p == null || !i.getId().equals(p.instructionId()) || p.amountFen() != i.getAmountFen()) {
            throw new DomainException(422, "bureau-mismatch", "The bureau's answer does not match the instruction",
                    "instruction " + i.getId() + " of " + i.getAmountFen() + " fen: the bureau answered "
                            + (p == null ? "nothing" : p.instructionId() + " of " + p.amountFen() + " fen"),
                    List.of(DomainException.FieldError.coded("amountFen", "payment.instruction-amount",
                            "must be the instruction's amount")));
        }
        boolean paid = "PAID".equals(p.status());
        Instant when = paid ? paidAt(i, p.paidAt()) : null;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (i.getStatus() == InstructionStatus.PAID) {
                return true;
            }
            if (!i.settleable() || (!paid && i.getStatus() == InstructionStatus.ACCEPTED)) {
                return false;
            }
            if (paid) {
                i.paid(p.bureauReference(), when, clock.instant());
            } else {
                i.accepted(clock.instant(), p.bureauReference());
            }
            if (tryUpdate(i)) {
                if (paid) {
                    publisher.publishEvent(new InstructionPaid(i.getClaimId(), i.getId()));
                }
                return paid;
            }
            i = Objects.requireNonNull(mongo.findById(i.getId(), PaymentInstruction.class));
        }
        return i.getStatus() == InstructionStatus.PAID;
    }

    /**
     * The bureau's time of payment (an ISO-8601 instant, with or without an offset; now when it gives
     * none), which must lie between the instruction's first send and now, give or take the allowed
     * difference of the two clocks: a time before the send is impossible, a time after now is not yet,
     * and either would put the payment on a day its reconciliation has already passed.
     */
    Instant paidAt(PaymentInstruction i, String text) {
        Instant now = clock.instant();
        if (text == null || text.isBlank()) {
            return now;
        }
        Instant when = parseInstant(text);
        Instant earliest = i.earliestPayment() == null ? null : i.earliestPayment().minus(clockSkew);
        if (when == null || (earliest != null && when.isBefore(earliest)) || when.isAfter(now.plus(clockSkew))) {
            String range = "between the instruction's first send (" + i.earliestPayment() + ") and now (" + now + ")";
            throw new DomainException(422, "settlement-time-out-of-range", "The time of payment is not plausible",
                    "instruction " + i.getId() + ": the time of payment '" + text + "' is not " + range,
                    List.of(DomainException.FieldError.coded("paidAt", "payment.paid-at-range",
                            "must lie " + range, i.earliestPayment(), now)));
        }
        return when;
    }

    private static Instant parseInstant(String text) {
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text.trim(),
                        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX")).toInstant();
            } catch (java.time.format.DateTimeParseException again) {
                return null;
            }
        }
    }

    /** A send answered PAID in a way we cannot take (see {@link #settle}): kept ACCEPTED and polled. */
    private void unconfirmed(PaymentInstruction sent, FinanceBureauClient.BureauPayment p, DomainException why) {
        log.warn("finance bureau's answer for instruction {} not settled: {}", sent.getId(), why.getMessage());
        PaymentInstruction i = sent;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (i.getStatus() != InstructionStatus.SENDING) {
                return;
            }
            i.unconfirmed(clock.instant(), p.bureauReference(), why.getMessage());
            if (tryUpdate(i)) {
                return;
            }
            i = Objects.requireNonNull(mongo.findById(i.getId(), PaymentInstruction.class));
        }
    }

    private Optional<String> holdOf(String baseId, String claimId) {
        for (PaymentHold h : holds) {
            Optional<String> why = h.holdOf(baseId, claimId);
            if (why.isPresent()) {
                return why;
            }
        }
        return Optional.empty();
    }

    private boolean tryUpdate(PaymentInstruction i) {
        try {
            store.update(i);
            return true;
        } catch (DomainException stale) {
            return false;
        }
    }

    private static String purpose(PaymentInstruction i) {
        return "阳光工程培训补助 " + i.getYear() + " claim " + i.getClaimId();
    }
}
