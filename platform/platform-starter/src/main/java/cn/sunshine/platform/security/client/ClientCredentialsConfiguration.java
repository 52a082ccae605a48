package cn.sunshine.platform.security.client;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * A service that calls others declares its client ({@code sunshine.security.client.id}, secret and
 * token URI) and gets a {@link ClientCredentialsTokens}; each Feign client that needs a token adds a
 * {@link ClientCredentialsRequestInterceptor} with its scopes. Start-up fails when the id is set
 * but the secret or the token URI is missing.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "sunshine.security.client", name = "id")
@EnableConfigurationProperties(ClientCredentialsProperties.class)
public class ClientCredentialsConfiguration {

    @Bean
    ClientCredentialsTokens clientCredentialsTokens(ClientCredentialsProperties properties) {
        // the machine's clock: a token's lifetime is real time, whatever the programme clock says
        return new ClientCredentialsTokens(properties, Clock.systemUTC());
    }
}
