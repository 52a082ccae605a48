package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Use cases around instructions: the bureau's callback, the daily reconciliation. */
@Service
public class Payments {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Payments.class);

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MongoTemplate mongo;
    private final FinanceBureau bureau;
    private final PaymentRelay relay;
    private final Clock clock;

    public Payments(MongoTemplate mongo, FinanceBureau bureau, PaymentRelay relay, Clock clock) {
        this.mongo = mongo;
        this.bureau = bureau;
        this.relay = relay;
        this.clock = clock;
    }

    /** The bureau tells us an instruction's state (its callback, authenticated as SERVICE). */
    public PaymentInstruction callback(String instructionId, FinanceBureauClient.BureauPayment p) {
        PaymentInstruction i = mongo.findById(instructionId, PaymentInstruction.class);
        if (i == null) {
            throw DomainException.notFound("instruction " + instructionId);
        }
        relay.settle(i, new FinanceBureauClient.BureauPayment(instructionId, p.bureauReference(), p.status(),
                p.amountFen(), p.payeeType(), p.payeeId(), p.paidAt()));
        return mongo.findById(instructionId, PaymentInstruction.class);
    }

    /**
     * Compares the bureau's statement of a day (Asia/Shanghai) with the instructions of the caller's
     * jurisdiction and stores every mismatch.
     */
    public Reconciliation reconcile(LocalDate date) {
        CurrentUser user = Jurisdiction.currentUser();
        return reconcile(date, Jurisdiction.scope("divisionCode"), user::covers, user.subject());
    }

    /** The daily run, for every county, of yesterday (Asia/Shanghai), at 01:30. */
    @Scheduled(cron = "${sunshine.subsidy.reconciliation-cron:0 30 1 * * *}", zone = "Asia/Shanghai")
    void daily() {
        try {
            Reconciliation r = reconcile(LocalDate.now(clock.withZone(CHINA)).minusDays(1), new Criteria(), d -> true,
                    "system");
            if (!r.clean()) {
                log.warn("reconciliation of {} found {} mismatches (record {})", r.date(), r.mismatches().size(), r.id());
            }
        } catch (RuntimeException e) {
            log.warn("daily reconciliation failed: {}", e.toString());
        }
    }

    Reconciliation reconcile(LocalDate date, Criteria scope, java.util.function.Predicate<String> covers, String by) {
        FinanceBureauClient.BureauStatement statement = bureau.statement(date.toString());
        Map<String, FinanceBureauClient.BureauPayment> theirs = new HashMap<>();
        for (FinanceBureauClient.BureauPayment p : statement.entries()) {
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
                statement.entries().size(), statement.totalFen(), oursPaid.size(),
                oursPaid.stream().mapToLong(PaymentInstruction::getAmountFen).sum(), mismatches);
        return mongo.insert(r);
    }

    public List<PaymentInstruction> ofClaim(String claimId, String divisionCode, String baseId) {
        Jurisdiction.requireOfficerOrOwnBase(divisionCode, baseId, "claim " + claimId);
        return mongo.find(Query.query(Criteria.where("claimId").is(claimId)).with(Sort.by("_id")),
                PaymentInstruction.class);
    }
}
