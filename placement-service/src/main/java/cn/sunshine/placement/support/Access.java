package cn.sunshine.placement.support;

import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Placement's own access rule on top of {@link Jurisdiction} (which finds the caller and holds the rules every
 * service shares): which records of bases a caller may list.
 */
public final class Access {

    private Access() {
    }

    /**
     * The records of bases a caller may list: base staff see their own base, officials their
     * jurisdiction, anyone else nothing. {@code baseField} and {@code divisionField} name the record's fields.
     */
    public static Criteria listScope(String baseField, String divisionField) {
        CurrentUser user = Jurisdiction.currentUser();
        if (user.hasAny(Jurisdiction.OFFICIALS)) {
            return Jurisdiction.scope(divisionField);
        }
        if (user.has(Role.BASE_STAFF) && user.baseId() != null) {
            return Criteria.where(baseField).is(user.baseId());
        }
        return Criteria.where(divisionField).is("-none-");
    }
}
