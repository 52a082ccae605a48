package cn.sunshine.enrollment.trainee;

/** The subsidy tier of a trainee (e.g. 100, 200, 300 yuan in the ratio 3:4:3); the amount is recorded beside it. */
public enum SubsidyTier {
    TIER_1, TIER_2, TIER_3;

    public static SubsidyTier parse(String s) {
        if (s == null) {
            return null;
        }
        String v = s.trim().toUpperCase();
        for (SubsidyTier t : values()) {
            if (t.name().equals(v) || t.name().substring(5).equals(v)) {
                return t;
            }
        }
        return null;
    }
}
