package cn.sunshine.accreditation.notice;

/** OPEN (the period runs, then objections are decided) → FINALISED (the proposal is accredited). */
public enum NoticeStatus {
    OPEN,
    FINALISED
}
