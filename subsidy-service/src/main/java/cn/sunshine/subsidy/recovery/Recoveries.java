package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimPart;
import cn.sunshine.subsidy.claim.ClaimStatus;
import cn.sunshine.subsidy.claim.Claims;
import cn.sunshine.subsidy.voucher.Trainee;
import org.springframework.data.mongodb.core.query.Update;
import cn.sunshine.subsidy.payment.PaymentHold;
import cn.sunshine.subsidy.payment.PaymentInstructions;
import cn.sunshine.subsidy.support.Access;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Recovery orders: from a spot-check finding or an officer's decision; they hold the base's payments. */
@Service
public class Recoveries implements PaymentHold {

    private static final Logger log = LoggerFactory.getLogger(Recoveries.class);

    /**
     * Findings that mean subsidy was claimed falsely (虚报冒领), and the parts of the voucher's amount each
     * recovers. Not trained, fee charged anyway, subsidy never reached the trainee: everything paid for the
     * trainee. Not employed as reported (a false placement): the training did happen, so only what the
     * placement part paid.
     */
    static final Map<String, Set<ClaimPart>> RECOVERABLE = Map.of(
            "NOT_TRAINED", EnumSet.allOf(ClaimPart.class),
            "FEE_CHARGED", EnumSet.allOf(ClaimPart.class),
            "SUBSIDY_NOT_RECEIVED", EnumSet.allOf(ClaimPart.class),
            "NOT_EMPLOYED_AS_REPORTED", EnumSet.of(ClaimPart.PLACEMENT));

    static final String DISPROVES_PLACEMENT = "NOT_EMPLOYED_AS_REPORTED";

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final PaymentInstructions instructions;
    private final Claims claims;
    private final Clock clock;

    public Recoveries(AggregateStore store, MongoTemplate mongo, PaymentInstructions instructions, Claims claims,
                      Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.instructions = instructions;
        this.claims = claims;
        this.clock = clock;
    }

    @Override
    public Optional<String> holdOf(String baseId, String claimId) {
        RecoveryOrder open = mongo.findOne(Query.query(Criteria.where("baseId").is(baseId)
                .and("status").is(RecoveryStatus.OPEN)).with(Sort.by("orderedAt")), RecoveryOrder.class);
        return open == null ? Optional.empty()
                : Optional.of("recovery order " + open.getId() + " of " + open.getAmountFen() + " fen is not settled");
    }

    /** An officer orders recovery for trainees of a base (e.g. a duplicate found later). */
    public RecoveryOrder order(String baseId, List<String> enrollmentIds, String reason) {
        List<RecoveryOrder.Item> items = paidItems(baseId, enrollmentIds, EnumSet.allOf(ClaimPart.class));
        String division = divisionOf(baseId, items);
        CurrentUser user = Access.over(division, "base " + baseId);
        return store.insert(RecoveryOrder.order(Ids.newId(), baseId, division, items, reason, null, user.subject(),
                clock.instant()));
    }

    /**
     * A spot-check finding of a false claim: a recovery order of what was paid for that trainee in the parts
     * the finding's kind recovers ({@link #RECOVERABLE}), once per finding (the order's id derives from the
     * finding's). A finding about a trainee with nothing paid in those parts orders nothing.
     */
    void onFinding(SpotCheckFinding f, EventMetadata meta) {
        Set<ClaimPart> parts = RECOVERABLE.get(f.kind());
        if (parts == null) {
            return;
        }
        if (DISPROVES_PLACEMENT.equals(f.kind())) {
            // The placement is disproved: no placement part is paid for the trainee from now on.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(f.enrollmentId()).and("disprovedByFinding").is(null)),
                    new Update().set("disprovedByFinding", f.findingId()), Trainee.class);
            claims.stopDisprovedPlacement(f.enrollmentId(), f.findingId(), f.kind()
                    + (f.note() == null ? "" : ": " + f.note()));
        }
        List<RecoveryOrder.Item> items = paidItems(f.baseId(), List.of(f.enrollmentId()), parts);
        if (items.isEmpty()) {
            log.info("finding {} ({}) against base {}: nothing paid for the trainee yet in {}, nothing to recover",
                    f.findingId(), f.kind(), f.baseId(), parts);
            return;
        }
        String reason = f.kind() + (f.note() == null ? "" : ": " + f.note());
        try {
            store.insert(RecoveryOrder.order("finding-" + f.findingId(), f.baseId(), f.divisionCode(), items, reason, f.findingId(),
                    "system", clock.instant()));
        } catch (DuplicateKeyException e) {
            // this finding's order exists: the event came again
        }
    }

    public RecoveryOrder settle(String id, String reference) {
        RecoveryOrder r = get(id);
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.covers(r.getDivisionCode())) {
            throw DomainException.notFound("recovery order " + id);
        }
        r.settle(reference, user.subject(), clock.instant());
        return store.update(r);
    }

    public RecoveryOrder get(String id) {
        RecoveryOrder r = mongo.findById(id, RecoveryOrder.class);
        if (r == null) {
            throw DomainException.notFound("recovery order " + id);
        }
        Jurisdiction.requireOfficerOrOwnBase(r.getDivisionCode(), r.getBaseId(), "recovery order " + id);
        return r;
    }

    public List<RecoveryOrder> ofBase(String baseId) {
        List<RecoveryOrder> all = mongo.find(Query.query(Criteria.where("baseId").is(baseId)).with(Sort.by("orderedAt")),
                RecoveryOrder.class);
        if (!all.isEmpty()) {
            Jurisdiction.requireOfficerOrOwnBase(all.get(0).getDivisionCode(), baseId, "base " + baseId);
        }
        return all;
    }

    /**
     * What was paid for each of these trainees at the base in claims of these parts: the claim line, when its
     * instruction is paid, with the claim's part.
     */
    private List<RecoveryOrder.Item> paidItems(String baseId, List<String> enrollmentIds, Set<ClaimPart> parts) {
        List<RecoveryOrder.Item> items = new ArrayList<>();
        for (String enrollmentId : enrollmentIds) {
            for (Claim c : mongo.find(Query.query(Criteria.where("baseId").is(baseId).and("lines.enrollmentId")
                    .is(enrollmentId).and("status").in(ClaimStatus.ORDERED, ClaimStatus.PAID))
                    .with(Sort.by("submittedAt", "_id")), Claim.class)) {
                if (!parts.contains(c.getPart()) || !instructions.isPaid(c.getId(), enrollmentId)) {
                    continue;
                }
                c.getLines().stream().filter(l -> l.enrollmentId().equals(enrollmentId)).findFirst().ifPresent(l ->
                        items.add(new RecoveryOrder.Item(enrollmentId, c.getId(), l.voucherSerial(), c.getPart(),
                                l.amountFen())));
            }
        }
        return items;
    }

    private String divisionOf(String baseId, List<RecoveryOrder.Item> items) {
        if (items.isEmpty()) {
            throw DomainException.rule("nothing-to-recover", "Nothing was paid for these trainees",
                    "no paid subsidy was found at base " + baseId + " for the trainees named");
        }
        Claim c = mongo.findById(items.get(0).claimId(), Claim.class);
        return c.getDivisionCode();
    }
}
