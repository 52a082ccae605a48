package cn.sunshine.enrollment.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;

/** This service's access rules on top of {@link Jurisdiction}. */
public final class Access {

    public static final Role[] READERS = Jurisdiction.OFFICIALS;

    private Access() {
    }

    /** The base's own staff; anyone else is told "not found". */
    public static CurrentUser ownBaseStaff(String baseId, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.has(Role.BASE_STAFF) || !baseId.equals(user.baseId())) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** A county officer whose jurisdiction covers the record; anyone else is told "not found". */
    public static CurrentUser countyOfficerOver(String division, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.has(Role.COUNTY_OFFICER) || !user.covers(division)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** The base's own staff, or a county officer covering it. */
    public static CurrentUser ownBaseStaffOrCountyOfficer(String division, String baseId, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        boolean own = user.has(Role.BASE_STAFF) && baseId.equals(user.baseId());
        boolean officer = user.has(Role.COUNTY_OFFICER) && user.covers(division);
        if (!own && !officer) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /**
     * What the caller sees of a trainee's personal data (docs/personal-data.md): whole for a county
     * officer of the trainee's county; masked with the household address for the trainee's own base;
     * masked without address, birth date or age for everyone else.
     */
    public static cn.sunshine.platform.identifiers.Disclosure disclosure(CurrentUser user, String division, String baseId) {
        if (seesWhole(user, division)) {
            return cn.sunshine.platform.identifiers.Disclosure.WHOLE;
        }
        boolean ownBase = user.has(Role.BASE_STAFF) && baseId != null && baseId.equals(user.baseId());
        return ownBase ? cn.sunshine.platform.identifiers.Disclosure.MASKED_WITH_ADDRESS
                : cn.sunshine.platform.identifiers.Disclosure.MASKED;
    }

    /** Whether the caller sees personal data whole: a county officer of the record's county. */
    public static boolean seesWhole(CurrentUser user, String division) {
        return user.has(Role.COUNTY_OFFICER) && user.covers(division);
    }
}
