package cn.sunshine.subsidy.recovery;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** placement's spot-check findings become recovery orders (once per finding). */
@Configuration(proxyBeanMethods = false)
class FindingEvents {

    @Bean
    EventSubscriptions findingEventSubscriptions(Recoveries recoveries) {
        return EventSubscriptions.create().on(EventTypes.FINDING_RECORDED, recoveries::onFinding);
    }
}
