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
 * A record outside the jurisdiction is "not found" (its existence is not revealed); a write aimed at a
 * division or base named in the request that is not the caller's is refused (403).
 * <p>
 * The caller is found one way, {@link #currentUser()}: use cases ask these helpers, which answer the
 * acting user, rather than taking the user from their controller.
 */
public final class Jurisdiction {

    /** The officials who read the program's records within their jurisdiction. */
    public static final Role[] OFFICIALS = Roles.OFFICIALS.roles();

    /** The officers who act for a division: county, city and province. */
    public static final Role[] OFFICERS = Roles.OFFICERS.roles();

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
        over(recordDivision, what);
    }

    /** The caller acting on a record of this division: 404 when it lies outside their jurisdiction. */
    public static CurrentUser over(String recordDivision, String what) {
        CurrentUser user = currentUser();
        if (!user.covers(recordDivision)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /**
     * A caller with one of the roles (else 403) acting on an existing record: 404 when the record lies outside
     * their jurisdiction.
     */
    public static CurrentUser roleOver(String recordDivision, String what, Role... roles) {
        CurrentUser user = requireRole(roles);
        if (!user.covers(recordDivision)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** An officer ({@link #OFFICERS}) acting on an existing record: 404 when it lies outside their jurisdiction. */
    public static CurrentUser officerOver(String recordDivision, String what) {
        return roleOver(recordDivision, what, OFFICERS);
    }

    /**
     * An officer ({@link #OFFICERS}, else 403) acting for a division named in the request body: 403 when it lies
     * outside their jurisdiction.
     */
    public static CurrentUser officerFor(String division) {
        CurrentUser user = requireRole(OFFICERS);
        if (!user.covers(division)) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "you can act for " + user.division() + " and the divisions below it only");
        }
        return user;
    }

    /** True when the caller may read programme records of the division (an official covering it). */
    public static boolean readsDivision(CurrentUser user, String recordDivision) {
        return user.hasAny(OFFICIALS) && user.covers(recordDivision);
    }

    /** True when the user is staff of this base. */
    public static boolean isStaffOf(CurrentUser user, String baseId) {
        return user.has(Role.BASE_STAFF) && baseId != null && baseId.equals(user.baseId());
    }

    /** The base's own staff acting on one of its records; anyone else is told "not found". */
    public static CurrentUser ownBaseStaff(String baseId, String what) {
        CurrentUser user = currentUser();
        if (!isStaffOf(user, baseId)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** Base staff (else 403) acting for their own base, named in the request: 403 for another base. */
    public static CurrentUser staffOf(String baseId) {
        CurrentUser user = requireRole(Role.BASE_STAFF);
        if (baseId == null || !baseId.equals(user.baseId())) {
            throw new DomainException(403, "outside-jurisdiction", "Not your base",
                    "base staff act for their own base only");
        }
        return user;
    }

    /**
     * Reads of a base's records: officers whose jurisdiction covers the base's division, or the
     * base's own staff; anyone else is told "not found".
     */
    public static CurrentUser requireOfficerOrOwnBase(String recordDivision, String baseId, String what) {
        CurrentUser user = currentUser();
        boolean ownBase = isStaffOf(user, baseId);
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
