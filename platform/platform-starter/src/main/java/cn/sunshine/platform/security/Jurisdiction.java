package cn.sunshine.platform.security;

import cn.sunshine.platform.domain.DomainException;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.regex.Pattern;

/**
 * The one helper that scopes reads and writes to the caller's jurisdiction. Every query of
 * program data adds {@link #scope(String)}; every single-record read checks {@link #requireCovers}.
 * A record outside the jurisdiction is "not found" (its existence is not revealed).
 */
public final class Jurisdiction {

    /** The officials who read the program's records within their jurisdiction. */
    public static final Role[] OFFICIALS = {Role.PROVINCE_OFFICER, Role.CITY_OFFICER, Role.COUNTY_OFFICER,
            Role.COUNTY_LEADER, Role.FINANCE_OFFICER, Role.AUDITOR};

    private Jurisdiction() {
    }

    /**
     * The scope of a list of a base's records: officials see those of their jurisdiction, base staff
     * those of their own base; anyone else is refused (403).
     */
    public static Criteria scopeOfficialsOrOwnBase(String divisionField, String baseField) {
        CurrentUser user = currentUser();
        if (user.hasAny(OFFICIALS)) {
            return scope(divisionField);
        }
        if (user.has(Role.BASE_STAFF) && user.baseId() != null) {
            return Criteria.where(baseField).is(user.baseId());
        }
        throw new org.springframework.security.access.AccessDeniedException("officials and base staff only");
    }

    /** The authenticated caller; fails with 401 semantics when there is none. */
    public static CurrentUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth instanceof ServiceClientAuthentication client) {
            return CurrentUser.client(client.getToken(), client.clientId());
        }
        if (auth instanceof JwtAuthenticationToken jwt) {
            return CurrentUser.from(jwt.getToken());
        }
        throw new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException(
                "no bearer token");
    }

    /** A Mongo criterion restricting {@code divisionField} to the caller's jurisdiction. */
    public static Criteria scope(String divisionField) {
        CurrentUser user = currentUser();
        if (user.division() == null) {
            // A token without a jurisdiction sees nothing.
            return Criteria.where(divisionField).is("-none-");
        }
        return Criteria.where(divisionField).regex("^" + Pattern.quote(user.division().prefix()));
    }

    /** Passes when the record's division is inside the caller's jurisdiction, else 404. */
    public static void requireCovers(String recordDivision, String what) {
        if (!currentUser().covers(recordDivision)) {
            throw DomainException.notFound(what);
        }
    }

    /**
     * Reads of a base's records: officers whose jurisdiction covers the base's division, or the
     * base's own staff; anyone else is told "not found".
     */
    public static CurrentUser requireOfficerOrOwnBase(String recordDivision, String baseId, String what) {
        CurrentUser user = currentUser();
        boolean ownBase = user.has(Role.BASE_STAFF) && baseId != null && baseId.equals(user.baseId());
        boolean officer = user.hasAny(OFFICIALS) && user.covers(recordDivision);
        if (!ownBase && !officer) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /**
     * Passes when the caller is a person with one of the roles, or a service client whose token
     * carries the scope; else 403.
     */
    public static CurrentUser requireRoleOrScope(String scope, Role... roles) {
        CurrentUser user = currentUser();
        if (!user.hasAny(roles) && !user.hasAnyScope(scope)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "this needs one of the roles " + java.util.Arrays.toString(roles) + " or the scope " + scope);
        }
        return user;
    }

    /** Passes when the caller has one of the roles, else 403. */
    public static CurrentUser requireRole(Role... roles) {
        CurrentUser user = currentUser();
        if (!user.hasAny(roles)) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "this needs one of the roles " + java.util.Arrays.toString(roles));
        }
        return user;
    }
}
