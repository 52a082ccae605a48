package cn.sunshine.platform.security.client;

import feign.RequestInterceptor;
import feign.RequestTemplate;

import java.util.List;

/**
 * Puts this service's client-credentials token for the given scopes on every request of a Feign
 * client ({@code Authorization: Bearer …}), replacing any other. Declare it in the client's own
 * configuration class, with the scopes that client needs and no more.
 */
public class ClientCredentialsRequestInterceptor implements RequestInterceptor {

    private final ClientCredentialsTokens tokens;
    private final List<String> scopes;

    public ClientCredentialsRequestInterceptor(ClientCredentialsTokens tokens, List<String> scopes) {
        this.tokens = tokens;
        this.scopes = List.copyOf(scopes);
    }

    @Override
    public void apply(RequestTemplate template) {
        template.removeHeader("Authorization");
        template.header("Authorization", "Bearer " + tokens.token(scopes));
    }
}
