package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.events.accreditation.InspectionFindingRecorded;
import cn.sunshine.platform.events.placement.SpotCheckFinding;
import cn.sunshine.platform.outbox.GuardedWrite;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimPart;
import cn.sunshine.subsidy.claim.ClaimStatus;
import cn.sunshine.subsidy.claim.Claims;
import cn.sunshine.subsidy.fund.Funds;
import cn.sunshine.subsidy.payment.PaymentHold;
import cn.sunshine.subsidy.payment.PaymentInstructions;
import cn.sunshine.subsidy.voucher.Trainee;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Recovery orders: from a spot-check finding or an officer's decision; they hold the base's payments until
 * settled. A paid claim line is recovered by at most one order ({@link RecoveredLines}); a settlement is recorded
 * by one finance officer and confirmed by another, and the confirmed settlement credits the funds.
 */
@Service
public class Recoveries extends UseCase implements PaymentHold {

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

    private final PaymentInstructions instructions;
    private final Claims claims;
    private final Funds funds;
    private final RecoveredLines lines;

    public Recoveries(Changes changes, Clock clock, PaymentInstructions instructions, Claims claims, Funds funds,
                      RecoveredLines lines) {
        super(changes, clock);
        this.instructions = instructions;
        this.claims = claims;
        this.funds = funds;
        this.lines = lines;
    }

    /** An order not SETTLED (OPEN, or its settlement recorded but not confirmed) holds the base's payments. */
    @Override
    public Optional<String> holdOf(String baseId, String claimId) {
        RecoveryOrder open = mongo.findOne(Query.query(Criteria.where("baseId").is(baseId)
                .and("status").in(RecoveryStatus.OPEN, RecoveryStatus.SETTLEMENT_RECORDED)).with(Sort.by("orderedAt")),
                RecoveryOrder.class);
        return open == null ? Optional.empty()
                : Optional.of("recovery order " + open.getId() + " of " + open.getAmountFen() + " fen is not settled");
    }

    // ---- ordering -------------------------------------------------------------------------------------------

    /**
     * An officer orders recovery for trainees of a base (e.g. a duplicate found later): every paid line of them
     * that no other order recovers. Lines another order recovers are left out and named in {@code skipped};
     * when every paid line named is recovered already, nothing is ordered (409 {@code already-recovered}).
     */
    public RecoveryOrder order(String baseId, List<String> enrollmentIds, String reason) {
        List<RecoveryOrder.Item> items = paidItems(baseId, enrollmentIds, EnumSet.allOf(ClaimPart.class));
        String division = divisionOf(baseId, items);
        CurrentUser user = Jurisdiction.over(division, "base " + baseId);
        String id = Ids.newId();
        RecoveredLines.Taken taken = lines.take(id, baseId, items);
        if (taken.taken().isEmpty()) {
            throw DomainException.conflict("already-recovered", "These lines are recovered already",
                    "every paid line named is in another recovery order: " + describe(taken.skipped()));
        }
        return insert(RecoveryOrder.order(id, baseId, division, taken.taken(), taken.skipped(), reason, null,
                user.subject(), clock.instant()), taken.taken());
    }

    /**
     * A spot-check finding of a false claim: a recovery order of what was paid for that trainee in the parts
     * the finding's kind recovers ({@link #RECOVERABLE}), once per finding (the order's id derives from the
     * finding's). A finding about a trainee with nothing paid in those parts orders nothing now; a placement
     * part paid later is recovered when it is paid ({@link PaidAfterFinding}).
     */
    void onFinding(SpotCheckFinding f, EventMetadata meta) {
        Set<ClaimPart> parts = RECOVERABLE.get(f.kind());
        if (parts == null) {
            return;
        }
        if (DISPROVES_PLACEMENT.equals(f.kind())) {
            // The placement is disproved: no placement part is paid for the trainee from now on. Written before
            // the paid lines are read, so a payment landing meanwhile is seen here or by PaidAfterFinding.
            mongo.updateFirst(Query.query(Criteria.where("_id").is(f.enrollmentId()).and("disprovedByFinding").is(null)),
                    new Update().set("disprovedByFinding", f.findingId()), Trainee.class);
            claims.stopDisprovedPlacement(f.enrollmentId(), f.findingId(), f.kind()
                    + (f.note() == null ? "" : ": " + f.note()));
        }
        if (orderForFinding(f.findingId(), f.baseId(), f.divisionCode(), f.enrollmentId(), parts,
                f.kind() + (f.note() == null ? "" : ": " + f.note())).isEmpty()) {
            log.info("finding {} ({}) against base {}: nothing paid and unrecovered for the trainee in {}, nothing "
                    + "to recover now", f.findingId(), f.kind(), f.baseId(), parts);
        }
    }

