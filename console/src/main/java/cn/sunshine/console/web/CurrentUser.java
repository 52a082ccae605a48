package cn.sunshine.console.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import java.util.Collection;
import java.util.List;

/**
 * The signed-in person as the pages need them: name, roles, division and base, from the ID token (the same
 * claims the access token carries to the services, which decide what the person may see and do).
 */
public record CurrentUser(String username, String name, List<String> roles, String division, String baseId) {

    public static CurrentUser of(Authentication auth) {
        if (auth == null || !(auth.getPrincipal() instanceof OidcUser user)) {
            return null;
        }
        Object roles = user.getClaims().get("roles");
        List<String> list = roles instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
        String username = user.getPreferredUsername() != null ? user.getPreferredUsername() : user.getSubject();
        return new CurrentUser(username, user.getFullName() != null ? user.getFullName() : username, list,
                user.getClaimAsString("division"), user.getClaimAsString("baseId"));
    }

    /** The roles that read progress reports (docs/reports.md): the dashboard is theirs. */
    static final java.util.Set<String> PROGRESS_READERS = java.util.Set.of("PROVINCE_OFFICER", "CITY_OFFICER",
            "COUNTY_OFFICER", "COUNTY_LEADER", "FINANCE_OFFICER", "AUDITOR");

    public boolean readsProgress() {
        return roles.stream().anyMatch(PROGRESS_READERS::contains);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The first role, for the top bar. */
    public String role() {
        return roles.isEmpty() ? "" : roles.get(0);
    }
}
