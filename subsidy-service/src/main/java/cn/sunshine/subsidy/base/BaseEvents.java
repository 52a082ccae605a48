package cn.sunshine.subsidy.base;

import cn.sunshine.platform.bases.AccreditedBaseEvents;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link AccreditedBase} from the accreditation events, each applied once (docs/events.md). */
@Configuration(proxyBeanMethods = false)
class BaseEvents {

    @Bean
    EventSubscriptions baseEventSubscriptions(Projections projections) {
        return AccreditedBaseEvents.subscriptions(projections, AccreditedBase.class, AccreditedBase::new);
    }
}
