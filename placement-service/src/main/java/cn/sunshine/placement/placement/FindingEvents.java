package cn.sunshine.placement.placement;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A spot-check finding {@code NOT_EMPLOYED_AS_REPORTED} disproves the placement it concerns. The
 * finding is this service's own event ({@code placement.finding.recorded.v1}, in the spot check's
 * outbox with the call), so the disproval follows the call reliably — whatever happens between the
 * two writes — and once per event (the event id is kept with the change in one conditional write).
 */
@Configuration(proxyBeanMethods = false)
class FindingEvents {

    @Bean
    EventSubscriptions findingEventSubscriptions(Placements placements) {
        return EventSubscriptions.create()
                .on(EventTypes.FINDING_RECORDED, (finding, meta) -> placements.applyFinding(finding, meta.id()));
    }
}
