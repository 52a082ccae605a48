package cn.sunshine.console.security;

import cn.sunshine.console.auditlog.AuditTrail;
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

    public static final String LOGIN = "/oauth2/authorization/sunshine";

    @Bean
    SecurityFilterChain console(HttpSecurity http, ClientRegistrationRepository registrations, AuditTrail trail) throws Exception {
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
                .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/signed-out").addLogoutHandler(trail.signedOut())
                        .invalidateHttpSession(true).deleteCookies("SUNSHINE_CONSOLE"))
                .headers(h -> h
                        .contentSecurityPolicy(c -> c.policyDirectives(CSP))
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
