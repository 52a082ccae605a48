package cn.sunshine.subsidy.base;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.BaseAccredited;
import cn.sunshine.platform.events.accreditation.BaseRevoked;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link BaseStanding} from the accreditation events, each applied once (docs/events.md). */
@Configuration(proxyBeanMethods = false)
class BaseEvents {

    @Bean
    EventSubscriptions baseEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(EventTypes.BASE_ACCREDITED, projections.handler(BaseStanding.class, BaseAccredited::baseId,
                        BaseStanding::from, BaseStanding::apply))
                .on(EventTypes.BASE_REVOKED, projections.handler(BaseStanding.class, BaseRevoked::baseId,
                        BaseStanding::from, BaseStanding::apply));
    }
}
