package cn.sunshine.platform.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/** Opaque identifiers for our records. */
public final class Ids {

    private Ids() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /**
     * An id derived from {@code parts}: the same parts give the same id, in any process and on any day, so a step
     * run again (a retry after a crash) finds what its first run wrote instead of writing it twice. The first 16
     * bytes of the SHA-256 of the parts (each followed by a NUL), shaped as a name-based UUID (version 5 bits).
     */
    public static String derived(String... parts) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String p : parts) {
            sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        byte[] b = sha.digest();
        b[6] = (byte) ((b[6] & 0x0f) | 0x50);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        ByteBuffer bb = ByteBuffer.wrap(b, 0, 16);
        return new UUID(bb.getLong(), bb.getLong()).toString();
    }
}
