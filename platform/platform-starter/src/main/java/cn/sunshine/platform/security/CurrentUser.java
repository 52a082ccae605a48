package cn.sunshine.platform.security;

import cn.sunshine.platform.identifiers.DivisionCode;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The caller, from the token: who, which roles, which jurisdiction (division code) and, for base
 * staff, which base.
 */
public record CurrentUser(String subject, String name, Set<Role> roles, DivisionCode division, String baseId) {

    public static CurrentUser from(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList("roles");
        if (claimed != null) {
            for (String r : claimed) {
                try {
                    roles.add(Role.valueOf(r));
                } catch (IllegalArgumentException ignored) {
                    // a role of another system: not ours
                }
            }
        }
        String division = jwt.getClaimAsString("division");
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString("name"), Set.copyOf(roles),
                DivisionCode.isValid(division) ? DivisionCode.of(division) : null, jwt.getClaimAsString("baseId"));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... any) {
        for (Role r : any) {
            if (roles.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** True when the record's division lies inside the caller's jurisdiction. */
    public boolean covers(String recordDivision) {
        return division != null && division.covers(recordDivision);
    }
}
