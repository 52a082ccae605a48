package cn.sunshine.subsidy.recovery;

/**
 * OPEN (the base's payments are held) → SETTLEMENT_RECORDED (a finance officer recorded the repayment's
 * receipt; still held) → SETTLED (a second finance officer confirmed it against the bureau's statement: the
 * fund is credited, the hold lifted). A rejected recorded settlement goes back to OPEN, the rejection kept.
 */
public enum RecoveryStatus {
    OPEN, SETTLEMENT_RECORDED, SETTLED;

    /** True while the order holds the base's payments (everything but SETTLED). */
    public boolean holds() {
        return this != SETTLED;
    }
}
