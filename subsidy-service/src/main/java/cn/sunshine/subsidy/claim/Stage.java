package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.security.Role;

import java.util.Set;

/** The stages of the approval chain and who acts at each. */
public enum Stage {
    VERIFICATION(Set.of(Role.COUNTY_OFFICER)),
    APPROVAL(Set.of(Role.COUNTY_LEADER)),
    EXTRA_APPROVAL(Set.of(Role.COUNTY_LEADER, Role.CITY_OFFICER)),
    RECHECK(Set.of(Role.FINANCE_OFFICER));

    private final Set<Role> roles;

    Stage(Set<Role> roles) {
        this.roles = roles;
    }

    public Set<Role> roles() {
        return roles;
    }
}
