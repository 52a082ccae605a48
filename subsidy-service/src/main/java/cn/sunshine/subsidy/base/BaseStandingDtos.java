package cn.sunshine.subsidy.base;

import java.time.Instant;

/** What the base standing endpoints answer. */
public final class BaseStandingDtos {

    private BaseStandingDtos() {
    }

    public record BaseStandingView(String baseId, String name, String divisionCode, boolean revoked, boolean paymentsHeld,
                                   String holdReason, Instant heldSince, String heldBy) {
        static BaseStandingView of(BaseStanding s) {
            return new BaseStandingView(s.getId(), s.getName(), s.getDivisionCode(), s.isRevoked(), s.isPaymentsHeld(),
                    s.getHoldReason(), s.getHeldSince(), s.getHeldBy());
        }
    }
}
