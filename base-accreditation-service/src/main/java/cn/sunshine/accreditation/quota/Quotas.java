package cn.sunshine.accreditation.quota;

import cn.sunshine.platform.usecase.Filters;
import cn.sunshine.accreditation.base.Base;
import cn.sunshine.accreditation.base.BaseRepository;
import cn.sunshine.accreditation.base.BaseStatus;
import cn.sunshine.accreditation.base.Major;
import cn.sunshine.accreditation.support.Retry;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.web.PageResult;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Use cases of the quota: the province's plan, and allocations down the levels. Two ledgers change
 * when a division allocates to a division; the order keeps every intermediate state conservative
 * (never over-allocated) and each step is idempotent by allocation id (docs/accreditation.md).
 */
@Service
public class Quotas extends UseCase {

    private final QuotaLedgerRepository ledgers;
    private final BaseRepository bases;

    public Quotas(Changes changes, QuotaLedgerRepository ledgers, BaseRepository bases, Clock clock) {
        super(changes, clock);
        this.ledgers = ledgers;
        this.bases = bases;
    }

    public QuotaLedger plan(QuotaDtos.PlanRequest r) {
        CurrentUser user = Jurisdiction.requireRole(Role.PROVINCE_OFFICER);
        if (!user.covers(r.divisionCode())) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "you can plan for " + user.division() + " only");
        }
        try {
            return store.insert(QuotaLedger.plan(r.divisionCode(), r.year(), r.total(), r.reason().trim(),
                    user.subject(), clock));
        } catch (DuplicateKeyException e) {
            throw DomainException.conflict("duplicate", "The plan exists",
                    "the plan of " + r.divisionCode() + " for " + r.year() + " exists already");
        }
    }

    public QuotaLedger get(String id) {
        QuotaLedger l = ledgers.findById(id).orElseThrow(() -> DomainException.notFound("quota ledger " + id));
        if (!Jurisdiction.readsDivision(Jurisdiction.currentUser(), l.getDivisionCode())) {
            throw DomainException.notFound("quota ledger " + id);
        }
        return l;
    }

    public PageResult<QuotaLedger> list(String division, Integer year, Integer page, Integer size) {
        Jurisdiction.requireRole(Jurisdiction.OFFICIALS);
        return Filters.within(Jurisdiction.scope("divisionCode")).is("divisionCode", division).is("year", year)
                .page(mongo, QuotaLedger.class, page, size, Sort.by(Sort.Direction.DESC, "year").and(Sort.by("divisionCode")));
    }

    /** The current allocation of a base's major in its county's ledger of the year, if any. */
    public Optional<Allocation> currentForBase(String countyDivision, int year, String baseId, String majorCode) {
        return ledgers.findByDivisionCodeAndYear(countyDivision, year)
                .flatMap(l -> l.currentFor(Recipient.base(countyDivision, baseId, majorCode)));
    }

    public record Outcome(QuotaLedger ledger, Allocation allocation, boolean replayed) {
    }

    public Outcome allocate(String ledgerId, QuotaDtos.AllocationRequest r, String idempotencyKey) {
        QuotaLedger first = ledgers.findById(ledgerId).orElseThrow(() -> DomainException.notFound("quota ledger " + ledgerId));
        CurrentUser user = Jurisdiction.officerOver(first.getDivisionCode(), "quota ledger " + ledgerId);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw DomainException.invalidField("Idempotency-Key", Phrase.coded("quota.idempotency-key-length",
                    "must be 1 to 200 characters"));
        }
        Recipient recipient = recipient(first, r);
        String fingerprint = fingerprint(recipient, r);
        String allocationId = idempotencyKey == null ? UUID.randomUUID().toString()
                : UUID.nameUUIDFromBytes(("allocation:" + ledgerId + ":" + idempotencyKey).getBytes(StandardCharsets.UTF_8)).toString();
        if (recipient.isBase()) {
            Base base = bases.findById(recipient.baseId()).filter(b -> DivisionCode.of(first.getDivisionCode()).covers(b.getDivisionCode()))
                    .orElseThrow(() -> DomainException.invalidField("baseId", Phrase.coded("quota.base-not-of-division",
                            "is not a base of " + first.getDivisionCode(), first.getDivisionCode())));
            if (base.getStatus() != BaseStatus.ACCREDITED) {
                throw DomainException.rule("base-not-accredited", "The base is not accredited",
                        "a revoked base receives no quota");
            }
            Major major = base.major(recipient.majorCode()).orElseThrow(() -> DomainException.invalidField("majorCode",
                    Phrase.coded("quota.major-not-accredited",
                    "the base is not accredited for " + recipient.majorCode(), recipient.majorCode())));
            if (r.amount() > major.annualCapacity()) {
                throw new DomainException(422, "capacity-exceeded", "More than the base's accredited capacity",
                        base.getName() + " is accredited for " + major.annualCapacity() + " trainees a year in "
                                + major.majorName() + "; " + r.amount() + " asked",
                        List.of(DomainException.FieldError.coded("amount", "quota.at-most",
                                "at most " + major.annualCapacity(), major.annualCapacity())));
            }
        }
        return Retry.onStaleVersion(() -> {
            QuotaLedger ledger = ledgers.findById(ledgerId).orElseThrow();
            Optional<Allocation> earlier = ledger.byIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().requestFingerprint().equals(fingerprint)) {
                    throw new DomainException(422, "idempotency-key-reused", "Idempotency-Key used for another request",
                            "this Idempotency-Key was used for a different allocation; use a new key for a new request",
                            List.of(DomainException.FieldError.coded("Idempotency-Key", "quota.idempotency-key-used",
                                    "used for a different request")));
                }
                passOn(ledger, earlier.get());
                return new Outcome(ledger, earlier.get(), true);
            }
            int previous = ledger.previousFor(recipient, blankToNull(r.replaces()));
            Allocation tentative = null;
            if (!recipient.isBase() && r.amount() < previous) {
                // a decrease: the child's ceiling comes down first (refused if it allocated more onwards)
                tentative = new Allocation(allocationId, idempotencyKey, fingerprint, recipient.toDivision(), null, null,
                        r.amount(), previous, blankToNull(r.replaces()), Allocation.Status.CURRENT, null,
                        new cn.sunshine.accreditation.base.Decision(user.subject(), clock.instant(), r.reason().trim()));
                receiveInChild(ledger, tentative);
            }
            Allocation a = ledger.allocate(allocationId, recipient, r.amount(), blankToNull(r.replaces()),
                    r.reason().trim(), idempotencyKey, fingerprint, user.subject(), clock);
            store.update(ledger);
            if (tentative == null) {
                passOn(ledger, a);
            }
            return new Outcome(ledger, a, false);
        });
    }

    /** The child's side of an allocation to a division (idempotent); nothing for a base. */
    private void passOn(QuotaLedger ledger, Allocation a) {
        if (a.baseId() == null) {
            receiveInChild(ledger, a);
        }
    }

    private void receiveInChild(QuotaLedger parent, Allocation a) {
        Retry.onStaleVersion(() -> {
            Optional<QuotaLedger> existing = ledgers.findByDivisionCodeAndYear(a.toDivision(), parent.getYear());
            if (existing.isEmpty()) {
                QuotaLedger child = QuotaLedger.open(a.toDivision(), parent.getYear());
                child.receive(a, parent.getId(), parent.getDivisionCode());
                try {
                    store.insert(child);
                    return true;
                } catch (DuplicateKeyException race) {
                    throw DomainException.staleVersion("quota ledger of " + a.toDivision());
                }
            }
            QuotaLedger child = existing.get();
            if (child.receive(a, parent.getId(), parent.getDivisionCode())) {
                store.update(child);
            }
            return true;
        });
    }

    private static Recipient recipient(QuotaLedger ledger, QuotaDtos.AllocationRequest r) {
        boolean toBase = r.baseId() != null && !r.baseId().isBlank();
        if (toBase == (r.toDivision() != null)) {
            throw DomainException.invalidField("toDivision", Phrase.coded("quota.recipient",
                    "name either a division (toDivision) or a base (baseId and majorCode)"));
        }
        if (toBase && (r.majorCode() == null)) {
            throw DomainException.invalidField("majorCode", Phrase.coded("quota.major-required",
                    "a base's quota is allocated per major"));
        }
        Recipient recipient = toBase ? Recipient.base(ledger.getDivisionCode(), r.baseId(), r.majorCode())
                : Recipient.division(r.toDivision());
        ledger.requireRecipient(recipient);
        return recipient;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String fingerprint(Recipient recipient, QuotaDtos.AllocationRequest r) {
        String canonical = String.join("\u0000", String.valueOf(recipient.toDivision()), String.valueOf(recipient.baseId()),
                String.valueOf(recipient.majorCode()), String.valueOf(r.amount()), String.valueOf(blankToNull(r.replaces())),
                r.reason().trim());
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
