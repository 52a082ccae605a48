package cn.sunshine.console.claims;

import java.util.List;

/** The claim statuses the controller knows, for tests in other packages. */
public final class ClaimsControllerAccess {

    public static final List<String> STATUSES = ClaimsController.STATUSES;

    private ClaimsControllerAccess() {
    }
}
