package cn.sunshine.enrollment.base;

import cn.sunshine.platform.events.EventMetadata;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.stereotype.Component;

/** Keeps {@link AccreditedBase} from the accreditation events, each applied once. */
@Component
public class AccreditationEvents {

    private final Projections projections;

    public AccreditationEvents(Projections projections) {
        this.projections = projections;
    }

    public void onAccredited(BaseAccredited e, EventMetadata meta) {
        projections.apply(AccreditedBase.class, e.baseId(), meta.id(), () -> AccreditedBase.from(e), b -> b.apply(e));
    }

    public void onRevoked(BaseRevoked e, EventMetadata meta) {
        projections.apply(AccreditedBase.class, e.baseId(), meta.id(), () -> AccreditedBase.revokedBeforeAccredited(e),
                b -> b.apply(e));
    }
}
