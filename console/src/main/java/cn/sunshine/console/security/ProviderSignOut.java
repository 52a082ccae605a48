package cn.sunshine.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.URI;

/**
 * 退出 ends the person's session at the identity provider too (OpenID Connect RP-initiated logout), not only the
 * console's: the browser goes to the provider's end-session endpoint with the ID token as the hint and comes
 * back to {@code /signed-out}. Without it, a shared office computer would sign the next person straight back in
 * as the last one (Keycloak's SSO session outlives the console's). The endpoint is the provider's own
 * ({@code end_session_endpoint} in its discovery document, Keycloak in a cluster) or, where the registration
 * is written out by hand (the local run's devstack provider), {@code sunshine.console.oidc.end-session-uri};
 * with neither, the console's session alone ends, as before.
 */
final class ProviderSignOut implements LogoutSuccessHandler {

    static final String SIGNED_OUT = "/signed-out";

    private final ClientRegistration registration;
    private final URI endSession;

    ProviderSignOut(ClientRegistration registration, URI configured) {
        this.registration = registration;
        this.endSession = endSessionOf(registration, configured);
    }

    /** The provider's end-session endpoint, or null when it has none. */
    static URI endSessionOf(ClientRegistration registration, URI configured) {
        Object advertised = registration == null ? null
                : registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (advertised != null && !advertised.toString().isBlank()) {
            return URI.create(advertised.toString());
        }
        return configured;
    }

    /** The origin the browser is sent to on sign-out (for the Content-Security-Policy's form-action), or null. */
    String origin() {
        return endSession == null ? null : endSession.getScheme() + "://" + endSession.getRawAuthority();
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
            throws IOException {
        String back = UriComponentsBuilder.fromUriString(request.getRequestURL().toString())
                .replacePath(request.getContextPath() + SIGNED_OUT).replaceQuery(null).build().toUriString();
        if (endSession == null || !(authentication != null && authentication.getPrincipal() instanceof OidcUser user)) {
            response.sendRedirect(request.getContextPath() + SIGNED_OUT);
            return;
        }
        String target = UriComponentsBuilder.fromUri(endSession)
                .queryParam("id_token_hint", user.getIdToken().getTokenValue())
                .queryParam("client_id", registration.getClientId())
                .queryParam("post_logout_redirect_uri", back)
                .encode().build().toUriString();
        response.sendRedirect(target);
    }
}
