package cn.sunshine.platform.security.client;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;

/**
 * This service's own OAuth2 client, for calling other services of the suite with client-credentials
 * tokens ({@code sunshine.security.client.*}). Without {@code id} the service has no client.
 *
 * @param id                   the client id (the service's name, e.g. {@code placement-service});
 *                             env {@code SUNSHINE_CLIENT_ID}
 * @param secret               the client secret, from a secret; env {@code SUNSHINE_CLIENT_SECRET}
 * @param tokenUri             the identity provider's token endpoint (locally the devstack's
 *                             {@code http://localhost:9000/oauth2/token}); env {@code SUNSHINE_TOKEN_URI}
 * @param authenticationMethod {@code client_secret_basic} (default) or {@code client_secret_post}
 * @param refreshBefore        a cached token is replaced this long before it expires (at most half
 *                             its lifetime); default 30 s
 * @param timeout              connect and answer timeout of the token endpoint; default 3 s
 */
@ConfigurationProperties("sunshine.security.client")
public record ClientCredentialsProperties(String id, String secret, URI tokenUri, String authenticationMethod,
                                          Duration refreshBefore, Duration timeout) {

    public ClientCredentialsProperties {
        authenticationMethod = authenticationMethod == null || authenticationMethod.isBlank()
                ? "client_secret_basic" : authenticationMethod.trim();
        refreshBefore = refreshBefore == null ? Duration.ofSeconds(30) : refreshBefore;
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
    }
}
