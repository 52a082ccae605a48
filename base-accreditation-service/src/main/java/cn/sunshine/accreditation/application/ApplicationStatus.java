package cn.sunshine.accreditation.application;

/** SUBMITTED → REJECTED (by an officer, with reasons). A submitted application is otherwise reviewed as it is. */
public enum ApplicationStatus {
    SUBMITTED,
    REJECTED
}
