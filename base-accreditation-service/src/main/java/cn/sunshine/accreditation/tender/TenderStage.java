package cn.sunshine.accreditation.tender;

/** Where a tender stands, derived from its status, the clock and whether its result is noticed. */
public enum TenderStage {
    DRAFT,
    /** Published, the window has not opened yet. */
    ANNOUNCED,
    /** Applications are accepted. */
    OPEN,
    /** The window has closed: expert review. */
    CLOSED,
    /** The proposed result is publicly noticed (公示). */
    NOTICED,
    /** The result is final: bases accredited. */
    CONCLUDED
}
