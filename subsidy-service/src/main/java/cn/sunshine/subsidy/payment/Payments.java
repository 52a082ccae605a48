package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.time.ProgramCalendar;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Use cases around instructions: the bureau's signed callback, the reconciliations. */
@Service
public class Payments extends UseCase {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Payments.class);

    static final ZoneId CHINA = ProgramCalendar.ZONE;

    private final FinanceBureau bureau;
    private final PaymentRelay relay;

    public Payments(Changes changes, Clock clock, FinanceBureau bureau, PaymentRelay relay) {
        super(changes, clock);
        this.bureau = bureau;
        this.relay = relay;
    }

    /** What the bureau's signed callback says of one of our instructions. */
    public record SettlementNotice(String bureauReference, String status, long amountFen, String paidAt) {
    }

    /**
     * The bureau's signed callback (its signature was checked by {@link BureauCallback}). It cannot
     * settle anything on its own word: a PAID notice makes us ask the bureau's query API, and only its
     * answer — PAID, the same amount, a time of payment within [first send, now] — settles the
     * instruction. A PENDING (never sent, sent back after a failed send, or held) or REFUSED
     * instruction is not settled this way at all (409); an ACCEPTED notice changes nothing.
     *
     * @throws DomainException 404 unknown instruction; 409 {@code instruction-not-settleable},
     *                         {@code payment-not-confirmed}; 422 {@code bureau-mismatch},
     *                         {@code settlement-time-out-of-range}; 503 {@code finance-bureau-unavailable}
     */
    public PaymentInstruction callback(String instructionId, SettlementNotice n) {
        PaymentInstruction i = mongo.findById(instructionId, PaymentInstruction.class);
        if (i == null) {
            throw DomainException.notFound("instruction " + instructionId);
        }
        if (!i.settleable()) {
            throw DomainException.conflict("instruction-not-settleable", "The instruction cannot be settled",
                    "instruction " + instructionId + " is " + i.getStatus()
                            + (i.getHeldBecause() != null ? " (held: " + i.getHeldBecause() + ")" : "")
                            + (i.getStatus() == InstructionStatus.PENDING ? ": it was not sent to the bureau" : "")
                            + "; nothing was changed");
        }
        if (i.getStatus() == InstructionStatus.PAID || !"PAID".equals(n.status())) {
            return i; // already settled, or a notice that it was accepted: nothing to change
        }
        if (n.amountFen() != i.getAmountFen()) {
            throw new DomainException(422, "bureau-mismatch", "The bureau's notice does not match the instruction",
                    "instruction " + instructionId + " is of " + i.getAmountFen() + " fen, the notice says "
                            + n.amountFen() + "; nothing was changed",
                    List.of(DomainException.FieldError.coded("amountFen", "payment.instruction-amount",
                            "must be the instruction's amount")));
        }
        if (n.paidAt() != null) {
            relay.paidAt(i, n.paidAt()); // 422 when the notice's own time is already implausible
        }
        FinanceBureauClient.BureauPayment theirs;
        try {
            theirs = bureau.status(instructionId);
        } catch (FinanceBureau.UnknownInstruction e) {
            throw notConfirmed(instructionId, "the bureau's system does not know it");
        }
        if (theirs == null || !"PAID".equals(theirs.status())) {
            throw notConfirmed(instructionId, "the bureau's system holds it " + (theirs == null ? "unknown"
                    : theirs.status()));
        }
        if (theirs.paidAt() == null && n.paidAt() != null) {
            theirs = new FinanceBureauClient.BureauPayment(theirs.instructionId(), theirs.bureauReference(),
                    theirs.status(), theirs.amountFen(), theirs.payeeType(), theirs.payeeId(), n.paidAt());
        }
        relay.settle(i, theirs);
        return mongo.findById(instructionId, PaymentInstruction.class);
    }

    private static DomainException notConfirmed(String instructionId, String why) {
        return DomainException.conflict("payment-not-confirmed", "The bureau does not confirm the payment",
                "instruction " + instructionId + ": " + why + ", not PAID; nothing was changed (it settles when the "
                        + "bureau's own record shows it paid)");
    }

    /**
     * Compares the bureau's statement of a day (Asia/Shanghai) with the instructions of the caller's
     * jurisdiction and stores every mismatch.
     */
    public Reconciliation reconcile(LocalDate date) {
        CurrentUser user = Jurisdiction.currentUser();
        return reconcile(date, Jurisdiction.scope("divisionCode"), user::covers, user.subject());
    }

    /** How many days the unattended run fetches past its cursor at most (a first run after a long history). */
    static final int MAX_NEW_DAYS = 366;
    static final String CURSOR = "daily";

    /** The unattended run's state of one day: its last record and whether that was clean. */
    @Document("reconciliation_days")
    public record ReconciledDay(@Id String date, Instant lastRanAt, boolean clean, String lastRecordId, int runs) {
    }

    /** Where the unattended run stands: the last day whose statement it fetched, and when it last ran through. */
    @Document("reconciliation_cursor")
    public record ReconciliationCursor(@Id String id, String through, Instant lastRunAt) {
    }

    /** The unattended run, every county, at 01:30 Asia/Shanghai ({@link #reconcileDue()}). */
    @Scheduled(cron = "${sunshine.subsidy.reconciliation-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    void daily() {
        try {
            for (Reconciliation r : reconcileDue()) {
                if (!r.clean()) {
                    log.warn("reconciliation of {} found {} mismatches (record {})", r.date(), r.mismatches().size(),
                            r.id());
                }
            }
        } catch (RuntimeException e) {
            log.warn("daily reconciliation stopped: {}", e.toString());
        }
    }

    /**
     * Reconciles, for every county, each day (Asia/Shanghai) up to yesterday that needs it, and keeps
     * every run's record:
     * <ul>
     * <li>every day after the last one this run has covered (its cursor; on a first run from the first
     * day any instruction was sent or paid) on which we sent or paid an instruction or the bureau's
     * statement has entries — so a day missed while the service was down is caught up;</li>
     * <li>every day whose last record found mismatches, again on each run until it is clean;</li>
     * <li>every day on which an instruction was paid, by the bureau's time of payment, that was settled
     * after that day's last reconciliation (a late or back-dated payment).</li>
     * </ul>
     * A day reconciled clean, with nothing settled on it since, is not done again. When the bureau
     * cannot be reached the run stops; what it did is kept and the next run goes on from there.
     */
    List<Reconciliation> reconcileDue() {
        Instant runAt = clock.instant();
        LocalDate yesterday = LocalDate.ofInstant(runAt, CHINA).minusDays(1);
        ReconciliationCursor cursor = mongo.findById(CURSOR, ReconciliationCursor.class);
        LocalDate through = cursor == null ? null : LocalDate.parse(cursor.through());
        java.util.TreeSet<LocalDate> again = new java.util.TreeSet<>();
        for (ReconciledDay d : mongo.find(Query.query(Criteria.where("clean").is(false)), ReconciledDay.class)) {
            again.add(LocalDate.parse(d.date()));
        }
        if (cursor != null && cursor.lastRunAt() != null) {
            Query settled = Query.query(Criteria.where("settledAt").gte(cursor.lastRunAt())
                    .and("status").is(InstructionStatus.PAID));
            settled.fields().include("paidAt", "settledAt");
            for (PaymentInstruction i : mongo.find(settled, PaymentInstruction.class)) {
                LocalDate day = LocalDate.ofInstant(i.getPaidAt(), CHINA);
                ReconciledDay last = mongo.findById(day.toString(), ReconciledDay.class);
                if (last == null || last.lastRanAt().isBefore(i.getSettledAt())) {
                    again.add(day);
                }
            }
        }
        List<Reconciliation> done = new ArrayList<>();
        for (LocalDate day : again) {
            if (!day.isAfter(yesterday) && (through == null || !day.isAfter(through))) {
                done.add(reconcileDay(day, null));
            }
        }
        LocalDate from = through != null ? through.plusDays(1) : firstActiveDay(yesterday);
        int fetched = 0;
        for (LocalDate day = from; !day.isAfter(yesterday) && fetched < MAX_NEW_DAYS; day = day.plusDays(1)) {
            FinanceBureauClient.BureauStatement statement = bureau.statement(day.toString());
            fetched++;
            if ((statement.entries() != null && !statement.entries().isEmpty()) || hadActivity(day)) {
                done.add(reconcileDay(day, statement));
            }
            mongo.save(new ReconciliationCursor(CURSOR, day.toString(), cursor == null ? null : cursor.lastRunAt()));
        }
        ReconciliationCursor now = mongo.findById(CURSOR, ReconciliationCursor.class);
        mongo.save(new ReconciliationCursor(CURSOR, now != null ? now.through()
                : (through != null ? through : yesterday).toString(), runAt));
        if (from.plusDays(fetched).isBefore(yesterday.plusDays(1))) {
            log.info("daily reconciliation fetched {} days; it goes on from {} on the next run", fetched,
                    from.plusDays(fetched));
        }
        return done;
    }

    private Reconciliation reconcileDay(LocalDate day, FinanceBureauClient.BureauStatement statement) {
        Reconciliation r = reconcile(day, new Criteria(), d -> true, "system", statement);
        ReconciledDay before = mongo.findById(day.toString(), ReconciledDay.class);
        mongo.save(new ReconciledDay(day.toString(), r.ranAt(), r.clean(), r.id(), before == null ? 1 : before.runs() + 1));
        return r;
    }

    /** The first day (Asia/Shanghai) an instruction was sent or paid; yesterday when none was, or later. */
    private LocalDate firstActiveDay(LocalDate yesterday) {
        LocalDate first = yesterday;
        for (String field : List.of("sentAt", "paidAt")) {
            Query q = Query.query(Criteria.where(field).ne(null)).with(Sort.by(field)).limit(1);
            q.fields().include(field);
            PaymentInstruction i = mongo.findOne(q, PaymentInstruction.class);
            Instant at = i == null ? null : field.equals("sentAt") ? i.getSentAt() : i.getPaidAt();
            if (at != null && LocalDate.ofInstant(at, CHINA).isBefore(first)) {
                first = LocalDate.ofInstant(at, CHINA);
            }
        }
        return first;
    }

    private boolean hadActivity(LocalDate day) {
        Instant from = day.atStartOfDay(CHINA).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(CHINA).toInstant();
        return mongo.exists(Query.query(new Criteria().orOperator(Criteria.where("sentAt").gte(from).lt(to),
                Criteria.where("paidAt").gte(from).lt(to))), PaymentInstruction.class);
    }

    Reconciliation reconcile(LocalDate date, Criteria scope, java.util.function.Predicate<String> covers, String by) {
        return reconcile(date, scope, covers, by, null);
    }

    private Reconciliation reconcile(LocalDate date, Criteria scope, java.util.function.Predicate<String> covers,
                                     String by, FinanceBureauClient.BureauStatement fetched) {
        FinanceBureauClient.BureauStatement statement = fetched != null ? fetched : statementOf(date);
        Map<String, FinanceBureauClient.BureauPayment> theirs = new HashMap<>();
        List<FinanceBureauClient.BureauPayment> entries = statement.entries() == null ? List.of() : statement.entries();
        for (FinanceBureauClient.BureauPayment p : entries) {
            theirs.put(p.instructionId(), p);
        }
        var from = date.atStartOfDay(CHINA).toInstant();
        var to = date.plusDays(1).atStartOfDay(CHINA).toInstant();
        List<PaymentInstruction> oursPaid = mongo.find(Query.query(new Criteria().andOperator(
                scope, Criteria.where("status").is(InstructionStatus.PAID),
                Criteria.where("paidAt").gte(from).lt(to))).with(Sort.by("_id")), PaymentInstruction.class);
        List<Reconciliation.Mismatch> mismatches = new ArrayList<>();
        for (PaymentInstruction i : oursPaid) {
            FinanceBureauClient.BureauPayment p = theirs.remove(i.getId());
            if (p == null) {
                mismatches.add(new Reconciliation.Mismatch("NOT_PAID_BY_BUREAU", i.getId(), i.getAmountFen(), null,
                        "we hold it paid as " + i.getBureauReference() + "; the statement lacks it"));
            } else if (p.amountFen() != i.getAmountFen()) {
                mismatches.add(new Reconciliation.Mismatch("AMOUNT_DIFFERS", i.getId(), i.getAmountFen(),
                        p.amountFen(), null));
            }
        }
        for (FinanceBureauClient.BureauPayment p : theirs.values()) {
            PaymentInstruction i = mongo.findById(p.instructionId(), PaymentInstruction.class);
            if (i == null) {
                // Another county's or an unknown payment: ours to flag only when it claims to be ours.
                mismatches.add(new Reconciliation.Mismatch("UNKNOWN_TO_US", p.instructionId(), null, p.amountFen(),
                        "the bureau paid an instruction id we never issued"));
            } else if (covers.test(i.getDivisionCode())) {
                mismatches.add(new Reconciliation.Mismatch(i.getAmountFen() != p.amountFen() ? "AMOUNT_DIFFERS"
                        : "NOT_RECORDED_AS_PAID", i.getId(), i.getAmountFen(), p.amountFen(),
                        "we hold it " + i.getStatus()));
            }
        }
        Reconciliation r = new Reconciliation(Ids.newId(), date.toString(), clock.instant(), by,
                entries.size(), statement.totalFen(), oursPaid.size(),
                oursPaid.stream().mapToLong(PaymentInstruction::getAmountFen).sum(), mismatches);
        return mongo.insert(r);
    }

    /** The bureau's statement of a day; one it does not have (404) or will not give (4xx) is a clear problem. */
    private FinanceBureauClient.BureauStatement statementOf(LocalDate date) {
        try {
            return bureau.statement(date.toString());
        } catch (FinanceBureau.UnknownInstruction e) {
            throw new DomainException(422, "statement-not-available", "The bureau has no statement for that day",
                    "the finance bureau has no statement for " + date + " (yet); reconcile it once the day is closed",
                    List.of(DomainException.FieldError.coded("date", "payment.no-statement",
                            "no statement of the bureau for " + date, date)));
        } catch (FinanceBureau.Refused e) {
            throw DomainException.rule("statement-refused", "The bureau refused to give the statement", e.getMessage());
        }
    }

    /** The instructions of a claim the caller may see (404 when it has none). */
    public List<PaymentInstruction> ofClaim(String claimId) {
        PaymentInstruction any = mongo.findOne(Query.query(Criteria.where("claimId").is(claimId)), PaymentInstruction.class);
        if (any == null) {
            throw DomainException.notFound("payment instructions of claim " + claimId);
        }
        Jurisdiction.requireOfficerOrOwnBase(any.getDivisionCode(), any.getBaseId(), "claim " + claimId);
        return mongo.find(Query.query(Criteria.where("claimId").is(claimId)).with(Sort.by("_id")),
                PaymentInstruction.class);
    }
}
