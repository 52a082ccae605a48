package cn.sunshine.accreditation.quota;

import cn.sunshine.accreditation.base.Decision;
import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.QuotaAllocated;
import cn.sunshine.platform.identifiers.DivisionCode;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The annual training-and-transfer quota (培训转移任务) of one level — province, city or county — in
 * one year: what it received, what it allocated onwards, and every allocation and receipt. Its
 * invariant, {@code allocated ≤ received}, is guarded by the single conditional write of this one
 * document (its version), so concurrent allocations can never over-allocate.
 */
@Document("quota_ledgers")
@CompoundIndex(name = "division_year", def = "{'divisionCode': 1, 'year': 1}", unique = true)
public class QuotaLedger extends AggregateRoot {

    private String divisionCode;
    private int year;
    private DivisionCode.Level level;
    private String parentLedgerId;
    private int received;
    private int allocated;
    private List<Receipt> receipts;
    private List<Allocation> allocations;

    protected QuotaLedger() {
    }

    /** The province's annual plan: its ledger, with the plan as its first receipt. */
    public static QuotaLedger plan(String provinceDivision, int year, int total, String reason, String actor, Clock clock) {
        if (DivisionCode.of(provinceDivision).level() != DivisionCode.Level.PROVINCE) {
            throw DomainException.invalidField("divisionCode", Phrase.coded("quota.province-plan",
                    "the annual plan is the province's (e.g. 420000)"));
        }
        QuotaLedger l = open(provinceDivision, year);
        String planId = Ids.newId();
        l.receipts = List.of(new Receipt(planId, null, null, null, total, true, clock.instant(), actor));
        l.received = total;
        return l;
    }

    /** The ledger of a division below, opened by its first receipt. */
    static QuotaLedger open(String division, int year) {
        QuotaLedger l = new QuotaLedger();
        l.id = Ids.newId();
        l.divisionCode = division;
        l.year = year;
        l.level = DivisionCode.of(division).level();
        l.receipts = List.of();
        l.allocations = List.of();
        return l;
    }

    public Optional<Allocation> byIdempotencyKey(String key) {
        return key == null ? Optional.empty() : allocations.stream().filter(a -> key.equals(a.idempotencyKey())).findFirst();
    }

    public Optional<Allocation> allocation(String id) {
        return allocations.stream().filter(a -> a.id().equals(id)).findFirst();
    }

    public Optional<Allocation> currentFor(Recipient r) {
        return allocations.stream().filter(a -> a.status() == Allocation.Status.CURRENT && a.isFor(r)).findFirst();
    }

    /** Passes when this ledger may allocate to the recipient (a division directly below, or a base of a county). */
    public void requireRecipient(Recipient r) {
        DivisionCode self = DivisionCode.of(divisionCode);
        if (r.isBase()) {
            if (level != DivisionCode.Level.COUNTY) {
                throw DomainException.invalidField("baseId", Phrase.coded("quota.base-from-county",
                        "bases receive their quota from their county's ledger"));
            }
            return;
        }
        DivisionCode to = DivisionCode.of(r.toDivision());
        if (level == DivisionCode.Level.COUNTY) {
            throw DomainException.invalidField("toDivision", Phrase.coded("quota.county-to-bases",
                    "a county allocates to its bases, per major"));
        }
        if (!self.covers(to.value()) || to.level().ordinal() <= level.ordinal()) {
            throw DomainException.invalidField("toDivision", Phrase.coded("quota.division-below",
                    "must be a division below " + divisionCode,
                    divisionCode));
        }
    }

    /**
     * The amount the recipient would have after this allocation; checks the reallocation chain
     * (a reallocation names the current allocation it replaces) and that nothing is over-allocated.
     */
    public int previousFor(Recipient r, String replaces) {
        Optional<Allocation> current = currentFor(r);
        if (current.isPresent() && replaces == null) {
            throw new DomainException(409, "allocation-exists", "The recipient has an allocation",
                    r + " has the allocation " + current.get().id() + " (" + current.get().amount()
                            + "); a reallocation names it in 'replaces'",
                    List.of(DomainException.FieldError.coded("replaces", "quota.name-current",
                            "name the current allocation " + current.get().id(), current.get().id())));
        }
        if (replaces != null && (current.isEmpty() || !current.get().id().equals(replaces))) {
            throw new DomainException(409, "allocation-superseded", "Not the current allocation",
                    replaces + " is not the current allocation of " + r + ": reload the ledger",
                    List.of(DomainException.FieldError.coded("replaces", "quota.not-current", "not the current allocation")));
        }
        return current.map(Allocation::amount).orElse(0);
    }

