package cn.sunshine.platform.security;

import java.util.EnumSet;
import java.util.Set;

/**
 * The groups of roles that recur across the services' endpoints, each named once:
 * {@code @Allowed(groups = Roles.OFFICIALS_AND_BASE_STAFF)} instead of the seven roles spelled out. An endpoint
 * allows the roles of its groups and those it names besides ({@link Allowed#value()}).
 */
public enum Roles {

    /** The officials who read the programme's records within their jurisdiction. */
    OFFICIALS(Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER, Role.FINANCE_OFFICER,
            Role.AUDITOR),
    /** The officials, and the bases' staff (who see their own base's records). */
    OFFICIALS_AND_BASE_STAFF(Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.COUNTY_LEADER,
            Role.FINANCE_OFFICER, Role.AUDITOR, Role.BASE_STAFF),
    /** The officers who act for a division: county, city and province. */
    OFFICERS(Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER);

    private final Role[] roles;

    Roles(Role... roles) {
        this.roles = roles;
    }

    /** The group's roles (a copy). */
    public Role[] roles() {
        return roles.clone();
    }

    /** The roles an {@code @Allowed} lets in: those it names and those of its groups. */
    public static Set<Role> of(Allowed allowed) {
        Set<Role> all = EnumSet.noneOf(Role.class);
        all.addAll(java.util.Arrays.asList(allowed.value()));
        for (Roles group : allowed.groups()) {
            all.addAll(java.util.Arrays.asList(group.roles));
        }
        return all;
    }
}
