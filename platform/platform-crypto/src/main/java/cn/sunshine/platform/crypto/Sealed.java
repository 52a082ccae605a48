package cn.sunshine.platform.crypto;

/**
 * A value encrypted under its own data key (envelope encryption), as stored:
 *
 * @param keyId      the id of the key-encryption key (KEK) that wrapped the data key
 * @param wrappedKey the 256-bit AES data key, AES-GCM-encrypted under the KEK: 12-byte IV, then
 *                   ciphertext and 16-byte tag; the KEK id is its associated data
 * @param iv         the 12-byte IV of the value's encryption
 * @param data       the value, AES-256-GCM-encrypted under the data key (ciphertext and tag); the
 *                   associated data is {@code sunshine-sealed-v1}
 */
public record Sealed(String keyId, byte[] wrappedKey, byte[] iv, byte[] data) {
}
