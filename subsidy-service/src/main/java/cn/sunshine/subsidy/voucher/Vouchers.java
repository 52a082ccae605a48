package cn.sunshine.subsidy.voucher;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import cn.sunshine.subsidy.standard.Standards;
import cn.sunshine.subsidy.standard.SubsidyStandard;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Use cases of vouchers: issue at the class opening, redeem by the base, verify publicly. */
@Service
public class Vouchers extends UseCase {

    /** A voucher as printed: its serial and verification code. */
    public record Printed(Voucher voucher, String code) {
    }

    private final Standards standards;
    private final VoucherCodes codes;

    public Vouchers(Changes changes, Clock clock, Standards standards, VoucherCodes codes) {
        super(changes, clock);
        this.standards = standards;
        this.codes = codes;
    }

    /**
     * Issues a voucher to every enrolled trainee of the class who has none and has not left; the
     * amount is the tier's in the standard that applies. Issuing again issues only what is missing.
     */
    public List<Printed> issueForClass(String classId) {
        List<Trainee> trainees = mongo.find(Query.query(Criteria.where("classId").is(classId).and("enrolled").is(true)
                .and("leftAt").is(null)).with(Sort.by("_id")), Trainee.class);
        if (trainees.isEmpty()) {
            throw DomainException.notFound("class " + classId);
        }
        CurrentUser user = Jurisdiction.over(trainees.get(0).getDivisionCode(), "class " + classId);
        // A class's vouchers in a few round trips, however many trainees: the ones issued before (a retry, a second
        // printing) in one query, the serials of the rest taken as one block, the new ones inserted together.
        java.util.Map<String, Voucher> issued = new java.util.HashMap<>();
        mongo.find(Query.query(Criteria.where("enrollmentId").in(trainees.stream().map(Trainee::getId).toList())), Voucher.class)
                .forEach(v -> issued.put(v.getEnrollmentId(), v));
        List<Trainee> without = trainees.stream().filter(t -> !issued.containsKey(t.getId())).toList();
        if (!without.isEmpty()) {
            java.util.Map<String, java.util.Optional<SubsidyStandard>> standardOf = new java.util.HashMap<>();
            List<Voucher> fresh = new ArrayList<>(without.size());
            // serials are the county's and year's (a class's trainees share both; grouped all the same)
            java.util.Map<String, Long> perSeries = new java.util.LinkedHashMap<>();
            without.forEach(t -> perSeries.merge(t.getDivisionCode() + ":" + t.getYear(), 1L, Long::sum));
            java.util.Map<String, java.util.Iterator<String>> serialsOf = new java.util.HashMap<>();
            perSeries.forEach((series, n) -> serialsOf.put(series, nextSerials(series, n.intValue()).iterator()));
            for (Trainee t : without) {
                SubsidyStandard s = standardOf.computeIfAbsent(t.getDivisionCode() + "|" + t.getYear() + "|" + t.getMajorCode(),
                        k -> standards.find(t.getDivisionCode(), t.getYear(), t.getMajorCode())).orElseThrow(() ->
                        DomainException.rule("no-standard", "No subsidy standard applies",
                                "set the " + t.getYear() + " standard of " + t.getMajorCode() + " first"));
                fresh.add(Voucher.issue(Ids.newId(), serialsOf.get(t.getDivisionCode() + ":" + t.getYear()).next(), t, t.getSubsidyTier(), s.amountOf(t.getSubsidyTier()),
                        user.subject(), clock.instant()));
            }
            try {
                store.insertAll(fresh).forEach(v -> issued.put(v.getEnrollmentId(), v));
            } catch (DuplicateKeyException issuedMeanwhile) {
                // another printing of the class issued some at the same time: one by one, theirs where they won
                for (Voucher v : fresh) {
                    try {
                        issued.put(v.getEnrollmentId(), store.insert(v));
                    } catch (DuplicateKeyException e) {
                        issued.put(v.getEnrollmentId(), mongo.findOne(Query.query(Criteria.where("enrollmentId")
                                .is(v.getEnrollmentId())), Voucher.class));
                    }
                }
            }
            // A trainee's departure may have been applied between the read above and the insert: its handler
            // found no voucher to void then, so the voucher is voided here (the same conditional update; whichever
            // of the two comes second finds it done). No voucher is left ISSUED to a leaver.
            for (Trainee now : mongo.find(Query.query(Criteria.where("_id").in(without.stream().map(Trainee::getId).toList())
                    .and("leftAt").ne(null)), Trainee.class)) {
                voidUnredeemed(now.getId(), "left before the voucher was handed out: " + now.getLeftReason(), user.subject(),
                        clock.instant());
                issued.remove(now.getId());
            }
        }
        List<Printed> out = new ArrayList<>();
        for (Trainee t : trainees) {
            Voucher v = issued.get(t.getId());
            if (v != null) {
                out.add(new Printed(v, codes.codeOf(v.getSerial())));
            }
        }
        return out;
    }

