package cn.sunshine.subsidy.fund;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A county's subsidy fund for a year (专帐专户): the money put in by each source and what approvals
 * have committed. Commitments are appended, never changed; a release is a new entry pointing at the
 * claim. Commit and release are single-document conditional updates ({@link Funds}), so concurrent
 * approvals never commit more than the balance.
 */
@Document("funds")
public class Fund extends AggregateRoot {

    /** Money put into the fund. */
    public record Deposit(String source, long amountFen, String reference, String by, Instant at) {
    }

    /** Money an approval took from the balance (positive) or a rejection gave back (negative). */
    public record Commitment(String claimId, long amountFen, String by, Instant at, String why) {
    }

    private String divisionCode;
    private int year;
    private long depositedFen;
    private long committedFen;
    private long availableFen;
    private List<Deposit> deposits = new ArrayList<>();
    private List<Commitment> commitments = new ArrayList<>();
    private List<String> releasedClaims = new ArrayList<>();

    protected Fund() {
    }

    static String key(String divisionCode, int year) {
        return divisionCode + ":" + year;
    }

    static Fund open(String divisionCode, int year) {
        Fund f = new Fund();
        f.id = key(divisionCode, year);
        f.divisionCode = divisionCode;
        f.year = year;
        return f;
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

    public List<Deposit> getDeposits() {
        return deposits;
    }

    public List<Commitment> getCommitments() {
        return commitments;
    }
}
