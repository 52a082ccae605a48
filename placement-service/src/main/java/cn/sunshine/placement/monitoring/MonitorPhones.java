package cn.sunshine.placement.monitoring;

import cn.sunshine.platform.crypto.EnvelopeCipher;
import cn.sunshine.platform.crypto.Sealed;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The monitors' phones at rest: sealed by envelope encryption (platform {@link EnvelopeCipher}: a data key per
 * value, wrapped under placement's key-encryption key), never stored in the clear nor masked (the masked form is
 * derived when read). The KEK is required in every profile; the local profile's development one is refused
 * anywhere else (as enrollment's).
 */
public final class MonitorPhones {

    /** The development KEK of the local profile (application.yml): refused anywhere else. */
    static final String DEV_KEY = "ZGV2LW9ubHkta2VrLXBsYWNlbWVudC1tb25pdG9ycyE=";

    /**
     * @param currentKeyId the KEK new values are sealed under
     * @param currentKey   that KEK, 32 bytes, Base64
     * @param previousKeys older KEK id → key, still able to open values sealed under them
     */
    @ConfigurationProperties("sunshine.placement.personal-data")
    public record Keys(String currentKeyId, String currentKey, Map<String, String> previousKeys) {

        Map<String, String> all() {
            Map<String, String> all = new LinkedHashMap<>();
            if (previousKeys != null) {
                all.putAll(previousKeys);
            }
            if (currentKeyId != null && !currentKeyId.isBlank() && currentKey != null && !currentKey.isBlank()) {
                all.put(currentKeyId, currentKey);
            }
            return all;
        }
    }

    private final EnvelopeCipher cipher;

    MonitorPhones(Keys keys, String[] activeProfiles) {
        boolean local = Arrays.asList(activeProfiles).contains("local");
        if (!local && keys.all().containsValue(DEV_KEY)) {
            throw new IllegalStateException("sunshine.placement.personal-data: the development key-encryption key is "
                    + "only for the local profile; set the province's KEK from its secrets");
        }
        try {
            this.cipher = new EnvelopeCipher(keys.currentKeyId(), keys.all());
        } catch (IllegalStateException e) {
            throw new IllegalStateException("sunshine.placement.personal-data: " + e.getMessage(), e);
        }
    }

    Sealed seal(String phone) {
        return cipher.seal(phone);
    }

    String open(Sealed sealed) {
        return sealed == null ? null : cipher.openString(sealed);
    }
}
