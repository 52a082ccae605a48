package cn.sunshine.gateway.edge;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Token buckets in memory, one per key. Each gateway replica counts on its own (no Redis): with
 * {@code n} replicas a caller may get up to {@code n} times the configured rate, which is fine for
 * protecting the services from a runaway client. Memory is bounded: above {@code maxKeys} the
 * buckets that have refilled completely (idle callers, indistinguishable from new ones) are dropped.
 */
public final class TokenBuckets {

    /** The outcome of one request: allowed, or when to try again. */
    public record Decision(boolean allowed, Duration retryAfter) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO);

        /** Whole seconds for a {@code Retry-After} header, at least 1. */
        public long retryAfterSeconds() {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            return Math.max(1, seconds);
        }
    }

    /** A bucket's size and refill rate (tokens per second). */
    public record Limit(double rate, int burst) {
        public Limit {
            if (rate <= 0 || burst < 1) {
                throw new IllegalArgumentException("a rate limit needs rate > 0 and burst >= 1");
            }
        }
    }

    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long SWEEP_INTERVAL_NANOS = NANOS_PER_SECOND;

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;
    private final int maxKeys;
    private final AtomicLong lastSweep = new AtomicLong();

    public TokenBuckets(int maxKeys, LongSupplier nanoTime) {
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
        this.lastSweep.set(nanoTime.getAsLong());
    }

    public TokenBuckets(int maxKeys) {
        this(maxKeys, System::nanoTime);
    }

    /** Takes one token from the key's bucket, creating a full bucket for a new key. */
    public Decision tryConsume(String key, Limit limit) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit, now));
        Decision decision = bucket.tryConsume(now);
        if (buckets.size() > maxKeys) {
            sweep(now);
        }
        return decision;
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        if (now - last < SWEEP_INTERVAL_NANOS || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.entrySet().removeIf(e -> e.getValue().isFull(now));
    }

    private static final class Bucket {

        private final Limit limit;
        private double tokens;
        private long updated;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.tokens = limit.burst();
            this.updated = now;
        }

        synchronized Decision tryConsume(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / limit.rate() * NANOS_PER_SECOND);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= limit.burst();
        }

        private void refill(long now) {
            long elapsed = now - updated;
            if (elapsed > 0) {
                tokens = Math.min(limit.burst(), tokens + elapsed * limit.rate() / NANOS_PER_SECOND);
                updated = now;
            }
        }
    }
}
