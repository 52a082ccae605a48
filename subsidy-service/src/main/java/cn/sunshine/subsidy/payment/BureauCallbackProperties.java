package cn.sunshine.subsidy.payment;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * The finance bureau's signed callback ({@link BureauCallback}).
 *
 * @param keys   {@code keyId=secret[,keyId=secret…]}: the keys the bureau may sign with, each secret at
 *               least 32 bytes; several at once while a province rotates (add the new one, the bureau
 *               switches, remove the old one: docs/operations.md). From {@code SUNSHINE_BUREAU_CALLBACK_KEYS};
 *               none means every callback is refused (payments still settle through the relay's polls)
 * @param window how far a callback's timestamp may lie from the machine's time, either way (5 minutes)
 */
@ConfigurationProperties("sunshine.subsidy.bureau-callback")
public record BureauCallbackProperties(String keys, Duration window) {

    public BureauCallbackProperties {
        if (window == null) {
            window = Duration.ofMinutes(5);
        }
        if (window.isNegative() || window.isZero() || window.compareTo(Duration.ofMinutes(15)) > 0) {
            throw new IllegalArgumentException("sunshine.subsidy.bureau-callback.window must be between 1 s and 15 min");
        }
    }
}
