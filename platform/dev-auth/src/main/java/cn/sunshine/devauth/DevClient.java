package cn.sunshine.devauth;

import java.util.List;
import java.util.Objects;

/**
 * A service of the suite calling another one with its own credentials (OAuth2 client credentials):
 * what a client-credentials token minted for it says. No roles: a service may do what its scopes
 * say, for the divisions it covers, at the services named in its audience, and nothing else.
 *
 * @param clientId  the client (the calling service's name, e.g. {@code placement-service}); the
 *                  token's {@code sub}, {@code azp} and {@code client_id}
 * @param audiences the services the token is meant for (e.g. {@code enrollment-service}); {@code aud}
 * @param scopes    what the client may do there (e.g. {@code contacts:read}); {@code scope},
 *                  space-separated
 * @param division  6-digit code of the jurisdiction the client acts for (e.g. its province, 420000)
 */
public record DevClient(String clientId, List<String> audiences, List<String> scopes, String division) {

    public DevClient {
        Objects.requireNonNull(clientId, "clientId");
        audiences = List.copyOf(audiences);
        scopes = List.copyOf(scopes);
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("a service token names at least one audience");
        }
        if (division == null || !division.matches("\\d{6}")) {
            throw new IllegalArgumentException("division must be a 6-digit code: " + division);
        }
    }

    /** The same client with only the given scopes (a token asked for fewer than the client may have). */
    public DevClient withScopes(List<String> narrower) {
        return new DevClient(clientId, audiences, narrower, division);
    }
}
