package cn.sunshine.placement.placement;

/** Labour-rights problems a follow-up contact can report; each opens an escalation case for the county. */
public enum Problem {
    UNPAID_WAGES,
    NO_CONTRACT,
    UNSAFE_WORK,
    EXCESSIVE_HOURS,
    OTHER
}
