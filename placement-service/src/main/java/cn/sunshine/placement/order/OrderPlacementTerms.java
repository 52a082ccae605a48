package cn.sunshine.placement.order;

import cn.sunshine.placement.placement.OrderTerms;
import cn.sunshine.platform.domain.DomainException;
import cn.sunshine.platform.domain.Phrase;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** A placement under an order fits it: the base's own order, its employer, a major it asks for. */
@Component
class OrderPlacementTerms implements OrderTerms {

    private final MongoTemplate mongo;

    OrderPlacementTerms(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void checkPlacement(String orderId, String baseId, String employerCreditCode, String majorCode) {
        TrainingOrder order = mongo.findById(orderId, TrainingOrder.class);
        if (order == null || !order.getBaseId().equals(baseId)) {
            throw DomainException.invalidField("orderId", Phrase.coded("order.not-your-base",
                    "is not an order of your base"));
        }
        if (!order.getEmployerCreditCode().equals(employerCreditCode)) {
            throw DomainException.invalidField("employer.creditCode", Phrase.coded("order.not-the-employer",
                    "is not the order's employer "
                    + order.getEmployerCreditCode(), order.getEmployerCreditCode()));
        }
        if (order.position(majorCode) == null) {
            throw DomainException.invalidField("orderId", Phrase.coded("order.no-positions",
                    "has no positions for " + majorCode, majorCode));
        }
    }
}
