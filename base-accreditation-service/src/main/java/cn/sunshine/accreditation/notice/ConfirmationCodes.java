package cn.sunshine.accreditation.notice;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one-time codes that confirm what the public files by phone (objections, complaints): six digits sent by
 * SMS, kept only as a hash bound to the record awaiting them, compared in constant time.
 */
public final class ConfirmationCodes {

    private static final SecureRandom CODES = new SecureRandom();

    private ConfirmationCodes() {
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
        return keptHash != null && MessageDigest.isEqual(hash(id, code.trim()).getBytes(StandardCharsets.UTF_8),
                keptHash.getBytes(StandardCharsets.UTF_8));
    }

    /** The caller's key for per-address limits: the address the gateway resolved, else the connection's. */
    public static String callerKey(String forwarded, String remoteAddress) {
        return forwarded != null && !forwarded.isBlank() && forwarded.length() <= 64 ? forwarded.trim() : remoteAddress;
    }
}
