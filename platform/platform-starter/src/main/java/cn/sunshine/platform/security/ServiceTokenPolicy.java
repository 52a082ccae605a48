package cn.sunshine.platform.security;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which tokens are a service's own (OAuth2 client credentials) and whose audience they must name.
 *
 * <ul>
 *   <li>A <b>service token</b> is one whose {@code client_id} or {@code azp} claim names one of the
 *       suite's service clients ({@code sunshine.security.service-clients}; default the suite's
 *       services). It must name this service in {@code aud} ({@code sunshine.security.service-audience},
 *       default {@code spring.application.name}), or it is refused with 401. Its {@code roles} claim
 *       grants nothing: what it may do is its {@code scope}, within its {@code division}.</li>
 *   <li>Any other token is a person's. When {@code sunshine.security.audiences} lists audiences, a
 *       person's token must name one of them (401 otherwise). The platform's default is {@code sunshine}
 *       (PlatformDefaults: the development tokens, the devstack's and the realm's people's tokens carry
 *       it); set it empty to turn the check off (never in a cluster: deploy-checks refuses it).</li>
 * </ul>
 */
public final class ServiceTokenPolicy implements OAuth2TokenValidator<Jwt> {

    /** The suite's services, each registered as its own confidential client (client credentials only). */
    public static final List<String> DEFAULT_SERVICE_CLIENTS = List.of("base-accreditation-service",
            "enrollment-service", "subsidy-service", "placement-service", "gateway");

    private final Set<String> serviceClients;
    private final String audience;
    private final Set<String> userAudiences;

    public ServiceTokenPolicy(Set<String> serviceClients, String audience, Set<String> userAudiences) {
        this.serviceClients = Set.copyOf(serviceClients);
        this.audience = audience == null || audience.isBlank() ? null : audience.trim();
        this.userAudiences = Set.copyOf(userAudiences);
    }

    public static ServiceTokenPolicy from(Environment env) {
        Binder binder = Binder.get(env);
        List<String> clients = binder.bind("sunshine.security.service-clients", Bindable.listOf(String.class))
                .orElse(DEFAULT_SERVICE_CLIENTS);
        String audience = env.getProperty("sunshine.security.service-audience",
                env.getProperty("spring.application.name", ""));
        List<String> audiences = binder.bind("sunshine.security.audiences", Bindable.listOf(String.class))
                .orElse(List.of());
        return new ServiceTokenPolicy(clean(clients), audience, clean(audiences));
    }

    private static Set<String> clean(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).forEach(out::add);
        return out;
    }

    /** The service client that holds this token, or null when it is a person's token. */
    public String serviceClientOf(Jwt jwt) {
        String clientId = jwt.getClaimAsString("client_id");
        if (clientId != null && serviceClients.contains(clientId)) {
            return clientId;
        }
        String azp = jwt.getClaimAsString("azp");
        if (azp != null && serviceClients.contains(azp)) {
            return azp;
        }
        return null;
    }

    /** This service's audience: what a service token sent here must name in {@code aud}. */
    public String audience() {
        return audience;
    }

    public Set<String> userAudiences() {
        return userAudiences;
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt jwt) {
        List<String> aud = jwt.getAudience() == null ? List.of() : jwt.getAudience();
        String client = serviceClientOf(jwt);
        if (client != null) {
            if (audience == null || !aud.contains(audience)) {
                return failure("the token of service client " + client + " is not meant for "
                        + (audience == null ? "this service (it has no audience configured)" : audience));
            }
            return OAuth2TokenValidatorResult.success();
        }
        if (!userAudiences.isEmpty() && Collections.disjoint(aud, userAudiences)) {
            return failure("the token is not meant for this service (audience " + aud + ")");
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static OAuth2TokenValidatorResult failure(String description) {
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
    }
}
