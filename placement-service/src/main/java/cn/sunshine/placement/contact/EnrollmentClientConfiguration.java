package cn.sunshine.placement.contact;

import cn.sunshine.platform.security.client.ClientCredentialsRequestInterceptor;
import cn.sunshine.platform.security.client.ClientCredentialsTokens;
import feign.Request;
import feign.RequestInterceptor;
import feign.Retryer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The contact client's own Feign configuration (not a component: it applies to this client only):
 * placement's client-credentials token with the one scope this client needs ({@value #SCOPE}),
 * short timeouts, and no Feign retries (the lookup writes an audit record each time; the officer
 * retries pending contacts explicitly).
 */
class EnrollmentClientConfiguration {

    /** enrollment-service's contact lookup; nothing else is asked for. */
    static final String SCOPE = "contacts:read";

    @Bean
    RequestInterceptor serviceCredentials(ClientCredentialsTokens tokens) {
        return new ClientCredentialsRequestInterceptor(tokens, List.of(SCOPE));
    }

    @Bean
    Request.Options enrollmentTimeouts(
            @Value("${sunshine.placement.enrollment.connect-timeout:PT1S}") String connectTimeout,
            @Value("${sunshine.placement.enrollment.read-timeout:PT3S}") String readTimeout) {
        // the client's own context has no conversion service: ISO-8601 durations are parsed here
        Duration connect = Duration.parse(connectTimeout);
        Duration read = Duration.parse(readTimeout);
        return new Request.Options(connect.toMillis(), TimeUnit.MILLISECONDS, read.toMillis(), TimeUnit.MILLISECONDS,
                false);
    }

    @Bean
    Retryer noRetries() {
        return Retryer.NEVER_RETRY;
    }
}
