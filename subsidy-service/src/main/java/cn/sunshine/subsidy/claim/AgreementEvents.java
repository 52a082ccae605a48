package cn.sunshine.subsidy.claim;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link BaseAgreement} from the signed agreements. */
@Configuration(proxyBeanMethods = false)
class AgreementEvents {

    @Bean
    EventSubscriptions agreementEventSubscriptions(Projections projections) {
        return EventSubscriptions.create().on(EventTypes.AGREEMENT_SIGNED,
                projections.handler(BaseAgreement.class, BaseAgreement::keyOf, BaseAgreement::from, BaseAgreement::apply));
    }
}
