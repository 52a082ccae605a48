package cn.sunshine.subsidy.payment;

import cn.sunshine.subsidy.config.SubsidyProperties;
import feign.RetryableException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * The finance bureau behind a circuit breaker and bounded retries. Every call here is idempotent
 * (a submission carries the instruction id as its Idempotency-Key; the rest are reads), so a retry
 * never pays twice. When the bureau is down the breaker opens and callers get {@link Unavailable}
 * at once: the instructions stay PENDING in MongoDB and the relay sends them when it is back.
 */
@Component
public class FinanceBureau {

    /** The bureau cannot be reached now (down, slow, or the breaker is open). */
    public static class Unavailable extends cn.sunshine.platform.domain.DomainException {
        Unavailable(String message, Throwable cause) {
            super(503, "finance-bureau-unavailable", "The finance bureau is unavailable", message);
            initCause(cause);
        }
    }

    /** The bureau refused the request for good (another try would not help). */
    public static class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    /** The bureau does not know the instruction. */
    public static class UnknownInstruction extends RuntimeException {
        UnknownInstruction(String message) {
            super(message);
        }
    }

    private final FinanceBureauClient client;
    private final CircuitBreaker breaker;
    private final Retry retry;

    /**
     * The breaker is made in the application's breaker registry when there is one (so its state is exported as
     * {@code resilience4j_circuitbreaker_state{name="finance-bureau"}} for the alert), else on its own.
     */
    public FinanceBureau(FinanceBureauClient client, SubsidyProperties properties,
                         org.springframework.beans.factory.ObjectProvider<io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry> registry) {
        this.client = client;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(4)
                .failureRateThreshold(50)
                .waitDurationInOpenState(properties.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> !(e instanceof Refused) && !(e instanceof UnknownInstruction))
                .build();
        io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry breakers = registry.getIfAvailable();
        this.breaker = breakers != null ? breakers.circuitBreaker("finance-bureau", config)
                : CircuitBreaker.of("finance-bureau", config);
        this.retry = Retry.of("finance-bureau", RetryConfig.custom()
                .maxAttempts(properties.retryAttempts())
                .waitDuration(properties.retryWait())
                .retryOnException(e -> e instanceof RetryableException)
                .build());
    }

    public FinanceBureauClient.BureauPayment submit(FinanceBureauClient.BureauInstruction instruction) {
        return call(() -> client.submit(instruction.instructionId(), instruction));
    }

    public FinanceBureauClient.BureauPayment status(String instructionId) {
        return call(() -> client.status(instructionId));
    }

    public FinanceBureauClient.BureauStatement statement(String date) {
        return call(() -> client.statement(date));
    }

    public CircuitBreaker.State state() {
        return breaker.getState();
    }

    private <T> T call(Supplier<T> call) {
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, Retry.decorateSupplier(retry, call));
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new Unavailable("the finance bureau's circuit is open: payments wait until it answers again", e);
        } catch (Refused | UnknownInstruction e) {
            throw e;
        } catch (RuntimeException e) {
            throw new Unavailable("the finance bureau did not answer: " + e.getClass().getSimpleName(), e);
        }
    }
}
