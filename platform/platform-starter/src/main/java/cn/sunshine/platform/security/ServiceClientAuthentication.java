package cn.sunshine.platform.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;

/**
 * A service of the suite, authenticated by its client-credentials token: the principal is the
 * client id; the authorities are its scopes ({@code SCOPE_contacts:read}), never roles.
 */
public class ServiceClientAuthentication extends JwtAuthenticationToken {

    private final String clientId;

    public ServiceClientAuthentication(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String clientId) {
        super(jwt, authorities, clientId);
        this.clientId = clientId;
    }

    public String clientId() {
        return clientId;
    }
}
