package cn.sunshine.gateway.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway remembers accepted tokens until their expiry, and nothing else. */
class CachingReactiveJwtDecoderTest {

    private static final Instant T0 = Instant.parse("2026-12-07T00:00:00Z");

    /** A stand-in for the real decoder: accepts tokens named "good-…", expiring at the time it was told. */
    private static final class Counting implements ReactiveJwtDecoder {
        final List<String> calls = new ArrayList<>();
        Instant expiresAt = T0.plus(Duration.ofHours(1));

        @Override
        public Mono<Jwt> decode(String token) {
            calls.add(token);
            if (!token.startsWith("good")) {
                return Mono.error(new BadJwtException("refused"));
            }
            Jwt.Builder b = Jwt.withTokenValue(token).header("alg", "RS256").subject("county-officer-420981")
                    .issuedAt(T0.minusSeconds(60));
            if (expiresAt != null) {
                b.expiresAt(expiresAt);
            }
            return Mono.just(b.build());
        }
    }

    private static final class MovableClock extends Clock {
        Instant now = T0;

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Counting real = new Counting();
    private final MovableClock clock = new MovableClock();
    private final CachingReactiveJwtDecoder decoder = new CachingReactiveJwtDecoder(real, clock, 3);

    @Test
    void anAcceptedTokenIsCheckedOnceUntilItExpiresThenAgain() {
        Jwt first = decoder.decode("good-1").block();
        Jwt second = decoder.decode("good-1").block();
        assertThat(second).isSameAs(first);
        assertThat(real.calls).containsExactly("good-1");

        clock.now = T0.plus(Duration.ofMinutes(59));
        decoder.decode("good-1").block();
        assertThat(real.calls).containsExactly("good-1");

        // At its expiry the real decoder decides again (and its answer, expired, is not kept).
        clock.now = T0.plus(Duration.ofHours(1));
        decoder.decode("good-1").block();
        decoder.decode("good-1").block();
        assertThat(real.calls).containsExactly("good-1", "good-1", "good-1");
    }

    @Test
    void aRefusedTokenMeetsTheFullCheckEveryTime() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode("tampered").block()).isInstanceOf(BadJwtException.class);
        }
        assertThat(real.calls).containsExactly("tampered", "tampered", "tampered");
        assertThat(decoder.size()).isZero();
    }

    @Test
    void anAcceptedTokenDoesNotVouchForAnotherOneThatDiffersFromIt() {
        decoder.decode("good-1").block();
        assertThatThrownBy(() -> decoder.decode("good-1".replace("good", "bad!")).block()).isInstanceOf(BadJwtException.class);
        decoder.decode("good-2").block();
        assertThat(real.calls).containsExactly("good-1", "bad!-1", "good-2");
    }

    @Test
    void aTokenWithoutExpiryIsNeverKept() {
        real.expiresAt = null;
        decoder.decode("good-forever").block();
        decoder.decode("good-forever").block();
        assertThat(real.calls).hasSize(2);
        assertThat(decoder.size()).isZero();
    }

    @Test
    void atMostMaxEntriesAreKeptExpiredOnesMakingRoomFirst() {
        real.expiresAt = T0.plus(Duration.ofMinutes(5));
        decoder.decode("good-a").block();
        decoder.decode("good-b").block();
        real.expiresAt = T0.plus(Duration.ofHours(1));
        decoder.decode("good-c").block();
        decoder.decode("good-d").block(); // full: not kept
        assertThat(decoder.size()).isEqualTo(3);
        decoder.decode("good-d").block();
        assertThat(real.calls).containsExactly("good-a", "good-b", "good-c", "good-d", "good-d");

        clock.now = T0.plus(Duration.ofMinutes(10)); // a and b have expired: they make room
        decoder.decode("good-e").block();
        decoder.decode("good-e").block();
        assertThat(real.calls).endsWith("good-e").filteredOn("good-e"::equals).hasSize(1);
        assertThat(decoder.size()).isEqualTo(2);
    }
}