    /**
     * The order of a finding ({@code finding-{findingId}}): the trainee's paid lines in these parts that no earlier
     * order recovers. Nothing when there are none; nothing new when the finding's order exists.
     *
     * @return the order, or empty when nothing was ordered
     */
    Optional<RecoveryOrder> orderForFinding(String findingId, String baseId, String divisionCode, String enrollmentId,
                                            Set<ClaimPart> parts, String reason) {
        return orderOnce("finding-" + findingId, findingId, baseId, divisionCode, List.of(enrollmentId), parts, reason);
    }

    /**
     * An inspection visit's finding that involves money (accreditation's {@code
     * accreditation.inspection.finding-recorded.v1}) with the trainees' enrollments named: a recovery order of
     * everything paid for them at the base that no earlier order recovers, once per finding ({@code
     * inspection-{findingId}}). A finding naming no enrollment orders nothing here: the county officer orders the
     * recovery by hand once the trainees are known ({@link #order}).
     */
    void onInspectionFinding(InspectionFindingRecorded f, EventMetadata meta) {
        if (!f.involvesMoney()) {
            return;
        }
        if (f.enrollmentIds() == null || f.enrollmentIds().isEmpty()) {
            log.info("inspection finding {} against base {} involves money ({} fen) but names no trainee: the officer "
                    + "orders its recovery by hand", f.findingId(), f.baseId(), f.amountFen());
            return;
        }
        if (orderOnce("inspection-" + f.findingId(), f.findingId(), f.baseId(), f.divisionCode(), f.enrollmentIds(),
                EnumSet.allOf(ClaimPart.class), f.kind() + ": " + f.description()).isEmpty()) {
            log.info("inspection finding {} against base {}: nothing paid and unrecovered for the trainees named",
                    f.findingId(), f.baseId());
        }
    }

    /** The order of this id for the trainees' paid lines in these parts that no earlier order recovers, made once. */
    private Optional<RecoveryOrder> orderOnce(String id, String findingId, String baseId, String divisionCode,
                                              List<String> enrollmentIds, Set<ClaimPart> parts, String reason) {
        RecoveryOrder existing = mongo.findById(id, RecoveryOrder.class);
        if (existing != null) {
            return Optional.of(existing);
        }
        List<RecoveryOrder.Item> items = paidItems(baseId, enrollmentIds, parts);
        if (items.isEmpty()) {
            log.debug("finding {} against base {}: nothing paid for the trainees yet in {}, nothing to recover now",
                    findingId, baseId, parts);
            return Optional.empty();
        }
        RecoveredLines.Taken taken = lines.take(id, baseId, items);
        if (taken.taken().isEmpty()) {
            log.info("finding {} against base {}: every paid line is recovered by an earlier order: {}", findingId,
                    baseId, describe(taken.skipped()));
            return Optional.empty();
        }
        try {
            return Optional.of(insert(RecoveryOrder.order(id, baseId, divisionCode, taken.taken(), taken.skipped(), reason,
                    findingId, "system", clock.instant()), taken.taken()));
        } catch (DuplicateKeyException e) {
            return Optional.ofNullable(mongo.findById(id, RecoveryOrder.class)); // ordered meanwhile (a redelivery)
        }
    }

