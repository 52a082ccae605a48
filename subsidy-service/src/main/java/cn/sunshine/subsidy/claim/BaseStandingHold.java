package cn.sunshine.subsidy.claim;

import cn.sunshine.subsidy.base.AccreditedBase;
import cn.sunshine.subsidy.payment.PaymentHold;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * A revoked base's payments are held (AccreditedBase keeps who decided it and why), except a claim the county
 * released from the hold with a second person's confirmation.
 */
@Component
class BaseStandingHold implements PaymentHold {

    private final MongoTemplate mongo;

    BaseStandingHold(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<String> holdOf(String baseId, String claimId) {
        AccreditedBase s = mongo.findById(baseId, AccreditedBase.class);
        if (s == null || !s.isPaymentsHeld()) {
            return Optional.empty();
        }
        Claim c = claimId == null ? null : mongo.findById(claimId, Claim.class);
        // The county released this claim from the hold (proposed by one person, confirmed by another).
        return c != null && c.isHoldReleased() ? Optional.empty() : Optional.of(s.getHoldReason());
    }
}
