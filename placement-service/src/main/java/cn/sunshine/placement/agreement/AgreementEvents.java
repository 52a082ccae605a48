package cn.sunshine.placement.agreement;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.messaging.EventSubscriptions;
import cn.sunshine.platform.outbox.Projections;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps {@link CommittedRate} from {@code accreditation.agreement.signed.v1}, each event applied once. */
@Configuration(proxyBeanMethods = false)
class AgreementEvents {

    @Bean
    EventSubscriptions agreementEventSubscriptions(Projections projections) {
        return EventSubscriptions.create()
                .on(EventTypes.AGREEMENT_SIGNED, projections.handler(CommittedRate.class,
                        e -> CommittedRate.idOf(e.baseId(), e.year()), CommittedRate::from, CommittedRate::apply));
    }
}
