package cn.sunshine.console.auditlog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The console's login and operation logs (docs/console.md "Login and operation logs").
 *
 * @param retention how long an entry is kept (365 days; never less than 180 — the Cybersecurity Law's six months for
 *                  network logs); older entries are removed every hour, nothing else ever removes or changes one
 */
@ConfigurationProperties("sunshine.console.audit-log")
public record AuditLogProperties(@DefaultValue("365d") Duration retention) {

    static final Duration MINIMUM = Duration.ofDays(180);

    public AuditLogProperties {
        if (retention.compareTo(MINIMUM) < 0) {
            throw new IllegalStateException("sunshine.console.audit-log.retention must be at least 180 days (network logs are "
                    + "kept six months at least), not " + retention);
        }
    }
}
