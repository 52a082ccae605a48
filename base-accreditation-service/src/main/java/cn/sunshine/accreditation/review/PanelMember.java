package cn.sunshine.accreditation.review;

import cn.sunshine.accreditation.base.Decision;

/**
 * A reviewer on a tender's panel: who appointed them and when, and their declaration on conflicts
 * of interest (who, when, the statement).
 */
public record PanelMember(String reviewerId, String name, Decision appointment, Status status, Decision declaration) {

    public enum Status {
        /** Appointed, has not declared yet: may not score. */
        APPOINTED,
        /** Declared no conflict of interest: scores every application. */
        DECLARED,
        /** Declared a conflict of interest: takes no part; their sheets, if any, are not counted. */
        RECUSED
    }
}
