package cn.sunshine.placement.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;
import org.springframework.data.mongodb.core.query.Criteria;

/** This service's access rules on top of {@link Jurisdiction}. */
public final class Access {

    public static final Role[] READERS = Jurisdiction.OFFICIALS;

    /**
     * The scope of a change the system makes on its own (an event, a schedule): no caller to check, no acting
     * user.
     */
    public static final Changes.Scope<Object> SYSTEM = record -> null;

    private Access() {
    }

    /** Base staff acting for their own base: 403 for another base. */
    public static CurrentUser staffOf(String baseId) {
        CurrentUser user = Jurisdiction.requireRole(Role.BASE_STAFF);
        if (baseId == null || !baseId.equals(user.baseId())) {
            throw new DomainException(403, "outside-jurisdiction", "Not your base",
                    "base staff act for their own base only");
        }
        return user;
    }

    /** A county officer acting on a record of a division: 404 when it lies outside their county. */
    public static CurrentUser countyOfficerOver(String recordDivision, String what) {
        CurrentUser user = Jurisdiction.requireRole(Role.COUNTY_OFFICER);
        if (!user.covers(recordDivision)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /**
     * The records of bases a caller may list: base staff see their own base, readers their
     * jurisdiction. {@code baseField} and {@code divisionField} name the record's fields.
     */
    public static Criteria listScope(String baseField, String divisionField) {
        CurrentUser user = Jurisdiction.currentUser();
        if (user.hasAny(READERS)) {
            return Jurisdiction.scope(divisionField);
        }
        if (user.has(Role.BASE_STAFF) && user.baseId() != null) {
            return Criteria.where(baseField).is(user.baseId());
        }
        return Criteria.where(divisionField).is("-none-");
    }
}
