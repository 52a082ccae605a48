package cn.sunshine.subsidy.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * subsidy-service's settings.
 *
 * @param voucherSecret          the key of the vouchers' verification codes (HMAC-SHA256 of the serial)
 * @param extraApprovalAboveFen  a claim above this total needs an extra approval after the leader's
 * @param financeBureauUrl       the finance bureau's payment system
 * @param relayInterval          how often pending payment instructions are sent
 * @param relayBatch             instructions sent per relay run at most
 * @param breakerOpenFor         how long the circuit breaker stays open before it lets a trial call through
 * @param retryAttempts          tries of one idempotent call to the bureau (the first included)
 * @param retryWait              pause between those tries
 */
@ConfigurationProperties("sunshine.subsidy")
public record SubsidyProperties(String voucherSecret, long extraApprovalAboveFen, String financeBureauUrl,
                                Duration relayInterval, int relayBatch,
                                Duration breakerOpenFor, int retryAttempts, Duration retryWait) {

    public SubsidyProperties {
        if (voucherSecret == null || voucherSecret.length() < 16) {
            throw new IllegalArgumentException("sunshine.subsidy.voucher-secret must be set, 16 characters or more");
        }
        if (extraApprovalAboveFen <= 0) {
            extraApprovalAboveFen = 5_000_000L;
        }
        if (relayInterval == null) {
            relayInterval = Duration.ofSeconds(30);
        }
        if (relayBatch <= 0) {
            relayBatch = 200;
        }
        if (breakerOpenFor == null) {
            breakerOpenFor = Duration.ofSeconds(30);
        }
        if (retryAttempts <= 0) {
            retryAttempts = 3;
        }
        if (retryWait == null) {
            retryWait = Duration.ofMillis(300);
        }
    }
}
