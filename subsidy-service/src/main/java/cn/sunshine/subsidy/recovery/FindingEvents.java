package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * placement's spot-check findings, and accreditation's inspection findings that involve money and name the
 * trainees, become recovery orders (once per finding).
 */
@Configuration(proxyBeanMethods = false)
class FindingEvents {

    @Bean
    EventSubscriptions findingEventSubscriptions(Recoveries recoveries) {
        return EventSubscriptions.create().on(EventTypes.FINDING_RECORDED, recoveries::onFinding)
                .on(EventTypes.INSPECTION_FINDING_RECORDED, recoveries::onInspectionFinding);
    }
}
