package cn.sunshine.accreditation.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;

/**
 * This service's access rules on top of {@link Jurisdiction}: who counts as an officer, and how a
 * write aimed at another division (403) differs from a record outside one's reach (404).
 */
public final class Access {

    public static final Role[] OFFICERS = {Role.COUNTY_OFFICER, Role.CITY_OFFICER, Role.PROVINCE_OFFICER};
    public static final Role[] READERS = Jurisdiction.OFFICIALS;

    private Access() {
    }

    /** An officer acting on a division named in the request body: 403 when it lies outside their jurisdiction. */
    public static CurrentUser officerFor(String division) {
        CurrentUser user = Jurisdiction.requireRole(OFFICERS);
        if (!user.covers(division)) {
            throw new DomainException(403, "outside-jurisdiction", "Outside your jurisdiction",
                    "you can act for " + user.division() + " and the divisions below it only");
        }
        return user;
    }

    /** An officer acting on an existing record: 404 when the record lies outside their jurisdiction. */
    public static CurrentUser officerOver(String recordDivision, String what) {
        CurrentUser user = Jurisdiction.requireRole(OFFICERS);
        if (!user.covers(recordDivision)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** True when the caller may read program records of the division (officers, leaders, finance, auditors). */
    public static boolean readsDivision(CurrentUser user, String recordDivision) {
        return user.hasAny(READERS) && user.covers(recordDivision);
    }
}
