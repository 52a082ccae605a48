package cn.sunshine.enrollment.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.identifiers.Disclosure;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;

/**
 * Enrollment's own access rules on top of {@link Jurisdiction} (which finds the caller and holds the rules
 * every service shares): here a caller without the county officer's role is told "not found" too, and what a
 * caller sees of a trainee's personal data.
 */
public final class Access {

    private Access() {
    }

    /** A county officer whose jurisdiction covers the record; anyone else is told "not found". */
    public static CurrentUser countyOfficerOver(String division, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!seesWhole(user, division)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** The base's own staff, or a county officer covering it. */
    public static CurrentUser ownBaseStaffOrCountyOfficer(String division, String baseId, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!Jurisdiction.isStaffOf(user, baseId) && !seesWhole(user, division)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /**
     * What the caller sees of a trainee's personal data (docs/personal-data.md): whole for a county
     * officer of the trainee's county; masked with the household address for the trainee's own base;
     * masked without address, birth date or age for everyone else.
     */
    public static Disclosure disclosure(CurrentUser user, String division, String baseId) {
        if (seesWhole(user, division)) {
            return Disclosure.WHOLE;
        }
        return Jurisdiction.isStaffOf(user, baseId) ? Disclosure.MASKED_WITH_ADDRESS : Disclosure.MASKED;
    }

    /** Whether the caller sees personal data whole: a county officer of the record's county. */
    public static boolean seesWhole(CurrentUser user, String division) {
        return user.has(Role.COUNTY_OFFICER) && user.covers(division);
    }
}
