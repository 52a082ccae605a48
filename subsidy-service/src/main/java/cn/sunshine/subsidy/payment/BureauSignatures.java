package cn.sunshine.subsidy.payment;

import cn.sunshine.platform.domain.DomainException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Tells a callback of the finance bureau from anyone else's: an HMAC-SHA256 signature, under a key
 * the bureau and the province share, over a canonical string of the request (docs/subsidy.md,
 * "The bureau's callback"):
 *
 * <pre>
 * SUNSHINE-BUREAU-HMAC-SHA256\n
 * POST\n
 * /api/subsidy/payment-instructions/{instructionId}/settlement\n   (the path as sent, no query)
 * 1782784800\n                                                      (X-Bureau-Timestamp: Unix seconds)
 * 3f2a9c0e6b8d4f1a\n                                                (X-Bureau-Nonce)
 * e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  (SHA-256 of the body, lower-case hex)
 * </pre>
 *
 * with {@code X-Bureau-Key-Id} naming the key and {@code X-Bureau-Signature} the HMAC in lower-case
 * hex. Several keys are valid at once so that a province rotates without a gap. The timestamp must lie
 * within the window of this verifier's clock; that each nonce is used once is {@link BureauNonces}'s part.
 * Every refusal is a 401 problem; what it says does not tell an unknown key from a wrong signature.
 */
public final class BureauSignatures {

    public static final String KEY_ID = "X-Bureau-Key-Id";
    public static final String TIMESTAMP = "X-Bureau-Timestamp";
    public static final String NONCE = "X-Bureau-Nonce";
    public static final String SIGNATURE = "X-Bureau-Signature";
    public static final String SCHEME = "SUNSHINE-BUREAU-HMAC-SHA256";
    /** Shortest secret accepted, in bytes (the HMAC-SHA256 output length). */
    public static final int MIN_SECRET_BYTES = 32;

    private static final Pattern KEY_ID_FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern TIMESTAMP_FORMAT = Pattern.compile("\\d{1,12}");
    private static final Pattern NONCE_FORMAT = Pattern.compile("[A-Za-z0-9_-]{16,64}");
    private static final Pattern SIGNATURE_FORMAT = Pattern.compile("[0-9a-fA-F]{64}");
    private static final HexFormat HEX = HexFormat.of();

    /** A request that passed: which key signed it, its nonce (to be used once) and its time. */
    public record Verified(String keyId, String nonce, Instant timestamp) {
    }

    /** 401: not the bureau (no, a malformed, a wrong or a stale signature, an unknown key, a used nonce). */
    public static final class Rejected extends DomainException {
        Rejected(String detail) {
            super(401, "unauthorized", "Unauthorized", "the finance bureau's callback must be signed: " + detail);
        }
    }

    private final Map<String, byte[]> keys;
    private final Duration window;
    private final Clock clock;

    /**
     * @param keys   key id → secret (at least {@value #MIN_SECRET_BYTES} bytes each)
     * @param window how far the timestamp may lie from this clock, either way
     * @param clock  the machine's time: like a bearer token's expiry, a signature's freshness is
     *               judged by real time, never by a programme clock moved for a scenario
     */
    public BureauSignatures(Map<String, byte[]> keys, Duration window, Clock clock) {
        keys.forEach(BureauSignatures::checkKey);
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.window = window;
        this.clock = clock;
    }

    /**
     * Reads {@code id=secret[,id=secret…]} (the form of {@code sunshine.subsidy.bureau-callback.keys}
     * and its environment variable); blank means no key. A malformed entry, a repeated id or a short
     * secret is refused with a message that names the key id, never the secret.
     */
    public static Map<String, byte[]> parseKeys(String spec) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("sunshine.subsidy.bureau-callback.keys: each entry is keyId=secret");
            }
            String id = e.substring(0, eq).strip();
            byte[] secret = e.substring(eq + 1).strip().getBytes(StandardCharsets.UTF_8);
            checkKey(id, secret);
            if (out.put(id, secret) != null) {
                throw new IllegalArgumentException("sunshine.subsidy.bureau-callback.keys: key id '" + id
                        + "' is given twice");
            }
        }
        return out;
    }

    private static void checkKey(String id, byte[] secret) {
        if (!KEY_ID_FORMAT.matcher(id).matches()) {
            throw new IllegalArgumentException("sunshine.subsidy.bureau-callback.keys: a key id is 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("sunshine.subsidy.bureau-callback.keys: the secret of key '" + id
                    + "' must be at least " + MIN_SECRET_BYTES + " bytes");
        }
    }

    /** The string that is signed. */
    public static String canonical(String method, String path, String timestamp, String nonce, byte[] body) {
        return SCHEME + "\n" + method + "\n" + path + "\n" + timestamp + "\n" + nonce + "\n" + sha256Hex(body);
    }

    /** HMAC-SHA256 of the canonical string under the secret, lower-case hex. */
    public static String sign(byte[] secret, String canonical) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0] : body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public boolean hasKeys() {
        return !keys.isEmpty();
    }

    public Duration window() {
        return window;
    }

    /**
     * Checks one request's signature headers against its method, path and body.
     *
     * @throws Rejected when it is not the bureau's, or not now
     */
    public Verified verify(String method, String path, String keyId, String timestamp, String nonce, String signature,
                           byte[] body) {
        if (blank(keyId) || blank(timestamp) || blank(nonce) || blank(signature)) {
            throw new Rejected("the headers " + KEY_ID + ", " + TIMESTAMP + ", " + NONCE + " and " + SIGNATURE
                    + " are required");
        }
        if (!KEY_ID_FORMAT.matcher(keyId).matches() || !TIMESTAMP_FORMAT.matcher(timestamp).matches()
                || !NONCE_FORMAT.matcher(nonce).matches() || !SIGNATURE_FORMAT.matcher(signature).matches()) {
            throw new Rejected("a header is malformed (timestamp: Unix seconds; nonce: 16-64 of A-Z a-z 0-9 _ -; "
                    + "signature: 64 hex digits)");
        }
        byte[] secret = keys.get(keyId);
        // An unknown key is answered as a wrong signature (which key ids exist is not told), after the
        // same work, so the answer's time does not tell them apart either.
        String expected = sign(secret != null ? secret : new byte[MIN_SECRET_BYTES],
                canonical(method, path, timestamp, nonce, body));
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        if (secret == null || !match) {
            throw new Rejected("the signature does not verify under a current key");
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        if (at.isBefore(now.minus(window)) || at.isAfter(now.plus(window))) {
            throw new Rejected("the timestamp is outside the accepted window of " + window.toSeconds()
                    + " seconds around the receiver's time");
        }
        return new Verified(keyId, nonce, at);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
