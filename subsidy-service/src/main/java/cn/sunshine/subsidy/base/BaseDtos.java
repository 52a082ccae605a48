package cn.sunshine.subsidy.base;

import java.time.Instant;

/** What the base standing endpoints answer. */
public final class BaseDtos {

    private BaseDtos() {
    }

    public record BaseStandingView(String baseId, String name, String divisionCode, boolean revoked, boolean paymentsHeld,
                                   String holdReason, Instant heldSince, String heldBy) {
        static BaseStandingView of(AccreditedBase s) {
            return new BaseStandingView(s.getId(), s.getName(), s.getDivisionCode(), s.isRevoked(), s.isPaymentsHeld(),
                    s.getHoldReason(), s.getHeldSince(), s.getHeldBy());
        }
    }
}
