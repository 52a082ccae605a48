package cn.sunshine.console.session;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's sessions (docs/console.md "Sessions").
 *
 * @param timeout      idle time after which a session ends (30 minutes)
 * @param cookieName   the session cookie's name
 * @param cookieSecure whether the cookie is sent over HTTPS only (true in a cluster)
 * @param currentKeyId the key-encryption key (KEK) new sessions are sealed under; required
 * @param currentKey   that KEK, 32 bytes, Base64; required (a Secret in a cluster)
 * @param previousKeys older KEK id → key during a rotation: sessions sealed under them still open until they
 *                     expire (at most {@code timeout} after the rotation), after which the old key can go
 */
@ConfigurationProperties("sunshine.console.session")
public record SessionProperties(@DefaultValue("30m") Duration timeout, @DefaultValue("SUNSHINE_CONSOLE") String cookieName,
                                @DefaultValue("false") boolean cookieSecure, String currentKeyId, String currentKey,
                                Map<String, String> previousKeys) {

    /** Every configured KEK by id. */
    public Map<String, String> keys() {
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
