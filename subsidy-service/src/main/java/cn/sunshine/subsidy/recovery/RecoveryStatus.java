package cn.sunshine.subsidy.recovery;

/** OPEN (the base's payments are held) → SETTLED (repaid, with the reference). */
public enum RecoveryStatus {
    OPEN, SETTLED
}
