package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.platform.web.IdempotentRequests;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.base.AccreditedBase;
import cn.sunshine.subsidy.config.SubsidyProperties;
import cn.sunshine.subsidy.fund.Funds;
import cn.sunshine.subsidy.payment.InstructionPaid;
import cn.sunshine.subsidy.payment.PaymentInstructions;
import cn.sunshine.subsidy.payment.PaymentOrder;
import org.springframework.context.event.EventListener;
import cn.sunshine.subsidy.voucher.Trainee;
import cn.sunshine.subsidy.voucher.Voucher;
import cn.sunshine.subsidy.voucher.VoucherStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Use cases of claims: the base submits, the chain decides, the re-check orders the payments. */
@Service
public class Claims extends UseCase implements cn.sunshine.subsidy.payment.PaymentRelay.MissingInstructions {

    private final Funds funds;
    private final PaymentInstructions instructions;
    private final SubsidyProperties properties;
    private final ClaimAttachments documents;

    public Claims(Changes changes, Clock clock, Funds funds, PaymentInstructions instructions,
                  SubsidyProperties properties, ClaimAttachments documents) {
        super(changes, clock);
        this.documents = documents;
        this.funds = funds;
        this.instructions = instructions;
        this.properties = properties;
    }

    /**
     * The base claims for a class with its redeemed vouchers of completed trainees. Each voucher is
     * taken into the claim by one conditional update (it is in no other live claim), so the same
     * voucher is never claimed twice, however many claims race.
     */
    public Submitted submit(String classId, List<String> serials, ClaimPart part, List<String> attachmentIds,
                            String idempotencyKey) {
        CurrentUser user = Jurisdiction.currentUser();
        refuseIfRevoked(user.baseId(), "new claims");
        String claimId = idempotencyKey == null ? Ids.newId() : keyedId(user.baseId(), idempotencyKey);
        if (idempotencyKey != null) {
            Claim earlier = mongo.findById(claimId, Claim.class);
            if (earlier != null) {
                return new Submitted(replay(earlier, classId, serials, part), true);
            }
        }
        Set<String> unique = new LinkedHashSet<>(serials);
        if (unique.size() != serials.size()) {
            throw DomainException.invalidField("voucherSerials", Phrase.coded("claim.voucher-twice",
                    "a voucher appears twice"));
        }
        List<Claim.Line> lines = new ArrayList<>();
        List<DomainException.FieldError> errors = new ArrayList<>();
        String divisionCode = null;
        int year = 0;
        int i = 0;
        // The claim's vouchers and their trainees in two reads (a class's claim names fifty), and the county's
        // split once: each read one by one made a claim a few hundred round trips.
        Map<String, Voucher> vouchers = new HashMap<>();
        mongo.find(Query.query(Criteria.where("serial").in(unique)), Voucher.class).forEach(v -> vouchers.put(v.getSerial(), v));
        Map<String, Trainee> trainees = new HashMap<>();
        mongo.find(Query.query(Criteria.where("_id").in(vouchers.values().stream().map(Voucher::getEnrollmentId)
                .distinct().toList())), Trainee.class).forEach(t -> trainees.put(t.getId(), t));
        Map<String, Integer> shares = new HashMap<>();
        for (String serial : unique) {
            String f = "voucherSerials[" + i++ + "]";
            Voucher v = vouchers.get(serial);
            if (v == null || !v.getBaseId().equals(user.baseId())) {
                errors.add(DomainException.FieldError.coded(f, "claim.voucher-unknown",
                        "no voucher " + serial + " of your base", serial));
                continue;
            }
            if (!v.getClassId().equals(classId)) {
                errors.add(DomainException.FieldError.coded(f, "claim.voucher-other-class",
                        "voucher " + serial + " is of another class", serial));
                continue;
            }
            if (v.getStatus() != VoucherStatus.REDEEMED) {
                errors.add(DomainException.FieldError.coded(f, "claim.voucher-not-redeemed",
                        "voucher " + serial + " is " + v.getStatus() + ", not REDEEMED", serial, v.getStatus()));
                continue;
            }
            String holder = part == ClaimPart.COMPLETION ? v.getClaimId() : v.getPlacementClaimId();
            if (holder != null && !holder.equals(claimId)) {
                errors.add(DomainException.FieldError.coded(f, "claim.voucher-in-claim",
                        "voucher " + serial + " is in claim " + holder, serial, holder));
                continue;
            }
            Trainee t = trainees.get(v.getEnrollmentId());
            if (t == null || !t.isCompleted()) {
                errors.add(DomainException.FieldError.coded(f, "claim.voucher-not-completed",
                        "the trainee of voucher " + serial + " has not completed", serial));
                continue;
            }
            long amountFen;
            if (part == ClaimPart.COMPLETION) {
                // The split is fixed by the first claim of the voucher's completion part, and stays fixed.
                amountFen = v.getCompletionPartFen() != null ? v.getCompletionPartFen()
                        : SplitPolicy.completionPart(v.getAmountFen(), shares.computeIfAbsent(v.getDivisionCode() + "/" + v.getYear(),
                                k -> completionShareBp(v.getDivisionCode(), v.getYear())));
            } else {
                if (v.getClaimId() == null || v.getCompletionPartFen() == null) {
                    errors.add(DomainException.FieldError.coded(f, "claim.completion-not-claimed",
                            "the completion part of voucher " + serial
                            + " is not claimed yet", serial));
                    continue;
                }
                if (!t.isPlaced()) {
                    errors.add(DomainException.FieldError.coded(f, "claim.voucher-not-placed",
                            "the trainee of voucher " + serial + " is not placed", serial));
                    continue;
                }
                if (t.isPlacementDisproved()) {
                    errors.add(DomainException.FieldError.coded(f, "claim.placement-disproved",
                            "the placement of voucher " + serial
                            + "'s trainee was disproved by a spot check", serial));
                    continue;
                }
                // What is left of the voucher after its completion part: never more.
                amountFen = v.placementPartFen();
                if (amountFen <= 0) {
                    errors.add(DomainException.FieldError.coded(f, "claim.no-placement-part",
                            "the completion claim of voucher " + serial
                            + " took all of it: there is no placement part", serial));
                    continue;
                }
            }
            divisionCode = v.getDivisionCode();
            year = v.getYear();
            lines.add(new Claim.Line(v.getSerial(), v.getEnrollmentId(), v.getTraineeName(), v.getMaskedIdNumber(),
                    v.getTier(), amountFen));
        }
        if (!errors.isEmpty()) {
            throw new DomainException(422, "claim-vouchers-invalid", "Some vouchers cannot be claimed",
                    String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
        }
        if (lines.isEmpty()) {
            throw DomainException.invalidField("voucherSerials", Phrase.coded("claim.vouchers-required",
                    "a claim needs at least one voucher"));
        }
        BaseAgreement agreement = mongo.findById(BaseAgreement.key(user.baseId(), year), BaseAgreement.class);
        if (agreement == null) {
            throw DomainException.rule("no-agreement", "No signed agreement",
                    "the base has no signed agreement for " + year + ": it says how the subsidy is paid");
        }
        // The documents its rules require (docs/subsidy.md "Claim documents"): named, the base's, every kind there.
        List<String> docs = List.copyOf(new LinkedHashSet<>(attachmentIds));
        documents.check(user.baseId(), classId, claimId, part, docs);
        AccreditedBase standing = mongo.findById(user.baseId(), AccreditedBase.class);
        for (Claim.Line l : lines) {
            Voucher v = vouchers.get(l.voucherSerial());
            // The voucher decides, by the guard of its write (not by what was read above): its part free (or
            // already this very claim's, a request with the same Idempotency-Key racing this one) and, for the
            // completion part, the amount as fixed.
            boolean taken = v != null && store.apply(v, part == ClaimPart.COMPLETION
                    ? v.takeCompletionPart(claimId, l.amountFen()) : v.takePlacementPart(claimId));
            if (!taken) {
                detach(claimId);
                throw DomainException.conflict("voucher-claimed", "A voucher was claimed meanwhile",
                        "voucher " + l.voucherSerial() + " was taken into another claim; nothing was submitted");
            }
        }
        documents.moveToClaim(user.baseId(), classId, claimId, divisionCode, docs);
        Claim c = Claim.submit(claimId, user.baseId(), standing == null ? null : standing.getName(), divisionCode,
                classId, year, agreement.getSubsidyPaymentMode(), part, lines, properties.extraApprovalAboveFen(),
                user.subject(), clock.instant());
        try {
            return new Submitted(store.insert(c), false);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            Claim earlier = mongo.findById(claimId, Claim.class);
            if (idempotencyKey != null && earlier != null) {
                return new Submitted(replay(earlier, classId, serials, part), true);
            }
            detach(claimId);
            documents.release(user.baseId(), classId, claimId, divisionCode, docs);
            throw e;
        } catch (RuntimeException e) {
            detach(claimId);
            documents.release(user.baseId(), classId, claimId, divisionCode, docs);
            throw e;
        }
    }

    /** A submission and whether it replayed an earlier one with the same Idempotency-Key. */
    public record Submitted(Claim claim, boolean replayed) {
    }

    /** The same key and body answer the earlier claim; the same key with another body is refused. */
    private static Claim replay(Claim earlier, String classId, List<String> serials, ClaimPart part) {
        List<String> earlierSerials = earlier.getLines().stream().map(Claim.Line::voucherSerial).sorted().toList();
        if (!earlier.getClassId().equals(classId) || earlier.getPart() != part || !earlierSerials.equals(serials.stream().sorted().toList())) {
            throw DomainException.rule(IdempotentRequests.KEY_REUSED, "The Idempotency-Key was used for another claim",
                    "this key submitted claim " + earlier.getId() + " with other vouchers; use a new key");
        }
        return earlier;
    }

    /** A claim id derived from the base and its key, so the same key always names the same claim. */
    private static String keyedId(String baseId, String key) {
        try {
            byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((baseId + "\n" + key).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "claim-" + java.util.HexFormat.of().formatHex(h, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A decision at a stage of the chain (the endpoint checked the role of the stage). The approval that
     * commits the money takes it from the fund first (a guarded write: covered, once per claim, within the
     * base's yearly threshold), then records the decision ({@link Changes}: without If-Match a write that meets
     * a newer version decides again on the new state). When the decision is not recorded after all, the
     * commitment is given back only if the claim, as it now stands, does not hold it: a double-click or a retry
     * never releases the money the winning approval relies on.
     */
    public Claim decide(String claimId, Stage stage, boolean approve, String reason, String ifMatch) {
        boolean[] committedNow = {false}; // by any attempt of this request
        Changes.Changed<Claim, CurrentUser> decided;
        try {
            decided = changes.changeWithResult(Claim.class, claimId, ifMatch, c -> {
                CurrentUser user = Jurisdiction.over(c.getDivisionCode(), "claim " + claimId);
                if (stage.roles().stream().noneMatch(user::has)) {
                    throw new org.springframework.security.access.AccessDeniedException("the " + stage + " stage needs "
                            + stage.roles());
                }
                return user;
            }, (Claim c, CurrentUser user) -> {
                c.checkDecision(stage, approve, user.subject(), reason);
                if (approve && c.approvalCommitsAt(stage)) {
                    refuseIfRevoked(c.getBaseId(), "approvals");
                    Funds.Committed r = funds.commit(c.getDivisionCode(), c.getYear(), c.getId(), c.getBaseId(),
                            c.payableFen(), stage == Stage.APPROVAL ? properties.extraApprovalAboveFen() : null,
                            user.subject(), "claim " + c.getId() + " approved at " + stage);
                    if (r == Funds.Committed.OVER_BASE_LIMIT) {
                        c.requireExtraApproval("the base's approved claims of " + c.getYear() + " with this one would pass "
                                + properties.extraApprovalAboveFen() + " fen");
                    }
                    committedNow[0] |= r == Funds.Committed.NOW;
                }
                c.decide(stage, approve, user.subject(), user.name(), clock.instant(), reason);
                return user;
            });
        } catch (RuntimeException notRecorded) {
            if (committedNow[0]) {
                Claim now = find(claimId);
                if (!now.committed()) {
                    releaseAll(now, Jurisdiction.currentUser().subject(), "the approval of claim " + claimId
                            + " was not recorded: the claim changed meanwhile");
                }
            }
            throw notRecorded;
        }
        Claim c = decided.aggregate();
        CurrentUser user = decided.result();
        if (!approve) {
            // Whatever the fund holds for the claim goes back (nothing, if it was never committed).
            releaseAll(c, user.subject(), "claim " + c.getId() + " rejected at " + stage + ": " + reason);
            detach(c.getId());
        }
        if (c.getStatus() == ClaimStatus.ORDERED) {
            instructions.orderFor(orderOf(c));
        }
        return c;
    }

    /** Gives back what the fund holds for the claim as a whole (its payable amount), once. */
    private void releaseAll(Claim c, String by, String why) {
        funds.release(c.getDivisionCode(), c.getYear(), c.getId(), c.getId(), c.getBaseId(), c.payableFen(), by, why);
    }

    /** A revoked base's new claims and approvals are refused; what was approved before is held at payment. */
    private void refuseIfRevoked(String baseId, String what) {
        AccreditedBase standing = baseId == null ? null : mongo.findById(baseId, AccreditedBase.class);
        if (standing != null && standing.isRevoked()) {
            throw DomainException.rule("base-revoked", "The base is revoked",
                    "base " + baseId + " was revoked (" + standing.getHoldReason() + "); " + what + " are refused");
        }
    }

    /**
     * The county officer proposes to RELEASE a claim held by its base's revocation (pay it after all) or to
     * CANCEL it (the fund gets the money back); a second person (another officer or the county leader)
     * confirms with {@link #confirmHoldDecision}.
     */
    public Claim proposeHoldDecision(String claimId, String action, String reason, String ifMatch) {
        return changes.change(Claim.class, claimId, ifMatch, c -> Jurisdiction.over(c.getDivisionCode(), "claim " + claimId),
                (Claim c, CurrentUser user) -> {
                    AccreditedBase standing = mongo.findById(c.getBaseId(), AccreditedBase.class);
                    if (standing == null || !standing.isPaymentsHeld()) {
                        throw DomainException.conflict("claim-not-held", "The claim is not held", "the payments of base "
                                + c.getBaseId() + " are not held; claim " + claimId + " goes its normal way");
                    }
                    c.proposeHoldDecision(action, reason, user.subject(), clock.instant());
                });
    }

    /** Who confirmed a hold decision, and what it was. */
    private record Confirmed(CurrentUser user, Claim.HoldDecision decision) {
    }

    /**
     * The second person confirms the proposed hold decision: a release lets the payment go; a cancel releases the
     * fund. Cancelling an ordered claim withdraws its payment instructions first (only never-sent ones can be
     * withdrawn, else 409 and nothing changes); once they are withdrawn the claim must record its cancellation
     * even if it changed meanwhile (a relay's hold note), or its payments would be gone while it still reads
     * ORDERED: a write that then meets a newer version is recorded again on the new state, whatever If-Match said.
     */
    public Claim confirmHoldDecision(String claimId, String ifMatch) {
        boolean[] withdrawn = {false};
        Changes.Changed<Claim, Confirmed> done;
        try {
            done = changes.changeWithResult(Claim.class, claimId, ifMatch,
                    c -> Jurisdiction.over(c.getDivisionCode(), "claim " + claimId), (Claim c, CurrentUser user) -> {
                        boolean ordered = c.getStatus() == ClaimStatus.ORDERED;
                        Claim.HoldDecision d = c.confirmHoldDecision(user.subject(), clock.instant());
                        if ("CANCEL".equals(d.action()) && ordered) {
                            // Withdrawing what is withdrawn already changes nothing: a retry may do it again.
                            instructions.cancelAll(claimId, d.reason(), user.subject());
                            withdrawn[0] = true;
                        }
                        return new Confirmed(user, d);
                    });
        } catch (DomainException stale) {
            if (!withdrawn[0] || stale.status() != 412) {
                throw stale;
            }
            done = recordCancellation(claimId);
        }
        Claim c = done.aggregate();
        Claim.HoldDecision d = done.result().decision();
        if ("CANCEL".equals(d.action())) {
            releaseAll(c, done.result().user().subject(), "claim " + c.getId() + " cancelled: " + d.reason());
            detach(c.getId());
        }
        return c;
    }

    /** The cancellation of a claim whose instructions are withdrawn, recorded on the claim as it now stands. */
    private Changes.Changed<Claim, Confirmed> recordCancellation(String claimId) {
        try {
            return changes.changeWithResult(Claim.class, claimId, null,
                    c -> Jurisdiction.over(c.getDivisionCode(), "claim " + claimId),
                    (Claim c, CurrentUser user) -> new Confirmed(user, c.confirmHoldDecision(user.subject(), clock.instant())));
        } catch (DomainException confirmedMeanwhile) {
            Claim now = find(claimId);
            if (now.getStatus() != ClaimStatus.CANCELLED) {
                throw confirmedMeanwhile;
            }
            return new Changes.Changed<>(now, new Confirmed(Jurisdiction.currentUser(), now.getHoldDecision()));
        }
    }

    /**
     * A spot check found that a trainee was not employed as reported: every placement claim line of the trainee
     * not yet ordered for payment is stopped (what an approval committed for it goes back to the fund).
     * Lines already ordered or paid are recovered (Recoveries). Repeating it changes nothing. Each claim is
     * changed on its own (the system acts: no caller's scope, no If-Match).
     */
    public void stopDisprovedPlacement(String enrollmentId, String findingId, String why) {
        for (Claim found : mongo.find(Query.query(Criteria.where("lines.enrollmentId").is(enrollmentId)
                .and("part").is(ClaimPart.PLACEMENT).and("status").in(ClaimStatus.SUBMITTED, ClaimStatus.VERIFIED,
                        ClaimStatus.AWAITING_EXTRA_APPROVAL, ClaimStatus.APPROVED)), Claim.class)) {
            if (!found.stopsLineOf(enrollmentId)) {
                continue; // stopped before, or ordered by now: nothing to do
            }
            boolean[] wasCommitted = {false};
            Changes.Changed<Claim, Claim.StoppedLine> done;
            try {
                done = changes.changeWithResult(Claim.class, found.getId(), null, Changes.SYSTEM, (Claim c, CurrentUser none) -> {
                    wasCommitted[0] = c.committed();
                    return c.stopLine(enrollmentId, findingId, why, clock.instant());
                });
            } catch (DomainException notNow) {
                continue; // stopped by a concurrent delivery, or ordered meanwhile (then it is recovered)
            }
            Claim c = done.aggregate();
            if (wasCommitted[0]) {
                funds.release(c.getDivisionCode(), c.getYear(), c.getId() + "/" + enrollmentId, c.getId(),
                        c.getBaseId(), done.result().amountFen(), "system", "line of " + enrollmentId + " stopped: " + why);
            }
            if (c.getStatus() == ClaimStatus.CANCELLED) {
                detach(c.getId());
            }
        }
    }

    static PaymentOrder orderOf(Claim c) {
        return new PaymentOrder(c.getId(), c.getBaseId(), c.getBaseName(), c.getDivisionCode(), c.getYear(),
                c.getPaymentMode(), c.payableLines().stream()
                .map(l -> new PaymentOrder.Payee(l.enrollmentId(), l.traineeName(), l.amountFen())).toList());
    }

    /**
     * Orders the instructions of re-checked claims that have none yet (the process stopped between the
     * re-check and the instructions): instruction ids derive from the claim, so nothing is ordered twice.
     */
    @Override
    public void orderMissing() {
        for (Claim c : mongo.find(Query.query(Criteria.where("status").is(ClaimStatus.ORDERED)), Claim.class)) {
            if (instructions.ofClaim(c.getId()).isEmpty()) {
                instructions.orderFor(orderOf(c));
            }
        }
    }

    @EventListener
    void onInstructionPaid(InstructionPaid paid) {
        if (mongo.exists(Query.query(Criteria.where("_id").is(paid.claimId())), Claim.class)) {
            settleIfPaid(paid.claimId());
        }
    }

    /**
     * The safety net for a process stopped between an approval's fund commitment and the claim's write: a
     * commitment the claim does not hold (the claim is not approved, or was rejected or cancelled) for longer
     * than a few minutes is given back. A claim that is approved later commits again.
     */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "${sunshine.subsidy.commitment-sweep:5m}",
            initialDelayString = "${sunshine.subsidy.commitment-sweep:5m}")
    void releaseOrphanCommitments() {
        java.time.Instant before = clock.instant().minus(java.time.Duration.ofMinutes(5));
        try {
            for (cn.sunshine.subsidy.fund.Fund f : mongo.find(Query.query(Criteria.where("committedFen").gt(0)),
                    cn.sunshine.subsidy.fund.Fund.class)) {
                for (cn.sunshine.subsidy.fund.Fund.Commitment entry : f.getCommitments()) {
                    if (entry.amountFen() <= 0 || entry.at().isAfter(before) || !f.holdsCommitmentOf(entry.claimId())) {
                        continue;
                    }
                    Claim c = mongo.findById(entry.claimId(), Claim.class);
                    if (c == null || c.committed()) {
                        continue;
                    }
                    releaseAll(c, "system", "the commitment of claim " + c.getId() + " was not recorded on the claim ("
                            + c.getStatus() + "): given back");
                }
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Claims.class).warn("commitment sweep failed: {}", e.toString());
        }
    }

    /** Marks the claim paid once every instruction of it is paid. */
    public void settleIfPaid(String claimId) {
        Claim c = find(claimId);
        if (c.getStatus() != ClaimStatus.ORDERED || !instructions.allPaid(claimId)) {
            return;
        }
        try {
            changes.change(Claim.class, claimId, null, Changes.SYSTEM, (Claim x, CurrentUser none) -> x.markPaid(clock.instant()));
        } catch (DomainException settledMeanwhile) {
            // marked paid by a concurrent delivery of the last payment (or still moving: the next one settles it)
        }
    }

    public Claim get(String claimId) {
        Claim c = find(claimId);
        Jurisdiction.requireOfficerOrOwnBase(c.getDivisionCode(), c.getBaseId(), "claim " + claimId);
        return c;
    }

    public PageResult<Claim> list(String status, String baseId, Integer year, String part, Integer page, Integer size) {
        ClaimStatus inStatus = oneOf(ClaimStatus.class, status, "status", "claim.status");
        if (year != null && (year < 2000 || year > 2100)) {
            throw DomainException.invalidField("year", Phrase.coded("claim.year", "must be a year between 2000 and 2100"));
        }
        ClaimPart ofPart = oneOf(ClaimPart.class, part, "part", "claim.part");
        return Filters.within(Jurisdiction.scopeOfficialsOrOwnBase("divisionCode", "baseId"))
                .is("status", inStatus).is("baseId", baseId).is("year", year).is("part", ofPart)
                .page(mongo, Claim.class, page, size, Sort.by("submittedAt"));
    }

    /** The constant a filter names, null when none is given; a 400 on {@code field} naming the constants otherwise. */
    private static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, String code) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            String constants = java.util.Arrays.toString(type.getEnumConstants());
            throw DomainException.invalidField(field, Phrase.coded(code, "one of " + constants, constants));
        }
    }

    /** Frees the vouchers a claim held (rejected, or never stored), so that a new claim may carry them. */
    private void detach(String claimId) {
        for (ClaimPart p : ClaimPart.values()) {
            mongo.updateMulti(Query.query(Criteria.where(p.voucherField()).is(claimId)),
                    new Update().unset(p.voucherField()).inc("version", 1L), Voucher.class);
        }
    }

    /** The county's completion share for the year, in basis points (all of it without a policy). */
    private int completionShareBp(String divisionCode, int year) {
        SplitPolicy p = mongo.findById(SplitPolicy.key(divisionCode, year), SplitPolicy.class);
        return p == null ? SplitPolicy.ALL : p.getCompletionShareBp();
    }

    private Claim find(String id) {
        Claim c = mongo.findById(id, Claim.class);
        if (c == null) {
            throw DomainException.notFound("claim " + id);
        }
        return c;
    }

}
