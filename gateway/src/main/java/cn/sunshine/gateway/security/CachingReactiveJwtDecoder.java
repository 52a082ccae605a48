package cn.sunshine.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the tokens the real decoder accepted, by their SHA-256, until each one's expiry: a
 * caller's next request with the same token skips the signature check and the validators, which
 * gave the same answer for the same bytes. Only accepted tokens with an expiry are kept, and never
 * past it (a hit at or after {@code exp} goes to the real decoder, which refuses it or, within its
 * clock skew, accepts it again without it being kept). A token the real decoder refused is never
 * kept, so a tampered, foreign or expired token meets the full check every time. At most
 * {@code maxEntries}: expired entries are dropped first; beyond that new tokens are simply not kept.
 * The tokens themselves are not held, only their digests.
 */
public final class CachingReactiveJwtDecoder implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final int maxEntries;
    private final Map<Key, Jwt> accepted = new ConcurrentHashMap<>();

    public CachingReactiveJwtDecoder(ReactiveJwtDecoder delegate, Clock clock, int maxEntries) {
        this.delegate = delegate;
        this.clock = clock;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Key key = Key.of(token);
        Jwt known = accepted.get(key);
        if (known != null) {
            if (clock.instant().isBefore(known.getExpiresAt())) {
                return Mono.just(known);
            }
            accepted.remove(key, known);
        }
        return delegate.decode(token).doOnNext(jwt -> remember(key, jwt));
    }

    private void remember(Key key, Jwt jwt) {
        Instant expires = jwt.getExpiresAt();
        if (expires == null || !clock.instant().isBefore(expires)) {
            return;
        }
        if (accepted.size() >= maxEntries) {
            Instant now = clock.instant();
            accepted.values().removeIf(j -> !now.isBefore(j.getExpiresAt()));
            if (accepted.size() >= maxEntries) {
                return;
            }
        }
        accepted.put(key, jwt);
    }

    /** Tokens currently remembered (for tests and metrics). */
    int size() {
        return accepted.size();
    }

    /** A token's SHA-256 as four longs. */
    private record Key(long a, long b, long c, long d) {
        static Key of(String token) {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
            ByteBuffer digest = ByteBuffer.wrap(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
            return new Key(digest.getLong(), digest.getLong(), digest.getLong(), digest.getLong());
        }
    }
}
