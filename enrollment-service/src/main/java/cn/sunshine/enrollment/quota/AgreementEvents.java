package cn.sunshine.enrollment.quota;

import cn.sunshine.platform.events.EventTypes;
import cn.sunshine.platform.events.accreditation.AgreedMajor;
import cn.sunshine.platform.events.accreditation.AgreementSigned;
import cn.sunshine.platform.messaging.EventSubscriptions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * Keeps each base × major × year's quota from {@code accreditation.agreement.signed.v1}: the latest
 * agreement version wins; a major left out of a later version has quota 0 from then on.
 */
@Configuration(proxyBeanMethods = false)
class AgreementEvents {

    @Bean
    EventSubscriptions agreementEventSubscriptions(Places places, MongoTemplate mongo) {
        return EventSubscriptions.create().on(EventTypes.AGREEMENT_SIGNED, (e, meta) -> apply(places, mongo, e));
    }

    static void apply(Places places, MongoTemplate mongo, AgreementSigned e) {
        if (e.baseId() == null || e.majors() == null) {
            throw new IllegalArgumentException("an agreement without a base or majors");
        }
        for (AgreedMajor m : e.majors()) {
            places.setLimit(new PlaceCounter(PlaceCounter.quotaId(e.baseId(), m.majorCode(), e.year()), "QUOTA",
                    e.baseId(), m.majorCode(), e.year(), m.quota(), 0, 0, 0), e.version());
        }
        Set<String> agreed = e.majors().stream().map(AgreedMajor::majorCode).collect(Collectors.toSet());
        for (PlaceCounter c : mongo.find(Query.query(Criteria.where("baseId").is(e.baseId()).and("year").is(e.year())
                .and("kind").is("QUOTA")), PlaceCounter.class)) {
            if (!agreed.contains(c.majorCode())) {
                places.setLimit(new PlaceCounter(c.id(), c.kind(), c.baseId(), c.majorCode(), c.year(), 0, 0, 0, 0),
                        e.version());
            }
        }
    }
}
