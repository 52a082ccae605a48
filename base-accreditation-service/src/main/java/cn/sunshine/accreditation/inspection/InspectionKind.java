package cn.sunshine.accreditation.inspection;

/** What an inspection is: a supervision visit (督查), the mid-year inspection (年中检查) or year-end acceptance (年终验收). */
public enum InspectionKind {
    SUPERVISION, MID_YEAR, ACCEPTANCE;

    /** The kind's Chinese name, as findings are written into the annual review. */
    public String chinese() {
        return switch (this) {
            case SUPERVISION -> "督查";
            case MID_YEAR -> "年中检查";
            case ACCEPTANCE -> "年终验收";
        };
    }
}
