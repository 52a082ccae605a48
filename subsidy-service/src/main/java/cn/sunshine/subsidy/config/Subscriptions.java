package cn.sunshine.subsidy.config;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.subsidy.base.BaseStandingController.AccreditationEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The events subsidy-service consumes (docs/events.md). */
@Configuration(proxyBeanMethods = false)
class Subscriptions {

    @Bean
    EventSubscriptions eventSubscriptions(AccreditationEvents accreditation) {
        return EventSubscriptions.create()
                .on(EventTypes.BASE_ACCREDITED, accreditation::onAccredited)
                .on(EventTypes.BASE_REVOKED, accreditation::onRevoked);
    }
}
