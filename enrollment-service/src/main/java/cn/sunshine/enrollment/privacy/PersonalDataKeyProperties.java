package cn.sunshine.enrollment.privacy;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Map;

/**
 * The key-encryption keys (KEKs) of the personal data at rest (docs/personal-data.md).
 *
 * @param currentKeyId the KEK new records are sealed under; required
 * @param currentKey   that KEK, 32 bytes, Base64; required
 * @param previousKeys older KEK id → key (32 bytes, Base64), still able to open records wrapped under them
 *                     until {@code POST /actuator/personaldatakeys} re-wrapped them; remove one once
 *                     {@code GET /actuator/personaldatakeys} counts no record under it
 */
@ConfigurationProperties("sunshine.enrollment.personal-data")
public record PersonalDataKeyProperties(String currentKeyId, String currentKey, Map<String, String> previousKeys) {

    /** Every configured KEK by id. */
    public Map<String, String> keys() {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        if (previousKeys != null) {
            all.putAll(previousKeys);
        }
        if (currentKeyId != null && !currentKeyId.isBlank() && currentKey != null && !currentKey.isBlank()) {
            all.put(currentKeyId, currentKey);
        }
        return all;
    }
}
