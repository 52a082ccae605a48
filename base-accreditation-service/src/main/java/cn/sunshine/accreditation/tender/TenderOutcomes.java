package cn.sunshine.accreditation.tender;

/** Whether a tender's result was publicly noticed and finalised (kept by the notice feature). */
public interface TenderOutcomes {

    TenderOutcome outcome(String tenderId);

    record TenderOutcome(String noticeId, boolean finalised) {
        public static final TenderOutcome NONE = new TenderOutcome(null, false);

        public boolean noticed() {
            return noticeId != null;
        }
    }
}
