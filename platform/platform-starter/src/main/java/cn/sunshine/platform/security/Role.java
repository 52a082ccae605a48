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
    /** Another service of the suite calling with its own credentials. */
    SERVICE;

    public String authority() {
        return "ROLE_" + name();
    }
}
