package cn.sunshine.enrollment.config;

import cn.sunshine.enrollment.base.AccreditationEvents;
import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events enrollment-service consumes (docs/events.md). */
@Configuration(proxyBeanMethods = false)
class Subscriptions {

    @Bean
    EventSubscriptions eventSubscriptions(AccreditationEvents accreditation) {
        return EventSubscriptions.create()
                .on(EventTypes.BASE_ACCREDITED, accreditation::onAccredited)
                .on(EventTypes.BASE_REVOKED, accreditation::onRevoked);
    }
}
