package cn.sunshine.console.security;

import cn.sunshine.console.api.ConsoleProperties;
import cn.sunshine.console.auditlog.AuditTrail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * Sign-in with OpenID Connect (authorization code + PKCE) as a confidential client; the tokens stay in the
 * server-side session (never in the browser). Every form and htmx request carries the CSRF token (session
 * repository; htmx sends it as a header, see console.js). A strict Content-Security-Policy: scripts, styles
 * and everything else from the console's own origin only, no inline script. The session cookie is HttpOnly
 * and SameSite=Lax (application.yml; Secure under the cluster profile).
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /** The policy, with the identity provider's origin allowed as a form's destination (退出 is a form whose answer
     * sends the browser to the provider's end-session endpoint, and browsers hold redirects to form-action). */
    static String csp(String providerOrigin) {
        return providerOrigin == null ? CSP : CSP.replace("form-action 'self'", "form-action 'self' " + providerOrigin);
    }

    public static final String LOGIN = "/oauth2/authorization/sunshine";

    /**
     * The person's tokens, renewed with the refresh token when the access token is about to expire (within a
     * minute), so a person at work for longer than the provider's access-token lifetime is not sent to sign in.
     */
    @Bean
    OAuth2AuthorizedClientManager authorizedClientManager(ClientRegistrationRepository registrations,
                                                          OAuth2AuthorizedClientRepository authorizedClients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken(r -> r.clockSkew(Duration.ofSeconds(60)))
                .build());
        return manager;
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations, AuditTrail trail,
                                ConsoleProperties properties,
                                @Value("${sunshine.console.oidc.end-session-uri:}") String endSessionUri) throws Exception {
        ProviderSignOut signOut = new ProviderSignOut(registrations.findByRegistrationId(properties.registrationId()),
                endSessionUri.isBlank() ? null : URI.create(endSessionUri));
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
                registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());

        // A page asks the browser to go and sign in; an htmx request (whose session ended) asks htmx to
        // reload the page, which then goes to sign in.
        LinkedHashMap<org.springframework.security.web.util.matcher.RequestMatcher, AuthenticationEntryPoint> entryPoints =
                new LinkedHashMap<>();
        entryPoints.put(new RequestHeaderRequestMatcher("HX-Request", "true"), (request, response, e) -> {
            response.setHeader("HX-Refresh", "true");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        });
        DelegatingAuthenticationEntryPoint entryPoint = new DelegatingAuthenticationEntryPoint(entryPoints);
        entryPoint.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint(LOGIN));

        return http
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/public", "/public/**", "/assets/**", "/signed-out", "/error",
                                "/favicon.ico", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(o -> o
                        .authorizationEndpoint(e -> e.authorizationRequestResolver(resolver))
                        // As defaultSuccessUrl("/", false) and the default failure URL, each logged (the login log).
                        .successHandler(trail.signedIn(signedInGoesOn()))
                        .failureHandler(trail.failed(new SimpleUrlAuthenticationFailureHandler("/login?error"))))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint))
                .logout(l -> l.logoutUrl("/logout").logoutSuccessHandler(signOut).addLogoutHandler(trail.signedOut())
                        .invalidateHttpSession(true).deleteCookies("SUNSHINE_CONSOLE"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(csp(signOut.origin())))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

    /** Back to the page that led to sign-in, or home. */
    private static SavedRequestAwareAuthenticationSuccessHandler signedInGoesOn() {
        SavedRequestAwareAuthenticationSuccessHandler handler = new SavedRequestAwareAuthenticationSuccessHandler();
        handler.setDefaultTargetUrl("/");
        handler.setAlwaysUseDefaultTargetUrl(false);
        return handler;
    }
}
