package cn.sunshine.accreditation.tender;

/** DRAFT → PUBLISHED. What happens after publication is the tender's stage, derived from the clock and the notice. */
public enum TenderStatus {
    DRAFT,
    PUBLISHED
}
