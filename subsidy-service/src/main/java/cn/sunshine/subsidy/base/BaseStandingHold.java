package cn.sunshine.subsidy.base;

import cn.sunshine.subsidy.payment.PaymentHold;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** A revoked base's payments are held (BaseStanding keeps who decided it and why). */
@Component
class BaseStandingHold implements PaymentHold {

    private final MongoTemplate mongo;

    BaseStandingHold(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<String> holdOf(String baseId, String claimId) {
        BaseStanding s = mongo.findById(baseId, BaseStanding.class);
        return s != null && s.isPaymentsHeld() ? Optional.of(s.getHoldReason()) : Optional.empty();
    }
}
