package cn.sunshine.placement.placement;

/** Where a placed trainee works, from the trainee's home county. */
public enum Workplace {
    HOME_COUNTY,
    IN_PROVINCE,
    OUT_OF_PROVINCE,
    ABROAD
}