    /**
     * The base redeems a voucher presented by its trainee: serial and code must verify. At most once: redeeming
     * it again for the same trainee is the same act and answers the redeemed voucher (idempotent by its own
     * rule — a double-click or a retry after a lost answer); a void voucher, or one redeemed for another, is 409.
     */
    public Voucher redeem(String serial, String code, String enrollmentId) {
        Voucher v = findBySerial(serial);
        if (v == null || !codes.verifies(serial, code)) {
            throw DomainException.rule("voucher-invalid", "The voucher does not verify",
                    "the serial and code do not match a voucher we issued");
        }
        Jurisdiction.ownBaseStaff(v.getBaseId(), "voucher " + serial);
        if (v.isRedeemedFor(enrollmentId)) {
            return v; // the same act again (a double-click, a retry after a lost answer): its result, nothing new
        }
        return redeemOne(v, enrollmentId, clock.instant(), refused -> refused.status() == 412
                ? DomainException.conflict("voucher-not-redeemable", "The voucher cannot be redeemed",
                "voucher " + serial + " is " + findBySerial(serial).getStatus()) : refused).voucher();
    }

    /** A voucher redeemed, and whether this call redeemed it (false: a concurrent request did, the same act). */
    private record Redeemed(Voucher voucher, boolean now) {
    }

    /**
     * Redeems one voucher for its trainee ({@link Changes}); when that is refused or keeps meeting newer versions
     * and the voucher is by now redeemed for this trainee (by a concurrent request), that is the same act and its
     * result is answered; otherwise {@code otherwise} says what the refusal means.
     */
    private Redeemed redeemOne(Voucher v, String enrollmentId, java.time.Instant at,
                               java.util.function.UnaryOperator<DomainException> otherwise) {
        try {
            return new Redeemed(changes.change(Voucher.class, v.getId(), null, x -> Jurisdiction.ownBaseStaff(x.getBaseId(), "voucher " + v.getSerial()),
                    (Voucher x, CurrentUser user) -> x.redeem(enrollmentId, user.subject(), at)), true);
        } catch (DomainException refused) {
            Voucher now = findBySerial(v.getSerial());
            if (now != null && now.isRedeemedFor(enrollmentId)) {
                return new Redeemed(now, false);
            }
            throw otherwise.apply(refused);
        }
    }

    /** One voucher a trainee handed in: its serial and code, for their enrollment. */
    public record Redemption(String serial, String code, String enrollmentId) {
    }

    /** A bad entry of a class's redemptions: {@code row} counts the entries from 1. */
    public record RowError(int row, String serial, String field, String message) {
    }

    /** What a class's redemptions did: the serials redeemed now and those already redeemed, or every bad row. */
    public record ClassRedemption(List<String> redeemed, List<String> alreadyDone, List<String> serials,
                                  List<RowError> errors) {
    }

