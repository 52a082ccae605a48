package cn.sunshine.platform.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/** {@code sunshine.idempotency.*}: how {@link IdempotentRequests} keeps its records. */
@ConfigurationProperties("sunshine.idempotency")
public class IdempotencyProperties {

    /**
     * How long a request owns its key without a renewal. The process running it renews it every
     * third of this; a record still PENDING and not renewed for this long (the process died mid-way)
     * may be taken over by a retry with the same key and body.
     */
    private Duration lease = Duration.ofSeconds(30);
    /** How long a completed answer is kept for replay (a TTL index removes it afterwards). */
    private Duration retention = Duration.ofDays(7);
    /** The Retry-After of a 409 idempotency-request-in-progress, in seconds. */
    private int retryAfterSeconds = 2;

    public Duration getLease() {
        return lease;
    }

    public void setLease(Duration lease) {
        this.lease = lease;
    }

    public Duration getRetention() {
        return retention;
    }

    public void setRetention(Duration retention) {
        this.retention = retention;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public void setRetryAfterSeconds(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }
}
