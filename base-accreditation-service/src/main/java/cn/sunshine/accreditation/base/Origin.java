package cn.sunshine.accreditation.base;

/**
 * Where a term of accreditation came from: registered outside the tender flow (e.g. carried over
 * from paper records), a tender's finalised notice, or an annual review's renewal.
 */
public record Origin(Kind kind, String tenderId, String noticeId, String applicationId, String reviewId) {

    public enum Kind { REGISTERED, TENDER, RENEWAL }

    public static Origin registered() {
        return new Origin(Kind.REGISTERED, null, null, null, null);
    }

    public static Origin tender(String tenderId, String noticeId, String applicationId) {
        return new Origin(Kind.TENDER, tenderId, noticeId, applicationId, null);
    }

    public static Origin renewal(String reviewId) {
        return new Origin(Kind.RENEWAL, null, null, null, reviewId);
    }
}