    /** Writes a new order; when the write fails and no order of that id exists, the lines it took are freed. */
    private RecoveryOrder insert(RecoveryOrder r, List<RecoveryOrder.Item> taken) {
        try {
            return store.insert(r);
        } catch (RuntimeException e) {
            if (!mongo.exists(Query.query(Criteria.where("_id").is(r.getId())), RecoveryOrder.class)) {
                lines.free(r.getId(), taken);
            }
            throw e;
        }
    }

    // ---- settlement: recorded by one finance officer, confirmed by another ----------------------------------

    /**
     * A finance officer records the repayment: the bureau's receipt reference and the amount received (the
     * order's amount). The same record sent again by the same person answers the order as it is.
     */
    public RecoveryOrder recordSettlement(String id, String reference, long amountFen) {
        RecoveryOrder r = find(id);
        CurrentUser user = Jurisdiction.over(r.getDivisionCode(), "recovery order " + id);
        RecoveryOrder.Settlement s = r.getSettlement();
        if (r.getStatus() == RecoveryStatus.SETTLEMENT_RECORDED && s != null && s.recordedBy().equals(user.subject())
                && s.reference().equals(reference) && s.amountFen() == amountFen) {
            return r; // a retry
        }
        if (mongo.exists(Query.query(Criteria.where("divisionCode").is(r.getDivisionCode()).and("_id").ne(id)
                .and("settlement.reference").is(reference)), RecoveryOrder.class)) {
            throw DomainException.conflict("duplicate-reference", "This receipt settles another order",
                    "receipt " + reference + " is recorded for another recovery order of " + r.getDivisionCode()
                            + "; a receipt settles one order");
        }
        apply(r, r.recordSettlement(Ids.newId(), reference, amountFen, user.subject(), clock.instant()), () ->
                DomainException.conflict("settlement-recorded", "A settlement was recorded meanwhile",
                        "recovery order " + id + " changed meanwhile; read it again"));
        return find(id);
    }

    /**
     * A second finance officer confirms the recorded settlement, re-keying reference and amount from the
     * bureau's statement: the order is SETTLED, the hold lifted, and the fund of each programme year of the
     * recovered claims credited its share, once. The same confirmation again changes nothing.
     */
    public RecoveryOrder confirmSettlement(String id, String reference, long amountFen) {
        RecoveryOrder r = find(id);
        CurrentUser user = Jurisdiction.over(r.getDivisionCode(), "recovery order " + id);
        if (r.getStatus() != RecoveryStatus.SETTLED) {
            List<RecoveryOrder.FundCredit> credits = creditsOf(r);
            if (!store.apply(r, r.confirmSettlement(reference, amountFen, credits, user.subject(), clock.instant()))) {
                r = find(id);
                if (r.getStatus() != RecoveryStatus.SETTLED) {
                    throw DomainException.conflict("settlement-decided", "The settlement was decided meanwhile",
                            "the recorded settlement of recovery order " + id + " was rejected or replaced meanwhile");
                }
            }
            r = find(id);
        }
        RecoveryOrder.Settlement s = r.getSettlement();
        if (s == null || !s.reference().equals(reference) || s.amountFen() != amountFen) {
            throw DomainException.conflict("recovery-settled", "The order is settled",
                    "recovery order " + id + " is settled with another receipt");
        }
        return creditFunds(r);
    }

    /** A second finance officer rejects the recorded settlement with the reason: the order is OPEN again. */
    public RecoveryOrder rejectSettlement(String id, String reason) {
        RecoveryOrder r = find(id);
        CurrentUser user = Jurisdiction.over(r.getDivisionCode(), "recovery order " + id);
        apply(r, r.rejectSettlement(reason, user.subject(), clock.instant()), () ->
                DomainException.conflict("settlement-decided", "The settlement was decided meanwhile",
                        "the recorded settlement of recovery order " + id + " was confirmed or rejected meanwhile"));
        return find(id);
    }

