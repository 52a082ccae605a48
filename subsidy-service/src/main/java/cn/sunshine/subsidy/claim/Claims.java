package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.web.ETags;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.subsidy.base.BaseStanding;
import cn.sunshine.subsidy.config.SubsidyProperties;
import cn.sunshine.subsidy.fund.Funds;
import cn.sunshine.subsidy.payment.InstructionPaid;
import cn.sunshine.subsidy.payment.PaymentInstructions;
import cn.sunshine.subsidy.payment.PaymentOrder;
import org.springframework.context.event.EventListener;
import cn.sunshine.subsidy.support.Access;
import cn.sunshine.subsidy.voucher.Trainee;
import cn.sunshine.subsidy.voucher.Voucher;
import cn.sunshine.subsidy.voucher.VoucherStatus;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Use cases of claims: the base submits, the chain decides, the re-check orders the payments. */
@Service
public class Claims implements cn.sunshine.subsidy.payment.PaymentRelay.MissingInstructions {

    private final AggregateStore store;
    private final MongoTemplate mongo;
    private final Funds funds;
    private final PaymentInstructions instructions;
    private final SubsidyProperties properties;
    private final Clock clock;

    public Claims(AggregateStore store, MongoTemplate mongo, Funds funds, PaymentInstructions instructions,
                  SubsidyProperties properties, Clock clock) {
        this.store = store;
        this.mongo = mongo;
        this.funds = funds;
        this.instructions = instructions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * The base claims for a class with its redeemed vouchers of completed trainees. Each voucher is
     * taken into the claim by one conditional update (it is in no other live claim), so the same
     * voucher is never claimed twice, however many claims race.
     */
    public Submitted submit(String classId, List<String> serials, ClaimPart part, String idempotencyKey) {
        CurrentUser user = Jurisdiction.currentUser();
        String claimId = idempotencyKey == null ? Ids.newId() : keyedId(user.baseId(), idempotencyKey);
        if (idempotencyKey != null) {
            Claim earlier = mongo.findById(claimId, Claim.class);
            if (earlier != null) {
                return new Submitted(replay(earlier, classId, serials, part), true);
            }
        }
        Set<String> unique = new LinkedHashSet<>(serials);
        if (unique.size() != serials.size()) {
            throw DomainException.invalidField("voucherSerials", "a voucher appears twice");
        }
        List<Claim.Line> lines = new ArrayList<>();
        List<DomainException.FieldError> errors = new ArrayList<>();
        String divisionCode = null;
        int year = 0;
        int i = 0;
        for (String serial : unique) {
            String f = "voucherSerials[" + i++ + "]";
            Voucher v = mongo.findOne(Query.query(Criteria.where("serial").is(serial)), Voucher.class);
            if (v == null || !v.getBaseId().equals(user.baseId())) {
                errors.add(new DomainException.FieldError(f, "no voucher " + serial + " of your base"));
                continue;
            }
            if (!v.getClassId().equals(classId)) {
                errors.add(new DomainException.FieldError(f, "voucher " + serial + " is of another class"));
                continue;
            }
            if (v.getStatus() != VoucherStatus.REDEEMED) {
                errors.add(new DomainException.FieldError(f, "voucher " + serial + " is " + v.getStatus() + ", not REDEEMED"));
                continue;
            }
            String holder = part == ClaimPart.COMPLETION ? v.getClaimId() : v.getPlacementClaimId();
            if (holder != null && !holder.equals(claimId)) {
                errors.add(new DomainException.FieldError(f, "voucher " + serial + " is in claim " + holder));
                continue;
            }
            Trainee t = mongo.findById(v.getEnrollmentId(), Trainee.class);
            if (t == null || !t.isCompleted()) {
                errors.add(new DomainException.FieldError(f, "the trainee of voucher " + serial + " has not completed"));
                continue;
            }
            int shareBp = completionShareBp(v.getDivisionCode(), v.getYear());
            long completionFen = SplitPolicy.completionPart(v.getAmountFen(), shareBp);
            long amountFen = part == ClaimPart.COMPLETION ? completionFen : v.getAmountFen() - completionFen;
            if (part == ClaimPart.PLACEMENT) {
                if (v.getClaimId() == null) {
                    errors.add(new DomainException.FieldError(f, "the completion part of voucher " + serial
                            + " is not claimed yet"));
                    continue;
                }
                if (!t.isPlaced()) {
                    errors.add(new DomainException.FieldError(f, "the trainee of voucher " + serial + " is not placed"));
                    continue;
                }
                if (amountFen == 0) {
                    errors.add(new DomainException.FieldError(f, "the county pays all of voucher " + serial
                            + " at completion: there is no placement part"));
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
            throw DomainException.invalidField("voucherSerials", "a claim needs at least one voucher");
        }
        BaseAgreement agreement = mongo.findById(BaseAgreement.key(user.baseId(), year), BaseAgreement.class);
        if (agreement == null) {
            throw DomainException.rule("no-agreement", "No signed agreement",
                    "the base has no signed agreement for " + year + ": it says how the subsidy is paid");
        }
        BaseStanding standing = mongo.findById(user.baseId(), BaseStanding.class);
        for (Claim.Line l : lines) {
            // Null, or this very claim's id: a request with the same Idempotency-Key racing this one.
            long n = mongo.updateFirst(Query.query(Criteria.where("serial").is(l.voucherSerial())
                            .and(part.voucherField()).in(java.util.Arrays.asList(null, claimId))
                            .and("status").is(VoucherStatus.REDEEMED)),
                    new Update().set(part.voucherField(), claimId).inc("version", 1L), Voucher.class).getMatchedCount();
            if (n == 0) {
                detach(claimId);
                throw DomainException.conflict("voucher-claimed", "A voucher was claimed meanwhile",
                        "voucher " + l.voucherSerial() + " was taken into another claim; nothing was submitted");
            }
        }
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
            throw e;
        } catch (RuntimeException e) {
            detach(claimId);
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
            throw DomainException.rule("idempotency-key-reused", "The Idempotency-Key was used for another claim",
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

    /** A decision at a stage of the chain (the endpoint checked the role of the stage). */
    public Claim decide(String claimId, Stage stage, boolean approve, String reason, String ifMatch) {
        Claim c = find(claimId);
        CurrentUser user = Access.over(c.getDivisionCode(), "claim " + claimId);
        if (stage.roles().stream().noneMatch(user::has)) {
            throw new org.springframework.security.access.AccessDeniedException("the " + stage + " stage needs " + stage.roles());
        }
        ETags.requireMatch(ifMatch, c.getVersion(), "claim " + claimId);
        boolean wasCommitted = c.committed();
        c.decide(stage, approve, user.subject(), user.name(), clock.instant(), reason);
        boolean commitsNow = !wasCommitted && c.committed();
        if (commitsNow) {
            funds.commit(c.getDivisionCode(), c.getYear(), c.getId(), c.getTotalFen(), user.subject(),
                    "claim " + c.getId() + " approved at " + stage);
        }
        if (stage == Stage.RECHECK && approve) {
            c.noteOrdered(user.subject(), clock.instant());
        }
        try {
            store.update(c);
        } catch (DomainException stale) {
            if (commitsNow) {
                funds.release(c.getDivisionCode(), c.getYear(), c.getId(), c.getTotalFen(), user.subject(),
                        "the approval of claim " + c.getId() + " was not recorded: it changed meanwhile");
            }
            throw stale;
        }
        if (!approve) {
            if (wasCommitted) {
                funds.release(c.getDivisionCode(), c.getYear(), c.getId(), c.getTotalFen(), user.subject(),
                        "claim " + c.getId() + " rejected at " + stage + ": " + reason);
            }
            detach(c.getId());
        }
        if (c.getStatus() == ClaimStatus.ORDERED) {
            instructions.orderFor(orderOf(c));
        }
        return c;
    }

    static PaymentOrder orderOf(Claim c) {
        return new PaymentOrder(c.getId(), c.getBaseId(), c.getBaseName(), c.getDivisionCode(), c.getYear(),
                c.getPaymentMode(), c.getLines().stream()
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
        settleIfPaid(paid.claimId());
    }

    /** Marks the claim paid once every instruction of it is paid. */
    public void settleIfPaid(String claimId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Claim c = find(claimId);
            if (c.getStatus() != ClaimStatus.ORDERED || !instructions.allPaid(claimId)) {
                return;
            }
            c.markPaid(clock.instant());
            try {
                store.update(c);
                return;
            } catch (DomainException stale) {
                // re-read and retry
            }
        }
    }

    public Claim get(String claimId) {
        Claim c = find(claimId);
        Jurisdiction.requireOfficerOrOwnBase(c.getDivisionCode(), c.getBaseId(), "claim " + claimId);
        return c;
    }

    public PageResult<Claim> list(String status, String baseId, Integer page, Integer size) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(Jurisdiction.scopeOfficialsOrOwnBase("divisionCode", "baseId"));
        if (status != null) {
            try {
                filters.add(Criteria.where("status").is(ClaimStatus.valueOf(status)));
            } catch (IllegalArgumentException e) {
                throw DomainException.invalidField("status", "one of " + java.util.Arrays.toString(ClaimStatus.values()));
            }
        }
        if (baseId != null) {
            filters.add(Criteria.where("baseId").is(baseId));
        }
        return PageResult.find(mongo, Query.query(new Criteria().andOperator(filters)), Claim.class, page, size,
                Sort.by("submittedAt"));
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
