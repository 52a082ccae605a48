package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.domain.AggregateRoot;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import cn.sunshine.platform.outbox.GuardedWrite;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A county's subsidy fund for a programme year (专帐专户): the money put in by each source, what
 * approvals committed, and what recoveries brought back. The fund owns its invariants and decides
 * every change as one {@link GuardedWrite} on its document, so concurrent requests can never break
 * them, whatever their interleaving:
 * <ul>
 *   <li>{@code availableFen + committedFen = depositedFen + recoveredFen}, and {@code availableFen ≥ 0};</li>
 *   <li>{@code committedFen} = Σ commitments (an approval's entry, less the releases pointing at it);</li>
 *   <li>a claim is committed at most once, each release (key) made at most once and only against a
 *       commitment that exists; a recovery credited at most once;</li>
 *   <li>a deposit counts only once a second person of the finance bureau has confirmed it (maker–checker),
 *       re-keying its reference and amount from the bureau's statement.</li>
 * </ul>
 * Nothing is overwritten: commitments and releases are appended entries; a deposit moves from pending
 * to confirmed (or rejected) keeping who recorded, confirmed or rejected it and when.
 */
@Document("funds")
public class Fund extends AggregateRoot {

    /**
     * Money put into the fund (or proposed to be). {@code depositId} is null, and the deposit counts as
     * confirmed, only for deposits recorded before confirmations existed.
     */
    public record Deposit(String depositId, String source, long amountFen, String reference, String by, Instant at,
                          String confirmedBy, Instant confirmedAt, String rejectedBy, Instant rejectedAt,
                          String rejectionReason) {
    }

    /**
     * Money an approval took from the balance (positive) or a release gave back (negative, with the release's
     * key: the claim's id, or the claim and a stopped line). {@code baseId} is null in entries made before the
     * per-base totals existed.
     */
    public record Commitment(String claimId, long amountFen, String by, Instant at, String why, String baseId,
                             String releaseKey) {
    }

    /** Money a settled recovery order brought back into the fund. */
    public record RecoveryCredit(String recoveryId, String baseId, long amountFen, String by, Instant at) {
    }

    private String divisionCode;
    private int year;
    private long depositedFen;
    private long committedFen;
    private long availableFen;
    private long recoveredFen;
    private List<Deposit> deposits = new ArrayList<>();
    private List<Deposit> pendingDeposits = new ArrayList<>();
    private List<Deposit> rejectedDeposits = new ArrayList<>();
    private List<Commitment> commitments = new ArrayList<>();
    private List<String> releasedClaims = new ArrayList<>();
    private Map<String, Long> committedByBase = new HashMap<>();
    /** What each claim's commitment still holds (its amount less what releases gave back). */
    private Map<String, Long> committedByClaim = new HashMap<>();
    private List<RecoveryCredit> recoveries = new ArrayList<>();

    protected Fund() {
    }

    public static String key(String divisionCode, int year) {
        return divisionCode + ":" + year;
    }

    static Fund open(String divisionCode, int year) {
        Fund f = new Fund();
        f.id = key(divisionCode, year);
        f.divisionCode = divisionCode;
        f.year = year;
        return f;
    }

    // ---- deposits: recorded by one person, confirmed by another --------------------------------------------

    /** A deposit recorded by {@code by}; it counts once another person confirms it. Its reference is new to the fund. */
    GuardedWrite recordDeposit(String depositId, String source, long amountFen, String reference, String by, Instant at) {
        if (amountFen <= 0) {
            throw DomainException.invalidField("amountFen", Phrase.coded("fund.deposit-positive",
                    "a deposit is a positive amount of fen"));
        }
        Deposit d = new Deposit(depositId, source, amountFen, reference, by, at, null, null, null, null, null);
        return new GuardedWrite(new Criteria().andOperator(Criteria.where("deposits.reference").ne(reference),
                Criteria.where("pendingDeposits.reference").ne(reference)),
                new Update().push("pendingDeposits", d), "record deposit " + reference);
    }

    /**
     * The second person confirms a pending deposit, re-keying the reference and amount from the bureau's
     * statement of the earmarked account: only then does it count.
     */
    GuardedWrite confirmDeposit(String depositId, String reference, long amountFen, String by, Instant at) {
        Deposit d = pendingDeposit(depositId);
        if (d.by().equals(by)) {
            throw DomainException.rule("separation-of-duties", "One person records, another confirms",
                    "you recorded deposit " + d.reference() + "; another person of the finance bureau confirms it");
        }
        if (!d.reference().equals(reference) || d.amountFen() != amountFen) {
            throw new DomainException(422, "deposit-confirmation-mismatch", "The confirmation does not match the deposit",
                    "the bureau's statement as you read it (" + reference + ", " + amountFen + " fen) differs from the "
                            + "recorded deposit; nothing was confirmed: check the statement with the person who recorded it",
                    List.of(DomainException.FieldError.coded(d.reference().equals(reference) ? "amountFen" : "reference", "fund.deposit-differs",
                            "does not match the recorded deposit")));
        }
        Deposit confirmed = new Deposit(d.depositId(), d.source(), d.amountFen(), d.reference(), d.by(), d.at(), by, at,
                null, null, null);
        return new GuardedWrite(Criteria.where("pendingDeposits.depositId").is(depositId),
                new Update().pull("pendingDeposits", new org.bson.Document("depositId", depositId))
                        .push("deposits", confirmed).inc("depositedFen", d.amountFen()).inc("availableFen", d.amountFen()),
                "confirm deposit " + d.reference());
    }

    /** The second person rejects a pending deposit (not on the statement, wrong amount): it never counts. */
    GuardedWrite rejectDeposit(String depositId, String reason, String by, Instant at) {
        Deposit d = pendingDeposit(depositId);
        if (d.by().equals(by)) {
            throw DomainException.rule("separation-of-duties", "One person records, another confirms",
                    "you recorded deposit " + d.reference() + "; another person of the finance bureau decides on it");
        }
        Deposit rejected = new Deposit(d.depositId(), d.source(), d.amountFen(), d.reference(), d.by(), d.at(), null, null,
                by, at, reason);
        return new GuardedWrite(Criteria.where("pendingDeposits.depositId").is(depositId),
                new Update().pull("pendingDeposits", new org.bson.Document("depositId", depositId))
                        .push("rejectedDeposits", rejected), "reject deposit " + d.reference());
    }

    private Deposit pendingDeposit(String depositId) {
        return pendingDeposits.stream().filter(p -> depositId.equals(p.depositId())).findFirst().orElseThrow(() ->
                deposits.stream().anyMatch(p -> depositId.equals(p.depositId()))
                        || rejectedDeposits.stream().anyMatch(p -> depositId.equals(p.depositId()))
                        ? DomainException.conflict("deposit-decided", "The deposit was decided",
                        "deposit " + depositId + " was confirmed or rejected already")
                        : DomainException.notFound("deposit " + depositId));
    }

    public Optional<Deposit> depositByReference(String reference) {
        return java.util.stream.Stream.of(pendingDeposits, deposits, rejectedDeposits).flatMap(List::stream)
                .filter(d -> reference.equals(d.reference())).findFirst();
    }

    // ---- commitments: what approvals hold, given back once --------------------------------------------------

    /**
     * Commits {@code amountFen} for a claim of a base: the balance must cover it, the claim must not be
     * committed yet, and, when {@code baseLimitFen} is given, the base's committed total in this fund (its
     * programme year) must stay within it (above it the claim needs an extra approval first).
     */
    GuardedWrite commit(String claimId, String baseId, long amountFen, Long baseLimitFen, String by, Instant at,
                        String why) {
        Commitment c = new Commitment(claimId, amountFen, by, at, why, baseId, null);
        List<Criteria> guard = new ArrayList<>(List.of(Criteria.where("availableFen").gte(amountFen),
                Criteria.where("commitments.claimId").ne(claimId)));
        if (baseLimitFen != null) {
            String field = "committedByBase." + baseId;
            guard.add(new Criteria().orOperator(Criteria.where(field).exists(false),
                    Criteria.where(field).lte(baseLimitFen - amountFen)));
        }
        return new GuardedWrite(new Criteria().andOperator(guard), new Update().push("commitments", c)
                .inc("availableFen", -amountFen).inc("committedFen", amountFen)
                .inc("committedByBase." + baseId, amountFen).inc("committedByClaim." + claimId, amountFen),
                "commit claim " + claimId);
    }

    /**
     * Gives back {@code amountFen} of a claim's commitment, once per {@code releaseKey} (the claim's id for the
     * whole claim, {@code claimId/enrollmentId} for a stopped line), and never more than the commitment still holds.
     */
    GuardedWrite release(String releaseKey, String claimId, String baseId, long amountFen, String by, Instant at,
                         String why) {
        Commitment c = new Commitment(claimId, -amountFen, by, at, why, baseId, releaseKey);
        if (amountFen <= 0) {
            throw new IllegalArgumentException("a release gives back a positive amount");
        }
        return new GuardedWrite(new Criteria().andOperator(Criteria.where("committedByClaim." + claimId).gte(amountFen),
                Criteria.where("releasedClaims").ne(releaseKey)),
                new Update().push("commitments", c).push("releasedClaims", releaseKey)
                        .inc("availableFen", amountFen).inc("committedFen", -amountFen)
                        .inc("committedByBase." + baseId, -amountFen).inc("committedByClaim." + claimId, -amountFen),
                "release " + releaseKey);
    }

    /** A settled recovery brings its money back into the fund, once. */
    GuardedWrite creditRecovery(String recoveryId, String baseId, long amountFen, String by, Instant at) {
        if (amountFen <= 0) {
            throw DomainException.invalidField("amountFen", Phrase.coded("fund.recovery-positive",
                    "a recovery credit is a positive amount of fen"));
        }
        return new GuardedWrite(Criteria.where("recoveries.recoveryId").ne(recoveryId),
                new Update().push("recoveries", new RecoveryCredit(recoveryId, baseId, amountFen, by, at))
                        .inc("recoveredFen", amountFen).inc("availableFen", amountFen), "credit recovery " + recoveryId);
    }

    /** True when the claim's commitment is held (committed and not released as a whole). */
    public boolean holdsCommitmentOf(String claimId) {
        return committedByClaim != null && committedByClaim.getOrDefault(claimId, 0L) > 0;
    }

    /** What the base's approved claims hold in this fund now. */
    public long committedToBase(String baseId) {
        return committedByBase.getOrDefault(baseId, 0L);
    }

    /**
     * The fund's identities, as an auditor checks them: the balance equation, the commitments' sum, no
     * negative balance. Empty when they all hold.
     */
    public List<String> brokenIdentities() {
        List<String> broken = new ArrayList<>();
        if (availableFen + committedFen != depositedFen + recoveredFen) {
            broken.add("available " + availableFen + " + committed " + committedFen + " ≠ deposited " + depositedFen
                    + " + recovered " + recoveredFen);
        }
        long sum = commitments.stream().mapToLong(Commitment::amountFen).sum();
        if (sum != committedFen) {
            broken.add("Σ commitments " + sum + " ≠ committed " + committedFen);
        }
        long deposited = deposits.stream().mapToLong(Deposit::amountFen).sum();
        if (deposited != depositedFen) {
            broken.add("Σ confirmed deposits " + deposited + " ≠ deposited " + depositedFen);
        }
        long recovered = recoveries.stream().mapToLong(RecoveryCredit::amountFen).sum();
        if (recovered != recoveredFen) {
            broken.add("Σ recovery credits " + recovered + " ≠ recovered " + recoveredFen);
        }
        if (availableFen < 0) {
            broken.add("available " + availableFen + " < 0");
        }
        long byClaim = committedByClaim == null ? 0 : committedByClaim.values().stream().mapToLong(Long::longValue).sum();
        if (byClaim != committedFen) {
            broken.add("Σ per claim " + byClaim + " ≠ committed " + committedFen);
        }
        if (committedByClaim != null && committedByClaim.values().stream().anyMatch(v -> v < 0)) {
            broken.add("a claim's commitment below 0: " + committedByClaim);
        }
        return broken;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public long getDepositedFen() {
        return depositedFen;
    }

    public long getCommittedFen() {
        return committedFen;
    }

    public long getAvailableFen() {
        return availableFen;
    }

    public long getRecoveredFen() {
        return recoveredFen;
    }

    public List<Deposit> getDeposits() {
        return deposits;
    }

    public List<Deposit> getPendingDeposits() {
        return pendingDeposits == null ? List.of() : pendingDeposits;
    }

    public List<Deposit> getRejectedDeposits() {
        return rejectedDeposits == null ? List.of() : rejectedDeposits;
    }

    public List<Commitment> getCommitments() {
        return commitments;
    }

    public List<RecoveryCredit> getRecoveries() {
        return recoveries == null ? List.of() : recoveries;
    }
}
