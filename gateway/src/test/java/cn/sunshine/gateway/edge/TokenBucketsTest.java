package cn.sunshine.gateway.edge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TokenBuckets buckets = new TokenBuckets(3, now::get);
    private final TokenBuckets.Limit twoPerSecondBurstFour = new TokenBuckets.Limit(2, 4);

    @Test
    void aCallerMaySendTheBurstThenWaitsForTheRefill() {
        for (int i = 0; i < 4; i++) {
            assertThat(buckets.tryConsume("sub:a", twoPerSecondBurstFour).allowed()).isTrue();
        }
        TokenBuckets.Decision refused = buckets.tryConsume("sub:a", twoPerSecondBurstFour);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(buckets.tryConsume("sub:a", twoPerSecondBurstFour).allowed()).isTrue();
        assertThat(buckets.tryConsume("sub:a", twoPerSecondBurstFour).allowed()).isFalse();
    }

    @Test
    void callersHaveTheirOwnBuckets() {
        for (int i = 0; i < 4; i++) {
            buckets.tryConsume("sub:a", twoPerSecondBurstFour);
        }
        assertThat(buckets.tryConsume("sub:a", twoPerSecondBurstFour).allowed()).isFalse();
        assertThat(buckets.tryConsume("ip:10.0.0.7", twoPerSecondBurstFour).allowed()).isTrue();
    }

    @Test
    void idleCallersAreForgottenWhenTooManyAreTracked() {
        buckets.tryConsume("sub:a", twoPerSecondBurstFour);
        buckets.tryConsume("sub:b", twoPerSecondBurstFour);
        buckets.tryConsume("sub:c", twoPerSecondBurstFour);
        now.addAndGet(Duration.ofSeconds(5).toNanos());

        buckets.tryConsume("sub:d", twoPerSecondBurstFour);

        assertThat(buckets.size()).isEqualTo(1);
    }
}
