package cn.sunshine.subsidy.payment;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

import java.time.Clock;
import java.util.Map;

/**
 * Wires the bureau's callback: its keys, its route, and its one exception to the bearer-token rule.
 *
 * <p>The callback is authenticated by the bureau's signature, not by a token: a token of any role
 * proves nothing about the bureau. So the path is open to Spring Security for exactly
 * {@code POST /api/subsidy/payment-instructions/*}{@code /settlement} (a {@code Customizer<HttpSecurity>}
 * bean, applied before the platform's own rules; a token that is sent is still validated) and the
 * handler itself refuses everything that is not signed. Because the platform's access policies know
 * only roles and {@code /api/public/**}, the handler is a functional route, outside the
 * {@code @Allowed}/{@code @PublicEndpoint} check and outside the OpenAPI document (docs/subsidy.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BureauCallbackProperties.class)
class BureauCallbackConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BureauCallbackConfiguration.class);

    @Bean
    BureauSignatures bureauSignatures(BureauCallbackProperties properties) {
        Map<String, byte[]> keys = BureauSignatures.parseKeys(properties.keys());
        if (keys.isEmpty()) {
            log.warn("no finance bureau callback keys (sunshine.subsidy.bureau-callback.keys): every callback is "
                    + "refused; payments settle through the relay's polls");
        } else {
            log.info("finance bureau callbacks accepted under key ids {}", keys.keySet());
        }
        // The machine's time, not the (in local runs adjustable) programme clock: a signature's
        // freshness, like a token's expiry and the nonces' TTL in MongoDB, is a matter of real time.
        return new BureauSignatures(keys, properties.window(), Clock.systemUTC());
    }

    @Bean
    RouterFunction<ServerResponse> bureauCallbackRoute(BureauCallback callback) {
        return RouterFunctions.route().POST(BureauCallback.PATH, callback::handle).build();
    }

    @Bean
    Customizer<HttpSecurity> bureauCallbackNeedsNoBearerToken() {
        return http -> http.authorizeHttpRequests(a -> a
                .requestMatchers(HttpMethod.POST, BureauCallback.PATH_PATTERN).permitAll());
    }
}
