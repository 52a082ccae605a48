package cn.sunshine.platform.security;

import cn.sunshine.platform.identifiers.DivisionCode;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The caller, from the token: who, which roles, which jurisdiction (division code) and, for base
 * staff, which base. A service of the suite calling with a client-credentials token is a caller
 * too: {@code clientId} names it (and is its subject), it has no roles, and it may do only what its
 * {@code scopes} say, within its division.
 */
public record CurrentUser(String subject, String name, Set<Role> roles, DivisionCode division, String baseId,
                          String clientId, Set<String> scopes) {

    public CurrentUser {
        roles = Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** A person (or a legacy token): no client, no scopes. */
    public CurrentUser(String subject, String name, Set<Role> roles, DivisionCode division, String baseId) {
        this(subject, name, roles, division, baseId, null, Set.of());
    }

    /** A person's token: the {@code roles} claim counts, scopes do not. */
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
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString("name"), roles, division(jwt),
                jwt.getClaimAsString("baseId"));
    }

    /**
     * A service client's token (client credentials): the client is the actor; the {@code roles}
     * claim is ignored (a role grants a service nothing), the {@code scope} claim is what it may do.
     */
    public static CurrentUser client(Jwt jwt, String clientId) {
        return new CurrentUser(clientId, clientId, Set.of(), division(jwt), null, clientId, scopesOf(jwt));
    }

    /** {@code scope: "a b"} (RFC 8693 / 9068) or {@code scp: ["a", "b"]}. */
    public static Set<String> scopesOf(Jwt jwt) {
        Set<String> out = new LinkedHashSet<>();
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String s) {
            for (String part : s.trim().split("\\s+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
        } else if (scope instanceof Collection<?> list) {
            list.forEach(o -> out.add(String.valueOf(o)));
        }
        List<String> scp = jwt.getClaimAsStringList("scp");
        if (scp != null) {
            out.addAll(scp);
        }
        return out;
    }

    private static DivisionCode division(Jwt jwt) {
        String division = jwt.getClaimAsString("division");
        return DivisionCode.isValid(division) ? DivisionCode.of(division) : null;
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

    /** True for a service of the suite calling with a client-credentials token. */
    public boolean isServiceClient() {
        return clientId != null;
    }

    /** True when this is a service client whose token carries one of the scopes (people have none). */
    public boolean hasAnyScope(String... any) {
        if (!isServiceClient()) {
            return false;
        }
        for (String s : any) {
            if (scopes.contains(s)) {
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
