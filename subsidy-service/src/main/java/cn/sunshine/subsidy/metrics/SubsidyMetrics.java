package cn.sunshine.subsidy.metrics;

import cn.sunshine.subsidy.claim.Claim;
import cn.sunshine.subsidy.claim.ClaimStatus;
import cn.sunshine.subsidy.payment.InstructionStatus;
import cn.sunshine.subsidy.payment.PaymentInstruction;
import cn.sunshine.subsidy.payment.Reconciliation;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The money path's figures for operators (docs/operations.md, alerts): claims by stage, how long the oldest
 * unpaid payment instruction has waited for the finance bureau, and the mismatches of the latest
 * reconciliation. Read from the store at each scrape (a handful of counts on indexed fields); a store that
 * does not answer gives NaN, never a reassuring 0.
 */
@Component
class SubsidyMetrics implements InitializingBean {

    private final MongoTemplate mongo;
    private final MeterRegistry meters;
    private final Clock clock;

    SubsidyMetrics(MongoTemplate mongo, MeterRegistry meters, Clock clock) {
        this.mongo = mongo;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void afterPropertiesSet() {
        for (ClaimStatus s : ClaimStatus.values()) {
            gauge("sunshine.subsidy.claims", "claims by status", () -> (double) mongo.count(
                    Query.query(Criteria.where("status").is(s)), Claim.class), "status", s.name());
        }
        gauge("sunshine.subsidy.instructions.unpaid", "payment instructions not paid yet (pending, sending, accepted)",
                () -> (double) mongo.count(unpaid(), PaymentInstruction.class));
        Gauge.builder("sunshine.subsidy.instructions.unpaid.oldest.age", this, m -> safe(() -> {
            PaymentInstruction oldest = mongo.findOne(unpaid().with(Sort.by("createdAt")).limit(1),
                    PaymentInstruction.class);
            return oldest == null || oldest.getCreatedAt() == null ? 0.0
                    : Math.max(0, Duration.between(oldest.getCreatedAt(), clock.instant()).toSeconds());
        })).baseUnit("seconds").description("how long the oldest unpaid payment instruction has waited").register(meters);
        gauge("sunshine.subsidy.reconciliation.mismatches", "mismatches found by the latest reconciliation", () -> {
            Reconciliation r = mongo.findOne(new Query().with(Sort.by(Sort.Direction.DESC, "ranAt")).limit(1),
                    Reconciliation.class);
            return r == null ? 0.0 : (double) r.mismatches().size();
        });
    }

    private static Query unpaid() {
        return Query.query(Criteria.where("status").in(InstructionStatus.PENDING, InstructionStatus.SENDING,
                InstructionStatus.ACCEPTED));
    }

    private void gauge(String name, String description, Supplier<Double> value, String... tags) {
        Gauge.builder(name, this, m -> safe(value)).description(description).tags(tags).register(meters);
    }

    private static double safe(Supplier<Double> value) {
        try {
            return value.get();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
