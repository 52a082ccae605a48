package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Creating the instructions a re-checked claim orders, and reading them. */
@Service
public class PaymentInstructions extends UseCase {

    public PaymentInstructions(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /**
     * Stores the claim's instructions as PENDING. Their ids derive from the claim (and the trainee for
     * a direct payment), so ordering the same claim again creates nothing new.
     */
    public List<PaymentInstruction> orderFor(PaymentOrder order) {
        List<PaymentInstruction> out = new ArrayList<>();
        if ("REFUND_AFTER".equals(order.paymentMode())) {
            for (PaymentOrder.Payee p : order.trainees()) {
                out.add(insertOnce(PaymentInstruction.create(order.claimId() + "-" + p.enrollmentId(), order.claimId(),
                        order.baseId(), order.divisionCode(), order.year(), "TRAINEE", p.enrollmentId(), p.name(),
                        List.of(p.enrollmentId()), p.amountFen(), clock.instant())));
            }
        } else {
            out.add(insertOnce(PaymentInstruction.create(order.claimId() + "-base", order.claimId(), order.baseId(),
                    order.divisionCode(), order.year(), "BASE", order.baseId(),
                    order.baseName() == null ? order.baseId() : order.baseName(),
                    order.trainees().stream().map(PaymentOrder.Payee::enrollmentId).toList(), order.totalFen(),
                    clock.instant())));
        }
        return out;
    }

    private PaymentInstruction insertOnce(PaymentInstruction i) {
        try {
            return store.insert(i);
        } catch (DuplicateKeyException e) {
            return mongo.findById(i.getId(), PaymentInstruction.class);
        }
    }

    /**
     * Withdraws every instruction of a claim, none of which was ever sent (409 instruction-sent otherwise,
     * nothing withdrawn).
     */
    public void cancelAll(String claimId, String why, String by) {
        List<PaymentInstruction> all = ofClaim(claimId);
        List<cn.sunshine.platform.outbox.GuardedWrite> writes = new ArrayList<>();
        for (PaymentInstruction i : all) {
            if (i.getStatus() != InstructionStatus.CANCELLED) {
                writes.add(i.cancel(why, by, clock.instant()));
            }
        }
        int n = 0;
        for (PaymentInstruction i : all) {
            if (i.getStatus() == InstructionStatus.CANCELLED) {
                continue;
            }
            if (!store.apply(i, writes.get(n++))) {
                throw cn.sunshine.platform.domain.DomainException.conflict("instruction-sent", "The payment was sent",
                        "instruction " + i.getId() + " was taken for sending meanwhile; it cannot be withdrawn");
            }
        }
    }

    public boolean allPaid(String claimId) {
        Query q = Query.query(Criteria.where("claimId").is(claimId));
        return mongo.exists(q, PaymentInstruction.class) && !mongo.exists(Query.query(Criteria.where("claimId").is(claimId)
                .and("status").ne(InstructionStatus.PAID)), PaymentInstruction.class);
    }

    public List<PaymentInstruction> ofClaim(String claimId) {
        return mongo.find(Query.query(Criteria.where("claimId").is(claimId)).with(Sort.by("_id")),
                PaymentInstruction.class);
    }

    /** True when a paid instruction of the claim covers the enrollment (directly, or inside a payment to the base). */
    public boolean isPaid(String claimId, String enrollmentId) {
        return mongo.exists(Query.query(Criteria.where("claimId").is(claimId).and("enrollmentIds").is(enrollmentId)
                .and("status").is(InstructionStatus.PAID)), PaymentInstruction.class);
    }
}
