package cn.sunshine.subsidy.recovery;

import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimPart;
import cn.sunshine.subsidy.payment.InstructionPaid;
import cn.sunshine.subsidy.payment.PaymentInstruction;
import cn.sunshine.subsidy.voucher.Trainee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.EnumSet;
import java.util.List;

/**
 * A placement disproved by a spot check (not employed as reported) while the trainee's placement claim was
 * already ordered: the line could not be stopped and is paid later. When its instruction is paid, the
 * finding's recovery order is made for it ({@code finding-{findingId}}, so once per finding whichever of the
 * finding and the payment is seen last). The finding marks the trainee before it reads what was paid, and the
 * payment is written before this runs, so one of the two sees the other.
 */
@Component
class PaidAfterFinding {

    private static final Logger log = LoggerFactory.getLogger(PaidAfterFinding.class);

    private final MongoTemplate mongo;
    private final Recoveries recoveries;

    PaidAfterFinding(MongoTemplate mongo, Recoveries recoveries) {
        this.mongo = mongo;
        this.recoveries = recoveries;
    }

    /** Runs inside the payment's caller (relay, poll, callback): it never throws into it. */
    @EventListener
    void onInstructionPaid(InstructionPaid paid) {
        try {
            Claim c = mongo.findById(paid.claimId(), Claim.class);
            if (c == null || c.getPart() != ClaimPart.PLACEMENT) {
                return;
            }
            PaymentInstruction i = mongo.findById(paid.instructionId(), PaymentInstruction.class);
            List<String> covered = i == null || i.getEnrollmentIds() == null
                    ? c.payableLines().stream().map(Claim.Line::enrollmentId).toList() : i.getEnrollmentIds();
            for (Trainee t : mongo.find(Query.query(Criteria.where("_id").in(covered).and("disprovedByFinding").ne(null)),
                    Trainee.class)) {
                recoveries.orderForFinding(t.getDisprovedByFinding(), c.getBaseId(), c.getDivisionCode(), t.getId(),
                        EnumSet.of(ClaimPart.PLACEMENT), Recoveries.DISPROVES_PLACEMENT + " (finding "
                                + t.getDisprovedByFinding() + "): placement part paid after the finding")
                        .ifPresent(r -> log.info("placement part of {} paid after finding {}: recovery {}", t.getId(),
                                t.getDisprovedByFinding(), r.getId()));
            }
        } catch (RuntimeException e) {
            log.warn("recovery of disproved placements paid by {} not ordered now (the sweep will): {}",
                    paid.instructionId(), e.toString());
        }
    }

    /**
     * The safety net for a payment whose notice was lost (the process stopped after writing it, or the order's
     * write failed): every trainee whose placement was disproved gets the finding's order once something of the
     * placement part is paid for them. An existing order is found by its id; nothing is ordered twice.
     */
    @Scheduled(fixedDelayString = "${sunshine.subsidy.recovery-credit-sweep:5m}",
            initialDelayString = "${sunshine.subsidy.recovery-credit-sweep:5m}")
    void sweep() {
        for (Trainee t : mongo.find(Query.query(Criteria.where("disprovedByFinding").ne(null)), Trainee.class)) {
            try {
                recoveries.orderForFinding(t.getDisprovedByFinding(), t.getBaseId(), t.getDivisionCode(), t.getId(),
                        EnumSet.of(ClaimPart.PLACEMENT), Recoveries.DISPROVES_PLACEMENT + " (finding "
                                + t.getDisprovedByFinding() + "): placement part paid after the finding");
            } catch (RuntimeException e) {
                log.warn("recovery for disproved placement of {} not ordered: {}", t.getId(), e.toString());
            }
        }
    }
}
