package cn.sunshine.platform.security;

/** The actors of the program (domain.md), plus the platform's operator and internal service calls. */
public enum Role {
    PROVINCE_OFFICER,
    CITY_OFFICER,
    COUNTY_OFFICER,
    COUNTY_LEADER,
    FINANCE_OFFICER,
    BASE_STAFF,
    EXPERT_REVIEWER,
    AUDITOR,
    /** Runs the platform: dead letters, replays. Sees no program data by this role alone. */
    OPERATOR,
    /**
     * Legacy: a broad role for "another system". It grants a service of the suite nothing: the
     * suite's services call each other with client-credentials tokens (an audience, scopes, a
     * division), whose {@code roles} claim is ignored ({@link ServiceTokenPolicy}). No endpoint of
     * accreditation, enrollment or placement accepts it; subsidy's payment callback still does until
     * the finance bureau signs its callbacks.
     */
    SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