    /**
     * The base redeems the vouchers of a class as its trainees hand them in (收券), one request for the class:
     * each entry by {@link #redeem}'s rules. Every entry is checked first (a voucher of this class and of the
     * caller's base, its code verifying, issued to that enrollment, not void): any bad row changes nothing.
     * Then each voucher is written on its own, conditionally on the version read. There is no transaction over
     * the batch, so it is repeatable: a voucher already redeemed for its trainee counts as already done, and
     * sending the batch again after a failure part-way finishes it.
     */
    public ClassRedemption redeemForClass(String classId, List<Redemption> entries) {
        // The class's vouchers through the classId index (at most a class's size), not one query per serial.
        java.util.Map<String, Voucher> ofClass = new java.util.HashMap<>();
        for (Voucher v : mongo.find(Query.query(Criteria.where("classId").is(classId)), Voucher.class)) {
            ofClass.put(v.getSerial(), v);
        }
        String baseId = ofClass.values().stream().map(Voucher::getBaseId).findFirst().orElse(null);
        CurrentUser user = Jurisdiction.ownBaseStaff(baseId, "class " + classId);
        List<RowError> errors = new ArrayList<>();
        List<Voucher> toWrite = new ArrayList<>();
        List<String> alreadyDone = new ArrayList<>();
        List<String> serials = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        java.time.Instant now = clock.instant();
        for (int i = 0; i < entries.size(); i++) {
            int row = i + 1;
            Redemption r = entries.get(i);
            String serial = r == null || r.serial() == null ? null : r.serial().trim();
            serials.add(serial);
            if (r == null || serial == null || serial.isBlank() || r.code() == null || r.code().isBlank()
                    || r.enrollmentId() == null || r.enrollmentId().isBlank()) {
                errors.add(new RowError(row, serial, r == null || serial == null || serial.isBlank() ? "serial"
                        : r.code() == null || r.code().isBlank() ? "code" : "enrollmentId", "must not be blank"));
                continue;
            }
            if (!seen.add(serial)) {
                errors.add(new RowError(row, serial, "serial", "the voucher appears in an earlier row"));
                continue;
            }
            Voucher v = ofClass.get(serial);
            if (v == null || !codes.verifies(serial, r.code())) {
                // Absent, of another class or a wrong code: not told apart, as for a single redemption.
                errors.add(new RowError(row, serial, "code", "the serial and code do not match a voucher of this class"));
                continue;
            }
            if (v.isRedeemedFor(r.enrollmentId())) {
                alreadyDone.add(serial);
                continue;
            }
            try {
                v.redeem(r.enrollmentId(), user.subject(), now);
                toWrite.add(v);
            } catch (DomainException refused) {
                errors.add(new RowError(row, serial, refused.kind().equals("voucher-other-trainee") ? "enrollmentId"
                        : "status", refused.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            return new ClassRedemption(List.of(), List.of(), serials, errors);
        }
        List<String> redeemed = new ArrayList<>();
        for (Voucher v : toWrite) {
            // Each voucher on its own: no transaction over the batch.
            Redeemed written = redeemOne(v, v.getEnrollmentId(), now, refused -> {
                Voucher current = findBySerial(v.getSerial());
                // Voided meanwhile (the trainee left): what was written stays, the rest waits for a new batch.
                return DomainException.conflict("voucher-not-redeemable", "The voucher cannot be redeemed",
                        "voucher " + v.getSerial() + " is " + (current == null ? "gone" : current.getStatus())
                                + "; " + redeemed.size() + " voucher(s) of the batch were redeemed before it: "
                                + "send the batch again without it");
            });
            if (written.now()) {
                redeemed.add(v.getSerial());
            } else {
                alreadyDone.add(v.getSerial()); // redeemed for this trainee by a concurrent request: the same act
            }
        }
        return new ClassRedemption(redeemed, alreadyDone, serials, List.of());
    }

    /** Whether a serial and code are a voucher we issued, and its state; no personal data. */
    public Voucher verify(String serial, String code) {
        Voucher v = findBySerial(serial);
        return v != null && codes.verifies(serial, code) ? v : null;
    }

    public Voucher voidVoucher(String serial, String reason) {
        Voucher v = findBySerial(serial);
        if (v == null) {
            throw DomainException.notFound("voucher " + serial);
        }
        return changes.change(Voucher.class, v.getId(), null, x -> Jurisdiction.over(x.getDivisionCode(), "voucher " + serial),
                (Voucher x, CurrentUser user) -> x.voidIt(user.subject(), clock.instant(), reason));
    }

    /**
     * Voids the trainee's voucher if it is still ISSUED (one conditional update on its state), keeping
     * who recorded the departure, when and why. A redeemed voucher stays: no claim is possible for a
     * trainee who did not complete.
     */
    public void voidUnredeemed(String enrollmentId, String reason, String by, java.time.Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("enrollmentId").is(enrollmentId).and("status").is(VoucherStatus.ISSUED)),
                new Update().set("status", VoucherStatus.VOID).set("voidedAt", at).set("voidedBy", by)
                        .set("voidReason", reason).inc("version", 1L), Voucher.class);
    }

    public List<Voucher> ofClass(String classId) {
        List<Voucher> all = mongo.find(Query.query(Criteria.where("classId").is(classId)).with(Sort.by("serial")),
                Voucher.class);
        if (!all.isEmpty()) {
            Jurisdiction.requireOfficerOrOwnBase(all.get(0).getDivisionCode(), all.get(0).getBaseId(), "class " + classId);
        }
        return all;
    }

    public Voucher findBySerial(String serial) {
        return serial == null ? null : mongo.findOne(Query.query(Criteria.where("serial").is(serial)), Voucher.class);
    }

    /** "420981-2026-000123": the county, the year and a per-county-year sequence from one atomic counter. */
    /** {@code n} serials of a county's year ({@code series} {@code 420981:2026}), as one block: {@code 420981-2026-000001} … */
    private List<String> nextSerials(String series, int n) {
        Document c = mongo.findAndModify(Query.query(Criteria.where("_id").is(series)),
                new Update().inc("next", (long) n), FindAndModifyOptions.options().upsert(true).returnNew(true),
                Document.class, "voucher_serials");
        long last = ((Number) c.get("next")).longValue();
        List<String> out = new ArrayList<>(n);
        for (long k = last - n + 1; k <= last; k++) {
            out.add(series.replace(':', '-') + "-" + String.format("%06d", k));
        }
        return out;
    }
}
