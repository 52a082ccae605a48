package cn.sunshine.subsidy.payment;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bureau's callback signature on its own: the canonical string, the window, two keys during a rotation. */
class BureauSignaturesTest {

    private static final String PATH = "/api/subsidy/payment-instructions/c-1-base/settlement";
    private static final Instant NOW = Instant.parse("2026-06-30T02:00:00Z");
    private static final String OLD = "hubei-czt-2026a";
    private static final String NEW = "hubei-czt-2026b";
    private static final byte[] OLD_SECRET = "old-bureau-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] NEW_SECRET = "new-bureau-secret-of-at-least-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"bureauReference\":\"CZ1\",\"status\":\"PAID\",\"amountFen\":200000}"
            .getBytes(StandardCharsets.UTF_8);
    private static final String NONCE = "3f2a9c0e6b8d4f1a9e7c";

    private final BureauSignatures both = verifier(Map.of(OLD, OLD_SECRET, NEW, NEW_SECRET));

    @Test
    void theCanonicalStringIsSchemeMethodPathTimestampNonceAndTheBodysHash() {
        assertThat(BureauSignatures.canonical("POST", PATH, "1782784800", NONCE, BODY)).isEqualTo(
                "SUNSHINE-BUREAU-HMAC-SHA256\nPOST\n" + PATH + "\n1782784800\n" + NONCE + "\n"
                        + BureauSignatures.sha256Hex(BODY));
        assertThat(BureauSignatures.sha256Hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        // HMAC-SHA256 as RFC 4231 test case 2 has it, lower-case hex.
        assertThat(BureauSignatures.sign("Jefe".getBytes(StandardCharsets.UTF_8), "what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aRequestSignedUnderEitherKeyOfARotationPassesAndNamesItsKey() {
        assertThat(both.verify("POST", PATH, OLD, ts(NOW), NONCE, sig(OLD_SECRET, NOW, BODY), BODY).keyId()).isEqualTo(OLD);
        BureauSignatures.Verified v = both.verify("POST", PATH, NEW, ts(NOW), NONCE, sig(NEW_SECRET, NOW, BODY), BODY);
        assertThat(v.keyId()).isEqualTo(NEW);
        assertThat(v.nonce()).isEqualTo(NONCE);
        assertThat(v.timestamp()).isEqualTo(NOW);
        // Upper-case hex is the same signature.
        assertThat(both.verify("POST", PATH, NEW, ts(NOW), NONCE, sig(NEW_SECRET, NOW, BODY).toUpperCase(), BODY))
                .isNotNull();
    }

    @Test
    void onceTheOldKeyIsRemovedItsSignaturesAreRefused() {
        BureauSignatures newOnly = verifier(Map.of(NEW, NEW_SECRET));
        assertRejected(() -> newOnly.verify("POST", PATH, OLD, ts(NOW), NONCE, sig(OLD_SECRET, NOW, BODY), BODY),
                "does not verify");
        // Nor does the old secret pass under the new key's id.
        assertRejected(() -> newOnly.verify("POST", PATH, NEW, ts(NOW), NONCE, sig(OLD_SECRET, NOW, BODY), BODY),
                "does not verify");
    }

    @Test
    void anythingChangedAfterSigningBreaksTheSignature() {
        String s = sig(NEW_SECRET, NOW, BODY);
        byte[] other = "{\"bureauReference\":\"CZ1\",\"status\":\"PAID\",\"amountFen\":200001}".getBytes(StandardCharsets.UTF_8);
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), NONCE, s, other), "does not verify");
        assertRejected(() -> both.verify("POST", PATH.replace("c-1", "c-2"), NEW, ts(NOW), NONCE, s, BODY),
                "does not verify");
        assertRejected(() -> both.verify("PUT", PATH, NEW, ts(NOW), NONCE, s, BODY), "does not verify");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW.plusSeconds(1)), NONCE, s, BODY), "does not verify");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), NONCE + "x", s, BODY), "does not verify");
    }

    @Test
    void theTimestampMustLieWithinTheWindowEitherWay() {
        Duration w = Duration.ofMinutes(5);
        for (Instant ok : new Instant[]{NOW.minus(w), NOW.plus(w), NOW.minusSeconds(299)}) {
            assertThat(both.verify("POST", PATH, NEW, ts(ok), NONCE, sig(NEW_SECRET, ok, BODY), BODY)).isNotNull();
        }
        for (Instant stale : new Instant[]{NOW.minus(w).minusSeconds(1), NOW.plus(w).plusSeconds(1),
                NOW.minus(Duration.ofDays(1))}) {
            assertRejected(() -> both.verify("POST", PATH, NEW, ts(stale), NONCE, sig(NEW_SECRET, stale, BODY), BODY),
                    "outside the accepted window");
        }
    }

    @Test
    void missingOrMalformedHeadersAreRefused() {
        String s = sig(NEW_SECRET, NOW, BODY);
        assertRejected(() -> both.verify("POST", PATH, null, ts(NOW), NONCE, s, BODY), "are required");
        assertRejected(() -> both.verify("POST", PATH, NEW, null, NONCE, s, BODY), "are required");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), "", s, BODY), "are required");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), NONCE, null, BODY), "are required");
        assertRejected(() -> both.verify("POST", PATH, NEW, NOW.toString(), NONCE, s, BODY), "malformed");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), "short", s, BODY), "malformed");
        assertRejected(() -> both.verify("POST", PATH, NEW, ts(NOW), NONCE, s.substring(1), BODY), "malformed");
        assertRejected(() -> both.verify("POST", PATH, "a key/with slash", ts(NOW), NONCE, s, BODY), "malformed");
    }

    @Test
    void keysAreReadFromTheirSettingAndShortOrRepeatedOnesAreRefused() {
        Map<String, byte[]> keys = BureauSignatures.parseKeys(" " + OLD + "=" + new String(OLD_SECRET, StandardCharsets.UTF_8)
                + " , " + NEW + "=" + new String(NEW_SECRET, StandardCharsets.UTF_8) + "==,");
        assertThat(keys).containsOnlyKeys(OLD, NEW);
        assertThat(new String(keys.get(NEW), StandardCharsets.UTF_8)).as("a secret may end in '=' (base64)")
                .isEqualTo(new String(NEW_SECRET, StandardCharsets.UTF_8) + "==");
        assertThat(BureauSignatures.parseKeys("")).isEmpty();
        assertThat(BureauSignatures.parseKeys(null)).isEmpty();
        assertThatThrownBy(() -> BureauSignatures.parseKeys("k1=too-short-a-secret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k1").hasMessageContaining("32 bytes")
                .hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> BureauSignatures.parseKeys(OLD + "=" + new String(OLD_SECRET, StandardCharsets.UTF_8)
                + "," + OLD + "=" + new String(NEW_SECRET, StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> BureauSignatures.parseKeys("no-separator")).isInstanceOf(IllegalArgumentException.class);
        assertThat(verifier(Map.of()).hasKeys()).isFalse();
        assertRejected(() -> verifier(Map.of()).verify("POST", PATH, NEW, ts(NOW), NONCE, sig(NEW_SECRET, NOW, BODY),
                BODY), "does not verify");
    }

    private static BureauSignatures verifier(Map<String, byte[]> keys) {
        return new BureauSignatures(new LinkedHashMap<>(keys), Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String ts(Instant at) {
        return Long.toString(at.getEpochSecond());
    }

    private static String sig(byte[] secret, Instant at, byte[] body) {
        return BureauSignatures.sign(secret, BureauSignatures.canonical("POST", PATH, ts(at), NONCE, body));
    }

    private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String why) {
        assertThatThrownBy(call).isInstanceOf(BureauSignatures.Rejected.class).hasMessageContaining(why)
                .satisfies(e -> assertThat(((BureauSignatures.Rejected) e).status()).isEqualTo(401));
    }
}
