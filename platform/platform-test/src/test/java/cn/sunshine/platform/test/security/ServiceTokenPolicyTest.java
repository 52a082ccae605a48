package cn.sunshine.platform.test.security;

import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.PlatformSecurityConfiguration;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.ServiceClientAuthentication;
import cn.sunshine.platform.security.ServiceTokenPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Which tokens are a service's, whose audience they must name, and what they grant. */
class ServiceTokenPolicyTest {

    private static final ServiceTokenPolicy AT_ENROLLMENT = ServiceTokenPolicy.from(
            new MockEnvironment().withProperty("spring.application.name", "enrollment-service"));

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(300));
        claims.forEach(b::claim);
        return b.build();
    }

    private static Jwt service(String clientClaim, String client, List<String> aud, String scope) {
        return jwt(Map.of("sub", client, clientClaim, client, "aud", aud, "scope", scope, "division", "420000",
                "roles", List.of("SERVICE", "PROVINCE_OFFICER")));
    }

    @Test
    void aServiceTokenMustNameThisServiceInItsAudience() {
        assertThat(AT_ENROLLMENT.audience()).isEqualTo("enrollment-service");
        assertThat(AT_ENROLLMENT.validate(service("client_id", "placement-service", List.of("enrollment-service"),
                "contacts:read")).hasErrors()).isFalse();
        var wrong = AT_ENROLLMENT.validate(service("client_id", "placement-service", List.of("subsidy-service"),
                "contacts:read"));
        assertThat(wrong.hasErrors()).isTrue();
        assertThat(wrong.getErrors()).first().satisfies(e -> {
            assertThat(e.getErrorCode()).isEqualTo("invalid_token");
            assertThat(e.getDescription()).contains("placement-service", "enrollment-service");
        });
        assertThat(AT_ENROLLMENT.validate(service("azp", "placement-service", List.of("sunshine"), "contacts:read"))
                .hasErrors()).as("azp names the service client too").isTrue();
    }

    @Test
    void peoplesTokensAreCheckedOnlyAgainstConfiguredAudiences() {
        Jwt person = jwt(Map.of("sub", "county-officer-yingcheng", "aud", List.of("sunshine"), "azp", "sunshine-console",
                "roles", List.of("COUNTY_OFFICER"), "division", "420981"));
        assertThat(AT_ENROLLMENT.userAudiences()).isEmpty();
        assertThat(AT_ENROLLMENT.validate(person).hasErrors()).isFalse();
        ServiceTokenPolicy checked = ServiceTokenPolicy.from(new MockEnvironment()
                .withProperty("spring.application.name", "enrollment-service")
                .withProperty("sunshine.security.audiences", "sunshine, sunshine-api"));
        assertThat(checked.validate(person).hasErrors()).isFalse();
        ServiceTokenPolicy other = ServiceTokenPolicy.from(new MockEnvironment()
                .withProperty("spring.application.name", "enrollment-service")
                .withProperty("sunshine.security.audiences[0]", "sunshine-api"));
        assertThat(other.validate(person).hasErrors()).isTrue();
        Jwt unlisted = service("client_id", "finance-bureau-system", List.of("sunshine"), "");
        assertThat(AT_ENROLLMENT.serviceClientOf(unlisted)).as("not one of the suite's service clients").isNull();
        ServiceTokenPolicy listed = ServiceTokenPolicy.from(new MockEnvironment()
                .withProperty("spring.application.name", "enrollment-service")
                .withProperty("sunshine.security.service-clients", "placement-service")
                .withProperty("sunshine.security.service-audience", "enrollment"));
        assertThat(listed.serviceClientOf(service("client_id", "subsidy-service", List.of("x"), ""))).isNull();
        assertThat(listed.validate(service("client_id", "placement-service", List.of("enrollment"), "")).hasErrors())
                .isFalse();
    }

    @Test
    void aServiceTokenGrantsItsScopesAndNoRoleWhateverItsRolesClaimSays() {
        Jwt token = service("client_id", "placement-service", List.of("enrollment-service"), "contacts:read");
        AbstractAuthenticationToken auth = PlatformSecurityConfiguration.jwtAuthenticationConverter(AT_ENROLLMENT)
                .convert(token);
        assertThat(auth).isInstanceOf(ServiceClientAuthentication.class);
        assertThat(auth.getName()).isEqualTo("placement-service");
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("SCOPE_contacts:read");

        CurrentUser client = CurrentUser.client(token, "placement-service");
        assertThat(client.roles()).isEmpty();
        assertThat(client.has(Role.SERVICE)).isFalse();
        assertThat(client.isServiceClient()).isTrue();
        assertThat(client.hasAnyScope("contacts:read")).isTrue();
        assertThat(client.hasAnyScope("payments:settle")).isFalse();
        assertThat(client.covers("420981")).isTrue();
        assertThat(client.covers("430102")).isFalse();
        assertThat(client.subject()).isEqualTo("placement-service");
    }

    @Test
    void aPersonNeverPassesByAScope() {
        Jwt person = jwt(Map.of("sub", "county-officer-yingcheng", "aud", List.of("sunshine"), "scope", "openid contacts:read",
                "roles", List.of("COUNTY_OFFICER"), "division", "420981"));
        AbstractAuthenticationToken auth = PlatformSecurityConfiguration.jwtAuthenticationConverter(AT_ENROLLMENT)
                .convert(person);
        assertThat(auth).isNotInstanceOf(ServiceClientAuthentication.class);
        assertThat(auth.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_COUNTY_OFFICER");
        CurrentUser user = CurrentUser.from(person);
        assertThat(user.hasAnyScope("contacts:read")).isFalse();
        assertThat(user.roles()).isEqualTo(Set.of(Role.COUNTY_OFFICER));
    }
}
