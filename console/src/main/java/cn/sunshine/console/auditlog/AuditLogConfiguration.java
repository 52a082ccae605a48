package cn.sunshine.console.auditlog;

import cn.sunshine.console.session.MongoSessionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;

/**
 * The login and operation logs ({@link AuditLog}) in the console's database; a session's expiry is logged as the
 * sweep or a read finds it; entries past the retention are removed every hour.
 */
@Configuration(proxyBeanMethods = false)
public class AuditLogConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditLogConfiguration.class);

    @Bean
    AuditLog auditLog(MongoTemplate mongo, AuditLogProperties properties, MongoSessionRepository sessions) {
        AuditLog auditLog = new AuditLog(mongo, properties, Clock.systemUTC());
        try {
            auditLog.createIndexes();
        } catch (RuntimeException e) {
            log.warn("the audit logs' indexes could not be created ({})", e.getMessage());
        }
        sessions.onExpired(handle -> auditLog.sessionEnded("EXPIRED", handle, null));
        return auditLog;
    }

    @Bean
    Retention auditLogRetention(AuditLog auditLog) {
        return new Retention(auditLog);
    }

    /** Removes the entries past the retention every hour. */
    static class Retention {
        private final AuditLog auditLog;

        Retention(AuditLog auditLog) {
            this.auditLog = auditLog;
        }

        @Scheduled(initialDelay = 120_000, fixedDelay = 3_600_000)
        void remove() {
            long n = auditLog.removeExpired();
            if (n > 0) {
                log.info("{} audit log entries past their retention removed", n);
            }
        }
    }
}
