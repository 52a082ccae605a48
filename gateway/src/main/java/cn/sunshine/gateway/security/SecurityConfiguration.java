package cn.sunshine.gateway.security;

import cn.sunshine.gateway.edge.EdgeProperties;
import cn.sunshine.gateway.web.Problems;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import java.time.Clock;
import java.util.List;

/**
 * The gateway is an OAuth2 resource server like every service: it validates the bearer token
 * itself (signature, expiry) and relays it unchanged, so each service validates it again (no trust
 * in the network). {@code roles: ["COUNTY_OFFICER"]} becomes authority {@code ROLE_COUNTY_OFFICER}.
 * Public reads and health need no token; metrics and API documents need none locally and OPERATOR
 * in a cluster; the rest of {@code /api/**} needs a valid one; the management endpoints beyond those need the OPERATOR role; anything else is closed.
 * 401 and 403 are problem details.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    static final String[] PUBLIC_PATHS = {
            "/api/public/**", "/actuator/health", "/actuator/health/**", "/actuator/info"};

    /**
     * Metrics and the API documents: open locally and in tests, only for OPERATOR in a cluster
     * ({@code sunshine.gateway.operator-only-metrics-and-docs}, set by the {@code cluster} profile).
     */
    static final String[] METRICS_AND_DOCS = {"/actuator/prometheus",
            "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/webjars/swagger-ui/**"};

    /**
     * Callbacks of outside systems that authenticate by their own signature, which the service checks
     * (docs/subsidy.md): routed like the rest of their area, limits included, without a bearer token.
     * Exactly these paths and method; the rest of {@code /api/**} still needs a token.
     */
    static final String[] SIGNED_CALLBACKS = {"/api/subsidy/payment-instructions/*/settlement"};

    @Bean
    SecurityWebFilterChain sunshineGatewaySecurity(ServerHttpSecurity http, EdgeProperties edge) {
        boolean operatorOnly = edge.operatorOnlyMetricsAndDocs();
        ServerAuthenticationEntryPoint unauthorized = (exchange, e) -> {
            boolean presented = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    presented ? "Bearer error=\"invalid_token\"" : "Bearer");
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    presented ? "the bearer token is invalid or has expired; sign in again"
                            : "a valid bearer token is required");
        };
        ServerAccessDeniedHandler forbidden = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "forbidden", "Forbidden", "your role does not allow this");
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(c -> c.disable())
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(c -> { })
                .authorizeExchange(a -> {
                    if (operatorOnly) {
                        a.pathMatchers(METRICS_AND_DOCS).hasRole("OPERATOR");
                    } else {
                        a.pathMatchers(METRICS_AND_DOCS).permitAll();
                    }
                })
                .authorizeExchange(a -> a
                        .pathMatchers(PUBLIC_PATHS).permitAll()
                        // The console's pages: it signs people in itself (docs/console.md).
                        .pathMatchers(cn.sunshine.gateway.routing.ConsoleRoute.allPaths()).permitAll()
                        .pathMatchers(HttpMethod.POST, SIGNED_CALLBACKS).permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .pathMatchers("/actuator/**").hasRole("OPERATOR")
                        // The circuit breakers' fallbacks are reached by internal forwarding only.
                        .anyExchange().denyAll())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(jwtAuthenticationConverter()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /** {@code roles: ["COUNTY_OFFICER"]} → {@code ROLE_COUNTY_OFFICER}; the principal name is {@code sub}. */
    static ReactiveJwtAuthenticationConverterAdapter jwtAuthenticationConverter() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName("roles");
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(roles);
        return new ReactiveJwtAuthenticationConverterAdapter(converter);
    }

    /**
     * The audience check, as at every service ({@code sunshine.security.audiences}, default
     * {@code sunshine}): a token of the same issuer meant for another application is a 401. Boot's JWT
     * decoder applies every {@code OAuth2TokenValidator<Jwt>} bean. An empty list turns it off.
     */
    @Bean
    org.springframework.security.oauth2.core.OAuth2TokenValidator<org.springframework.security.oauth2.jwt.Jwt> sunshineAudienceValidator(
            Environment env) {
        List<String> audiences = org.springframework.boot.context.properties.bind.Binder.get(env)
                .bind("sunshine.security.audiences", org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
                .orElse(List.of()).stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        return jwt -> {
            List<String> aud = jwt.getAudience() == null ? List.of() : jwt.getAudience();
            if (audiences.isEmpty() || aud.stream().anyMatch(audiences::contains)) {
                return org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.success();
            }
            return org.springframework.security.oauth2.core.OAuth2TokenValidatorResult.failure(
                    new org.springframework.security.oauth2.core.OAuth2Error("invalid_token",
                            "the token is not meant for this API (audience " + aud + ")", null));
        };
    }

    /** Browser clients: bearer tokens, no cookies, so no credentials mode. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(EdgeProperties edge) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(edge.cors().allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
                HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.IF_MATCH, HttpHeaders.IF_NONE_MATCH, "Idempotency-Key",
                // why a whole record is read (audited by enrollment: docs/personal-data.md)
                "X-Purpose", "traceparent", "tracestate"));
        cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER,
                HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.WWW_AUTHENTICATE));
        cors.setAllowCredentials(false);
        cors.setMaxAge(edge.cors().maxAge());
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        source.registerCorsConfiguration("/v3/api-docs/**", cors);
        return source;
    }

    /**
     * Boot's token decoder (the development key or the identity provider's keys, with its validators),
     * wrapped so that an accepted token is not checked again on each request until it expires
     * ({@code sunshine.gateway.accepted-tokens}, 0: off).
     */
    @Bean
    static BeanPostProcessor acceptedTokenCache(Environment env) {
        int maxEntries = env.getProperty("sunshine.gateway.accepted-tokens", Integer.class, 10_000);
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (maxEntries > 0 && bean instanceof ReactiveJwtDecoder decoder
                        && !(bean instanceof CachingReactiveJwtDecoder)) {
                    return new CachingReactiveJwtDecoder(decoder, Clock.systemUTC(), maxEntries);
                }
                return bean;
            }
        };
    }

    /**
     * No observations of Spring Security's own: it would wrap each of its filters and every
     * authorization in an observation (a timer and a span each, on every request), about a tenth of the
     * gateway's CPU per request under load (docs/performance.md). The request's own observation
     * ({@code http.server.requests}, its metrics and its trace) is unaffected.
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static DevKeyGuard devKeyGuard(Environment env, ResourceLoader resources) {
        return new DevKeyGuard(env, resources);
    }
}
