package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A county's split of the subsidy for a year: {@code completionShareBp} of each voucher's amount is
 * claimed at completion, the rest once the trainee is placed (some counties pay bases by the trainees
 * actually placed). Without a policy the whole amount is claimed at completion. Set once per year:
 * claims already decided depend on it.
 */
@Document("split_policies")
public class SplitPolicy extends AggregateRoot {

    public static final int ALL = 10_000;

    private String divisionCode;
    private int year;
    private int completionShareBp;
    private Instant setAt;
    private String setBy;
    private String reason;

    protected SplitPolicy() {
    }

    static String key(String divisionCode, int year) {
        return divisionCode + ":" + year;
    }

    static SplitPolicy set(String divisionCode, int year, int completionShareBp, String by, Instant at, String reason) {
        SplitPolicy p = new SplitPolicy();
        p.id = key(divisionCode, year);
        p.divisionCode = divisionCode;
        p.year = year;
        p.completionShareBp = completionShareBp;
        p.setBy = by;
        p.setAt = at;
        p.reason = reason;
        return p;
    }

    /** The completion part of an amount (rounded down to the fen); the placement part is the rest, so the two add up exactly. */
    static long completionPart(long amountFen, int completionShareBp) {
        return Math.multiplyExact(amountFen, (long) completionShareBp) / ALL;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public int getYear() {
        return year;
    }

    public int getCompletionShareBp() {
        return completionShareBp;
    }

    public Instant getSetAt() {
        return setAt;
    }

    public String getSetBy() {
        return setBy;
    }

    public String getReason() {
        return reason;
    }
}
