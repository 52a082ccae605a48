package cn.sunshine.platform.sms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The one-time codes that confirm by phone (objections, complaints, trainees' confirmations): six digits sent by
 * SMS, kept only as a hash bound to the record awaiting them, compared in constant time, living a time to live;
 * the record counts wrong attempts and is void after its feature's limit ({@link #attemptsLeft}).
 */
public final class OneTimeCodes {

    private static final SecureRandom CODES = new SecureRandom();

    private OneTimeCodes() {
    }

    /** A code issued for a record: the code itself (to send, never to keep), its hash (to keep) and its end. */
    public record Issued(String code, String hash, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[code=******, expiresAt=" + expiresAt + "]";
        }
    }

    /** A fresh code for the record {@code id}, living {@code ttl} from {@code now}. */
    public static Issued issue(String id, Instant now, Duration ttl) {
        String code = newCode();
        return new Issued(code, hash(id, code), now.plus(ttl));
    }

    /** A fresh 6-digit code. */
    public static String newCode() {
        return String.format("%06d", CODES.nextInt(1_000_000));
    }

    /** The hash kept for the code of the record {@code id}. */
    public static String hash(String id, String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest((id + ":" + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** True when {@code code} (spaces around it ignored) is the one whose hash was kept for {@code id}. */
    public static boolean matches(String id, String code, String keptHash) {
        return keptHash != null && code != null
                && MessageDigest.isEqual(hash(id, code.trim()).getBytes(StandardCharsets.UTF_8),
                keptHash.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether a code ending at {@code expiresAt} is still alive at {@code now}. */
    public static boolean alive(Instant expiresAt, Instant now) {
        return expiresAt != null && expiresAt.isAfter(now);
    }

    /** The wrong attempts left after {@code attempts} of {@code maxAttempts} (0: the record is void). */
    public static int attemptsLeft(int attempts, int maxAttempts) {
        return Math.max(0, maxAttempts - attempts);
    }

    /** The caller's key for per-address limits: the address the gateway resolved, else the connection's. */
    public static String callerKey(String forwarded, String remoteAddress) {
        return forwarded != null && !forwarded.isBlank() && forwarded.length() <= 64 ? forwarded.trim() : remoteAddress;
    }
}