    /**
     * What the settlement credits: each programme year's fund (of the recovered claims' county) its share, keyed
     * by the order's id and the year.
     */
    private List<RecoveryOrder.FundCredit> creditsOf(RecoveryOrder r) {
        Map<String, long[]> byFund = new LinkedHashMap<>();
        Map<String, Claim> claimsById = new java.util.HashMap<>();
        for (RecoveryOrder.Item i : r.getItems()) {
            Claim c = claimsById.computeIfAbsent(i.claimId(), k -> mongo.findById(k, Claim.class));
            if (c == null) {
                throw new IllegalStateException("claim " + i.claimId() + " of recovery " + r.getId() + " is missing");
            }
            byFund.computeIfAbsent(c.getDivisionCode() + "|" + c.getYear(), k -> new long[1])[0] += i.amountFen();
        }
        List<RecoveryOrder.FundCredit> credits = new ArrayList<>();
        byFund.forEach((k, sum) -> {
            String[] dy = k.split("\\|");
            credits.add(new RecoveryOrder.FundCredit(dy[0], Integer.parseInt(dy[1]), r.getId() + ":" + dy[1], sum[0]));
        });
        return credits;
    }

    /** Makes the settled order's fund credits (each once, whatever ran before) and marks them made. */
    private RecoveryOrder creditFunds(RecoveryOrder r) {
        if (r.getFundsCreditedAt() != null) {
            return r;
        }
        String by = r.getSettlement() == null ? r.getSettledBy() : r.getSettlement().confirmedBy();
        for (RecoveryOrder.FundCredit c : r.getFundCredits()) {
            funds.creditRecovery(c.divisionCode(), c.year(), c.creditKey(), r.getBaseId(), c.amountFen(), by);
        }
        store.apply(r, r.fundsCredited(clock.instant()));
        return find(r.getId());
    }

    /** Finishes the fund credits of settled orders whose confirmation stopped before making them. */
    @Scheduled(fixedDelayString = "${sunshine.subsidy.recovery-credit-sweep:5m}",
            initialDelayString = "${sunshine.subsidy.recovery-credit-sweep:5m}")
    void creditInterrupted() {
        for (RecoveryOrder r : mongo.find(Query.query(Criteria.where("status").is(RecoveryStatus.SETTLED)
                .and("fundsCreditedAt").is(null).and("fundCredits.0").exists(true)), RecoveryOrder.class)) {
            try {
                creditFunds(r);
            } catch (RuntimeException e) {
                log.warn("fund credits of recovery {} not made: {}", r.getId(), e.toString());
            }
        }
    }

    private void apply(RecoveryOrder r, GuardedWrite w, Supplier<DomainException> whenNoMatch) {
        if (!store.apply(r, w)) {
            throw whenNoMatch.get();
        }
    }

    // ---- reads ----------------------------------------------------------------------------------------------

    public RecoveryOrder get(String id) {
        RecoveryOrder r = find(id);
        Jurisdiction.requireOfficerOrOwnBase(r.getDivisionCode(), r.getBaseId(), "recovery order " + id);
        return r;
    }

    private RecoveryOrder find(String id) {
        RecoveryOrder r = mongo.findById(id, RecoveryOrder.class);
        if (r == null) {
            throw DomainException.notFound("recovery order " + id);
        }
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
    List<RecoveryOrder.Item> paidItems(String baseId, List<String> enrollmentIds, Set<ClaimPart> parts) {
        List<RecoveryOrder.Item> items = new ArrayList<>();
        for (String enrollmentId : enrollmentIds.stream().distinct().toList()) {
            for (Claim c : mongo.find(Query.query(Criteria.where("baseId").is(baseId).and("lines.enrollmentId")
                    .is(enrollmentId).and("status").in(ClaimStatus.ORDERED, ClaimStatus.PAID))
                    .with(Sort.by("submittedAt", "_id")), Claim.class)) {
                if (!parts.contains(c.getPart()) || !instructions.isPaid(c.getId(), enrollmentId)) {
                    continue;
                }
                c.payableLines().stream().filter(l -> l.enrollmentId().equals(enrollmentId)).findFirst().ifPresent(l ->
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

    private static String describe(List<RecoveryOrder.Skipped> skipped) {
        return String.join("; ", skipped.stream().map(s -> "claim " + s.item().claimId() + " line of "
                + s.item().enrollmentId() + " (" + s.item().part() + ") in order " + s.recoveredBy()).toList());
    }
}
