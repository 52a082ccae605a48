package cn.sunshine.subsidy.payment;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * One comparison of the bureau's statement of a day with our instructions. Kept as it was found
 * (never updated); a later run of the same day is a new record.
 */
@Document("reconciliations")
public record Reconciliation(@Id String id, String date, Instant ranAt, String ranBy, int bureauEntries,
                             long bureauTotalFen, int ourPaid, long ourPaidTotalFen, List<Mismatch> mismatches) {

    /**
     * A difference: {@code NOT_PAID_BY_BUREAU} (we hold it paid that day, the statement lacks it),
     * {@code UNKNOWN_TO_US} (the bureau paid an instruction id we never issued), {@code AMOUNT_DIFFERS},
     * {@code NOT_RECORDED_AS_PAID} (the bureau paid it, we do not hold it paid yet).
     */
    public record Mismatch(String kind, String instructionId, Long ourAmountFen, Long bureauAmountFen, String note) {
    }

    public boolean clean() {
        return mismatches.isEmpty();
    }
}
