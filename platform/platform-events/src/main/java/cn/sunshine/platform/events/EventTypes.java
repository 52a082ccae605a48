package cn.sunshine.platform.events;

import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;

import java.util.List;

/** The catalogue of event types. docs/events.md describes each; every one has a golden sample. */
public final class EventTypes {

    public static final EventType<BaseAccredited> BASE_ACCREDITED =
            new EventType<>("accreditation.base.accredited.v1", BaseAccredited.class);

    public static final EventType<BaseRevoked> BASE_REVOKED =
            new EventType<>("accreditation.base.revoked.v1", BaseRevoked.class);

    public static final List<EventType<?>> ALL = List.of(BASE_ACCREDITED, BASE_REVOKED);

    private EventTypes() {
    }

    public static EventType<?> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
