package cn.sunshine.yeardriver;

import java.time.Duration;
import java.util.Map;

/**
 * What one service's actors do for a county, through the gateway: each act is a request (or a few) that a
 * county officer, a leader, a finance clerk, an expert, a base's staff or the public sends, its body a typed
 * record serialised as the service expects it. What the acts learn (ids, vouchers, placements) goes to the
 * {@link County}.
 */
abstract class Acts {

    /**
     * How long an actor waits for what arrives as an event (a signed agreement reaching enrollment, a
     * completion reaching subsidy). Seconds in a small year; under a province's load on two cores the
     * consumers run minutes behind, so the wait is long (sunshine.year-driver.event-wait, seconds).
     */
    static final Duration EVENTS = Duration.ofSeconds(Long.getLong("sunshine.year-driver.event-wait", 900));
    /** The class batches skip entries already done, so the driver may send one again (Api.REPEATABLE). */
    static final Map<String, String> REPEATABLE = Map.of(Api.REPEATABLE, "true");

    final County county;
    final Api gw;
    final Actors actors;

    Acts(County county) {
        this.county = county;
        this.gw = county.gw;
        this.actors = county.actors;
    }

    String code() {
        return county.code();
    }

    /** The county's sunshine office (县阳光办), which acts in every service. */
    String officer() {
        return county.officer();
    }

    static Map<String, String> key(String idempotencyKey) {
        return Map.of("Idempotency-Key", idempotencyKey);
    }
}
