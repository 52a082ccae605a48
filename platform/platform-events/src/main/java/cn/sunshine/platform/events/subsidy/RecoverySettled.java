package cn.sunshine.platform.events.subsidy;

import java.time.Instant;
import java.util.List;

/**
 * {@code subsidy.recovery.settled.v1}: the base repaid a recovery order in full and a second person of the
 * finance bureau confirmed the repayment against the bureau's statement; the money is back in the funds and the
 * order no longer holds the base's payments.
 *
 * @param recoveryId   our id of the recovery order (as in {@code subsidy.recovery.ordered.v1})
 * @param baseId       the base that repaid
 * @param divisionCode the base's county
 * @param amountFen    the amount repaid (the order's amount), in fen
 * @param reference    the bureau's receipt reference of the repayment
 * @param recordedBy   the finance officer who recorded the repayment (token subject)
 * @param recordedAt   when it was recorded
 * @param confirmedBy  the second finance officer who confirmed it
 * @param settledAt    when it was confirmed
 * @param fundCredits  what each programme year's fund of the county got back
 */
public record RecoverySettled(String recoveryId, String baseId, String divisionCode, long amountFen, String reference,
                              String recordedBy, Instant recordedAt, String confirmedBy, Instant settledAt,
                              List<FundCredit> fundCredits) {

    /** The share of the repayment credited to the county's fund of one programme year. */
    public record FundCredit(int year, long amountFen) {
    }
}
