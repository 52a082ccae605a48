package cn.sunshine.platform.security;

import cn.sunshine.platform.web.Problems;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Every service is an OAuth2 resource server: it validates the bearer token itself (no trust in
 * the network), maps the {@code roles} claim to authorities, and answers 401/403 as problem details.
 * Public reads live under {@code /api/public/**}. A service's own client-credentials token
 * ({@link ServiceTokenPolicy}) must name this service in its audience (401 otherwise) and gets its
 * scopes as authorities, never roles. A client for calling other services that way:
 * {@link cn.sunshine.platform.security.client.ClientCredentialsConfiguration}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@Import(cn.sunshine.platform.security.client.ClientCredentialsConfiguration.class)
public class PlatformSecurityConfiguration {

    public static final String[] PUBLIC_PATHS = {
            "/api/public/**", "/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error"};

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Which tokens are service tokens and the audiences they (and, if configured, people's) must name. */
    @Bean
    @ConditionalOnMissingBean
    ServiceTokenPolicy serviceTokenPolicy(Environment env) {
        return ServiceTokenPolicy.from(env);
    }

    /** Boot's JWT decoder applies every {@code OAuth2TokenValidator<Jwt>} bean: a failure is a 401. */
    @Bean
    OAuth2TokenValidator<Jwt> sunshineAudienceValidator(ServiceTokenPolicy policy) {
        return policy::validate;
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain sunshineSecurityFilterChain(HttpSecurity http, ServiceTokenPolicy policy) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> write(response, 401,
                Problems.of(401, "unauthorized", "Unauthorized", cn.sunshine.platform.web.ProblemDetailsHandler.UNAUTHORIZED,
                        cn.sunshine.platform.web.ProblemMessages.localeOf(request)));
        AccessDeniedHandler forbidden = (request, response, e) -> write(response, 403,
                Problems.of(403, "forbidden", "Forbidden", cn.sunshine.platform.web.ProblemDetailsHandler.FORBIDDEN,
                        cn.sunshine.platform.web.ProblemMessages.localeOf(request)));
        http.csrf(c -> c.disable())
                .cors(c -> { })
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PUBLIC_PATHS).permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.OPERATOR.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(jwtAuthenticationConverter(policy)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /** {@code roles: ["COUNTY_OFFICER"]} → authority {@code ROLE_COUNTY_OFFICER}. */
    public static Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter() {
        return jwt -> {
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            List<String> roles = jwt.getClaimAsStringList("roles");
            if (roles != null) {
                roles.forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
            }
            return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
        };
    }

    /**
     * People's tokens as {@link #jwtAuthenticationConverter()}; a service client's token (per the
     * policy) becomes a {@link ServiceClientAuthentication} whose authorities are its scopes
     * ({@code SCOPE_contacts:read}): its {@code roles} claim, SERVICE included, grants nothing.
     */
    public static Converter<Jwt, AbstractAuthenticationToken> jwtAuthenticationConverter(ServiceTokenPolicy policy) {
        Converter<Jwt, AbstractAuthenticationToken> people = jwtAuthenticationConverter();
        return jwt -> {
            String client = policy.serviceClientOf(jwt);
            if (client == null) {
                return people.convert(jwt);
            }
            Collection<GrantedAuthority> authorities = new ArrayList<>();
            CurrentUser.scopesOf(jwt).forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s)));
            return new ServiceClientAuthentication(jwt, authorities, client);
        };
    }

    private static void write(HttpServletResponse response, int status, ProblemDetail pd) throws IOException {
        if (status == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(pd));
    }
}
