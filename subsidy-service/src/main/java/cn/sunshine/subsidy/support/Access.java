package cn.sunshine.subsidy.support;

import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.Jurisdiction;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.usecase.Changes;

/** Who may act on which record: the role is checked by @Allowed, the jurisdiction here. */
public final class Access {

    public static final Role[] READERS = Jurisdiction.OFFICIALS;

    /**
     * The scope of a change the system makes on its own (an event, a payment, a schedule): no caller to check, no
     * acting user.
     */
    public static final Changes.Scope<Object> SYSTEM = record -> null;

    private Access() {
    }

    /** The caller acts on a record of this division (their jurisdiction covers it), else 404. */
    public static CurrentUser over(String division, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.covers(division)) {
            throw DomainException.notFound(what);
        }
        return user;
    }

    /** The caller is staff of this base, else 404. */
    public static CurrentUser ownBase(String baseId, String what) {
        CurrentUser user = Jurisdiction.currentUser();
        if (!user.has(Role.BASE_STAFF) || baseId == null || !baseId.equals(user.baseId())) {
            throw DomainException.notFound(what);
        }
        return user;
    }
}
