package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Ids;
import cn.sunshine.platform.outbox.AggregateStore;
import cn.sunshine.platform.outbox.GuardedWrite;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.usecase.Changes;
import cn.sunshine.platform.usecase.UseCase;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;

/**
 * Use cases of a county's fund. Every change is a transition the {@link Fund} decides as a guarded
 * write ({@link AggregateStore#apply}); this class loads the fund, checks the caller's scope and says
 * what a write that matched nothing means.
 */
@Service
public class Funds extends UseCase {

    /** What a commitment did. */
    public enum Committed {
        /** This call committed the amount. */
        NOW,
        /** The claim was committed before (a repeated or concurrent approval): nothing changed. */
        BEFORE,
        /** The base's committed total in the programme year would pass the limit: nothing changed. */
        OVER_BASE_LIMIT
    }

    public Funds(Changes changes, Clock clock) {
        super(changes, clock);
    }

    /** One finance officer records a deposit (pending until another confirms it); the fund opens with the first. */
    public Fund recordDeposit(String divisionCode, int year, String source, long amountFen, String reference) {
        CurrentUser user = Jurisdiction.over(divisionCode, "division " + divisionCode);
        Fund f = openOrLoad(divisionCode, year);
        if (!store.apply(f, f.recordDeposit(Ids.newId(), source, amountFen, reference, user.subject(), clock.instant()))) {
            Fund now = load(divisionCode, year);
            Fund.Deposit earlier = now.depositByReference(reference).orElseThrow(() ->
                    new IllegalStateException("deposit " + reference + " neither recorded nor present"));
            if (earlier.by().equals(user.subject()) && earlier.amountFen() == amountFen && earlier.source().equals(source)) {
                return now; // the same deposit sent again (a retry): nothing new
            }
            throw DomainException.conflict("duplicate-reference", "This reference is recorded",
                    "the fund of " + divisionCode + " for " + year + " has a deposit with reference " + reference
                            + " already (" + earlier.amountFen() + " fen); a reference is recorded once");
        }
        return load(divisionCode, year);
    }

    /** Another finance officer confirms a pending deposit, re-keying reference and amount from the bureau's statement. */
    public Fund confirmDeposit(String divisionCode, int year, String depositId, String reference, long amountFen) {
        CurrentUser user = Jurisdiction.over(divisionCode, "fund " + divisionCode + "/" + year);
        Fund f = load(divisionCode, year);
        run(f, f.confirmDeposit(depositId, reference, amountFen, user.subject(), clock.instant()), () ->
                DomainException.conflict("deposit-decided", "The deposit was decided",
                        "deposit " + depositId + " was confirmed or rejected meanwhile"));
        return load(divisionCode, year);
    }

    /** Another finance officer rejects a pending deposit, with the reason. */
    public Fund rejectDeposit(String divisionCode, int year, String depositId, String reason) {
        CurrentUser user = Jurisdiction.over(divisionCode, "fund " + divisionCode + "/" + year);
        Fund f = load(divisionCode, year);
        run(f, f.rejectDeposit(depositId, reason, user.subject(), clock.instant()), () ->
                DomainException.conflict("deposit-decided", "The deposit was decided",
                        "deposit " + depositId + " was confirmed or rejected meanwhile"));
        return load(divisionCode, year);
    }

    public Fund get(String divisionCode, String year) {
        Fund f = year.matches("\\d{4}") ? mongo.findById(divisionCode + ":" + year, Fund.class) : null;
        if (f == null) {
            throw DomainException.notFound("fund " + divisionCode + "/" + year);
        }
        Jurisdiction.over(f.getDivisionCode(), "fund " + divisionCode + "/" + year);
        return f;
    }

    /**
     * Commits a claim's amount: the balance must cover it and the claim must not be committed yet; with
     * {@code baseLimitFen}, the base's committed total in the year must stay within it.
     *
     * @throws DomainException 422 fund-insufficient when the balance does not cover it
     */
    public Committed commit(String divisionCode, int year, String claimId, String baseId, long amountFen,
                            Long baseLimitFen, String by, String why) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Fund f = mongo.findById(Fund.key(divisionCode, year), Fund.class);
            if (f == null) {
                throw insufficient(divisionCode, year, 0, amountFen);
            }
            if (store.apply(f, f.commit(claimId, baseId, amountFen, baseLimitFen, by, clock.instant(), why))) {
                return Committed.NOW;
            }
            Fund now = load(divisionCode, year);
            if (now.getCommitments().stream().anyMatch(c -> claimId.equals(c.claimId()) && c.amountFen() > 0)) {
                return Committed.BEFORE;
            }
            if (now.getAvailableFen() < amountFen) {
                throw insufficient(divisionCode, year, now.getAvailableFen(), amountFen);
            }
            if (baseLimitFen != null && now.committedToBase(baseId) + amountFen > baseLimitFen) {
                return Committed.OVER_BASE_LIMIT;
            }
            // The balance moved between the write and the read: decide again on the new state.
        }
        throw DomainException.conflict("fund-busy", "The fund is changing", "the " + year + " fund of " + divisionCode
                + " changed under every attempt to commit claim " + claimId + "; nothing was committed: try again");
    }

    /**
     * Gives back part or all of a claim's commitment once per release key; a claim never committed, or a key
     * released before, changes nothing.
     *
     * @return true when this call gave the amount back
     */
    public boolean release(String divisionCode, int year, String releaseKey, String claimId, String baseId,
                           long amountFen, String by, String why) {
        Fund f = mongo.findById(Fund.key(divisionCode, year), Fund.class);
        return f != null && amountFen > 0
                && store.apply(f, f.release(releaseKey, claimId, baseId, amountFen, by, clock.instant(), why));
    }

    /** A settled recovery's money back into the fund of its programme year, once per recovery. */
    public boolean creditRecovery(String divisionCode, int year, String recoveryId, String baseId, long amountFen,
                                  String by) {
        Fund f = openOrLoad(divisionCode, year);
        return store.apply(f, f.creditRecovery(recoveryId, baseId, amountFen, by, clock.instant()));
    }

    /** The fund of a county's programme year, or null. */
    public Fund find(String divisionCode, int year) {
        return mongo.findById(Fund.key(divisionCode, year), Fund.class);
    }

    private void run(Fund f, GuardedWrite w, java.util.function.Supplier<DomainException> whenNoMatch) {
        if (!store.apply(f, w)) {
            throw whenNoMatch.get();
        }
    }

    private Fund openOrLoad(String divisionCode, int year) {
        Fund f = mongo.findById(Fund.key(divisionCode, year), Fund.class);
        if (f != null) {
            return f;
        }
        try {
            return store.insert(Fund.open(divisionCode, year));
        } catch (DuplicateKeyException e) {
            return load(divisionCode, year); // opened by a concurrent request
        }
    }

    private Fund load(String divisionCode, int year) {
        Fund f = mongo.findById(Fund.key(divisionCode, year), Fund.class);
        if (f == null) {
            throw DomainException.notFound("fund " + divisionCode + "/" + year);
        }
        return f;
    }

    private static DomainException insufficient(String divisionCode, int year, long available, long needed) {
        return DomainException.rule("fund-insufficient", "The fund does not cover the claim",
                "the " + year + " fund of " + divisionCode + " has " + available + " fen available; the claim needs "
                        + needed);
    }
}