    /** Records an allocation, guarded by {@code allocated ≤ received}, and the event it causes. */
    public Allocation allocate(String allocationId, Recipient r, int amount, String replaces, String reason,
                               String idempotencyKey, String fingerprint, String actor, Clock clock) {
        requireRecipient(r);
        int previous = previousFor(r, replaces);
        int next = allocated - previous + amount;
        if (next > received) {
            throw new DomainException(422, "quota-exceeded", "More than this level received",
                    divisionCode + " received " + received + " for " + year + " and has allocated " + allocated
                            + "; " + (received - allocated + previous) + " can go to " + r + ", not " + amount,
                    List.of(DomainException.FieldError.coded("amount", "quota.at-most",
                            "at most " + (received - allocated + previous), (received - allocated + previous))));
        }
        Instant now = clock.instant();
        Allocation a = new Allocation(allocationId, idempotencyKey, fingerprint, r.toDivision(), r.baseId(),
                r.majorCode(), amount, previous, replaces, Allocation.Status.CURRENT, null,
                new Decision(actor, now, reason));
        List<Allocation> all = new ArrayList<>(allocations.stream()
                .map(x -> x.id().equals(replaces) ? x.supersededBy(allocationId) : x).toList());
        all.add(a);
        allocations = all;
        allocated = next;
        recordEvent(EventTypes.QUOTA_ALLOCATED, new QuotaAllocated(allocationId, id, year, divisionCode, r.toDivision(),
                r.baseId(), r.majorCode(), amount, previous, replaces, reason, now, actor), divisionCode, now);
        return a;
    }

    /**
     * Receives (or has reduced) the quota its parent allocates to it. Idempotent by allocation id; a
     * receipt that arrives after the one that replaced it is kept but changes nothing. A reduction
     * below what this level has allocated onwards is refused.
     *
     * @return false when this allocation had been received before
     */
    public boolean receive(Allocation a, String fromLedgerId, String fromDivision) {
        if (receipts.stream().anyMatch(x -> x.allocationId().equals(a.id()))) {
            return false;
        }
        if (parentLedgerId != null && !parentLedgerId.equals(fromLedgerId)) {
            throw DomainException.conflict("quota-parent-conflict", "Quota from two levels",
                    divisionCode + " receives its quota from ledger " + parentLedgerId + " already");
        }
        boolean stale = receipts.stream().anyMatch(x -> a.id().equals(x.replaces()));
        if (!stale && a.amount() < allocated) {
            throw new DomainException(422, "quota-exceeded", "Less than the level has allocated",
                    divisionCode + " has allocated " + allocated + " onwards; its quota cannot go below that",
                    List.of(DomainException.FieldError.coded("amount", "quota.at-least", "at least " + allocated, allocated)));
        }
        List<Receipt> all = new ArrayList<>(receipts);
        all.add(new Receipt(a.id(), a.replaces(), fromLedgerId, fromDivision, a.amount(), !stale, a.decision().at(),
                a.decision().by()));
        receipts = all.stream().map(x -> !stale && x.current() && !x.allocationId().equals(a.id())
                ? new Receipt(x.allocationId(), x.replaces(), x.fromLedgerId(), x.fromDivision(), x.amount(), false,
                x.at(), x.by()) : x).toList();
        if (!stale) {
            received = a.amount();
        }
        parentLedgerId = fromLedgerId;
        return true;
    }

    public boolean hasReceived(String allocationId) {
        return receipts.stream().anyMatch(x -> x.allocationId().equals(allocationId));
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public DivisionCode.Level getLevel() {
        return level;
    }

    public String getParentLedgerId() {
        return parentLedgerId;
    }

    public int getReceived() {
        return received;
    }

    public int getAllocated() {
        return allocated;
    }

    public List<Receipt> getReceipts() {
        return receipts;
    }

    public List<Allocation> getAllocations() {
        return allocations;
    }
}
