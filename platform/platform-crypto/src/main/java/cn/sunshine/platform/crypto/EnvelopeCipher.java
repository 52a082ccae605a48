package cn.sunshine.platform.crypto;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Envelope encryption of personal data at rest: every value gets a fresh 256-bit AES data key, the
 * value is AES-GCM-encrypted under it, and the data key is AES-GCM-wrapped under a key-encryption
 * key (KEK) named by an id. Several KEKs can be configured at once: new values are sealed under the
 * current one; values under any configured one can be opened; {@link #rewrap} moves a value's data
 * key to the current KEK without touching the value (key rotation), after which an old KEK can be
 * removed from the configuration.
 */
public final class EnvelopeCipher {

    private static final byte[] AAD = "sunshine-sealed-v1".getBytes(StandardCharsets.US_ASCII);
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final String currentKeyId;
    private final Map<String, SecretKey> keks;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param currentKeyId the KEK new values are sealed under
     * @param keks         KEK id → the key, 32 bytes, Base64
     * @throws IllegalStateException when the current key is missing or a key is not 32 bytes of Base64
     */
    public EnvelopeCipher(String currentKeyId, Map<String, String> keks) {
        if (keks == null || keks.isEmpty() || currentKeyId == null || !keks.containsKey(currentKeyId)) {
            throw new IllegalStateException("a key-encryption key is required: set the current key id and its key "
                    + "(32 bytes, Base64) from the province's secrets");
        }
        Map<String, SecretKey> m = new LinkedHashMap<>();
        keks.forEach((id, b64) -> {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(b64 == null ? "" : b64.trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("key-encryption key " + id + " is not Base64");
            }
            if (raw.length != 32) {
                throw new IllegalStateException("key-encryption key " + id + " must be 32 bytes (256 bits)");
            }
            m.put(id, new SecretKeySpec(raw, "AES"));
        });
        this.currentKeyId = currentKeyId;
        this.keks = Map.copyOf(m);
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    public Set<String> keyIds() {
        return keks.keySet();
    }

    public Sealed seal(String plaintext) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8));
    }

    public Sealed seal(byte[] plaintext) {
        byte[] dataKey = new byte[32];
        random.nextBytes(dataKey);
        try {
            byte[] iv = iv();
            byte[] data = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), iv, AAD, plaintext);
            return new Sealed(currentKeyId, wrap(dataKey), iv, data);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    public String openString(Sealed sealed) {
        return new String(open(sealed), StandardCharsets.UTF_8);
    }

    /** @throws IllegalStateException when the KEK is not configured or the value was tampered with */
    public byte[] open(Sealed sealed) {
        byte[] dataKey = unwrap(sealed);
        try {
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), sealed.iv(), AAD, sealed.data());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** True when the value's data key is wrapped under the current KEK. */
    public boolean isCurrent(Sealed sealed) {
        return currentKeyId.equals(sealed.keyId());
    }

    /** The same value with its data key wrapped under the current KEK (the value's ciphertext is unchanged). */
    public Sealed rewrap(Sealed sealed) {
        if (isCurrent(sealed)) {
            return sealed;
        }
        byte[] dataKey = unwrap(sealed);
        try {
            return new Sealed(currentKeyId, wrap(dataKey), sealed.iv(), sealed.data());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private byte[] wrap(byte[] dataKey) {
        byte[] iv = iv();
        byte[] ct = gcm(Cipher.ENCRYPT_MODE, keks.get(currentKeyId), iv, currentKeyId.getBytes(StandardCharsets.UTF_8), dataKey);
        byte[] out = new byte[IV_BYTES + ct.length];
        System.arraycopy(iv, 0, out, 0, IV_BYTES);
        System.arraycopy(ct, 0, out, IV_BYTES, ct.length);
        return out;
    }

    private byte[] unwrap(Sealed sealed) {
        SecretKey kek = keks.get(sealed.keyId());
        if (kek == null) {
            throw new IllegalStateException("key-encryption key " + sealed.keyId() + " is not configured");
        }
        byte[] w = sealed.wrappedKey();
        if (w == null || w.length <= IV_BYTES) {
            throw new IllegalStateException("a sealed value has no wrapped data key");
        }
        return gcm(Cipher.DECRYPT_MODE, kek, Arrays.copyOf(w, IV_BYTES), sealed.keyId().getBytes(StandardCharsets.UTF_8),
                Arrays.copyOfRange(w, IV_BYTES, w.length));
    }

    private byte[] iv() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad);
            return c.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a sealed value cannot be opened or sealed (wrong key or tampered)", e);
        }
    }
}
