package cn.sunshine.deploychecks;

import cn.sunshine.platform.identifiers.DivisionCode;
import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.PlatformSecurityConfiguration;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.ServiceTokenPolicy;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The province's Keycloak realm ({@code deploy/keycloak/sunshine-realm.json}) gives tokens the suite
 * accepts, with the right roles, division, base and audience. No Keycloak server runs here (it needs
 * Java 21 and its distribution is not in the build's repository): the test applies the realm's
 * protocol mappers to each demo user and client as Keycloak does (the client's default client scopes'
 * mappers, then its own), builds the access token's claims, and hands them to the platform's own
 * {@link ServiceTokenPolicy} and JWT authentication converter, as every service and the gateway apply
 * them. A mapper type the simulation does not know fails the test, so the realm cannot drift into
 * something this check does not understand.
 */
class KeycloakRealmTest {

    static final String ISSUER = "https://sso.example.invalid/realms/sunshine";
    static final List<String> SERVICES = List.of("base-accreditation-service", "enrollment-service", "subsidy-service",
            "placement-service");
    /** Roles Keycloak gives every user on import (the realm's default composite): not ours, ignored by the platform. */
    static final List<String> KEYCLOAK_DEFAULT_ROLES = List.of("default-roles-sunshine", "offline_access", "uma_authorization");

    static final JsonNode REALM = load();

    static JsonNode load() {
        try {
            return JsonMapper.builder().build().readTree(Files.readString(
                    Manifests.repoRoot().resolve("deploy/keycloak/sunshine-realm.json")));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------------------ the realm itself

    @Test
    void theRealmRolesAreThePlatformsRoles() {
        Set<String> realmRoles = new TreeSet<>();
        REALM.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        assertThat(realmRoles).isEqualTo(Arrays.stream(Role.values()).map(Role::name).collect(Collectors.toCollection(TreeSet::new)));
        assertThat(REALM.path("realm").asText()).isEqualTo("sunshine");
    }

    @Test
    void theUserProfileDeclaresDivisionAndBaseIdAndEveryDemoUserHasAValidDivision() {
        String config = REALM.path("components").path("org.keycloak.userprofile.UserProfileProvider").path(0)
                .path("config").path("kc.user.profile.config").path(0).asText();
        JsonNode profile = JsonMapper.builder().build().readTree(config);
        Set<String> declared = new LinkedHashSet<>();
        profile.path("attributes").forEach(a -> declared.add(a.path("name").asText()));
        assertThat(declared).as("declared attributes (Keycloak 24+ drops undeclared ones)").contains("division", "baseId");
        for (JsonNode user : people()) {
            String division = user.path("attributes").path("division").path(0).asText(null);
            assertThat(DivisionCode.isValid(division)).as(user.path("username").asText() + " division " + division).isTrue();
            assertThat(user.has("credentials")).as("no password in the repository").isFalse();
            List<String> roles = strings(user.path("realmRoles"));
            assertThat(roles).as(user.path("username") + " roles").isNotEmpty();
            assertThat(user.path("attributes").has("baseId")).as(user.path("username") + ": baseId exactly for base staff")
                    .isEqualTo(roles.contains("BASE_STAFF"));
        }
    }

    @Test
    void theConsoleIsAConfidentialClientWithCodeAndPkceOnly() {
        JsonNode console = client("console");
        assertThat(console.path("publicClient").asBoolean()).isFalse();
        assertThat(console.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(console.path("implicitFlowEnabled").asBoolean()).isFalse();
        assertThat(console.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(console.path("serviceAccountsEnabled").asBoolean()).isFalse();
        assertThat(console.path("attributes").path("pkce.code.challenge.method").asText()).isEqualTo("S256");
        assertThat(strings(console.path("redirectUris"))).singleElement().asString().endsWith("/login/oauth2/code/sunshine");
        assertThat(console.has("secret")).as("the secret is generated at import, never in the repository").isFalse();
        JsonNode placement = client("placement-service");
        assertThat(placement.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(placement.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(placement.path("directAccessGrantsEnabled").asBoolean()).isFalse();
        assertThat(placement.has("secret")).isFalse();
    }

    // ------------------------------------------------------------------------------ people's tokens

    @Test
    void everyDemoUsersConsoleTokenIsAcceptedEverywhereWithItsRolesDivisionAndBase() {
        assertThat(people()).hasSizeGreaterThanOrEqualTo(Role.values().length - 1);
        Set<Role> seen = new LinkedHashSet<>();
        for (JsonNode user : people()) {
            String username = user.path("username").asText();
            Jwt jwt = jwt(accessToken(client("console"), user));
            assertThat(jwt.getAudience()).as(username + " aud").contains("sunshine");
            for (String service : SERVICES) {
                ServiceTokenPolicy policy = atService(service);
                assertThat(policy.validate(jwt).hasErrors()).as(username + " at " + service + ": "
                        + policy.validate(jwt).getErrors()).isFalse();
                assertThat(policy.serviceClientOf(jwt)).as("a person, not a service client").isNull();
                Set<String> authorities = PlatformSecurityConfiguration.jwtAuthenticationConverter(policy).convert(jwt)
                        .getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
                for (String role : strings(user.path("realmRoles"))) {
                    assertThat(authorities).as(username + " at " + service).contains("ROLE_" + role);
                }
            }
            assertThat(gatewayAccepts(jwt)).as(username + " at the gateway").isTrue();
            CurrentUser me = CurrentUser.from(jwt);
            Set<Role> expected = strings(user.path("realmRoles")).stream().map(Role::valueOf).collect(Collectors.toSet());
            assertThat(me.roles()).as(username + " roles (Keycloak's own default roles ignored)").isEqualTo(expected);
            assertThat(me.division()).as(username + " division").isNotNull();
            assertThat(me.division().toString()).isEqualTo(user.path("attributes").path("division").path(0).asText());
            assertThat(me.baseId()).isEqualTo(user.path("attributes").path("baseId").path(0).asText(null));
            assertThat(me.subject()).isNotBlank();
            assertThat(me.name()).isEqualTo(user.path("firstName").asText());
            seen.addAll(expected);
        }
        assertThat(seen).as("demo users cover every role a person holds").containsAll(
                Arrays.stream(Role.values()).filter(r -> r != Role.SERVICE).toList());
    }

    @Test
    void aClientOfTheRealmWithoutTheAudienceMapperGetsTokensNobodyAccepts() {
        JsonNode user = people().get(0);
        // the console as it would be without the sunshine-audience scope (any other application of the realm)
        Map<String, Object> claims = accessToken(withoutScope(client("console"), "sunshine-audience"), user);
        Jwt jwt = jwt(claims);
        assertThat(jwt.getAudience() == null ? List.of() : jwt.getAudience()).doesNotContain("sunshine");
        for (String service : SERVICES) {
            assertThat(atService(service).validate(jwt).hasErrors()).as("at " + service).isTrue();
        }
        assertThat(gatewayAccepts(jwt)).isFalse();
    }

    // ------------------------------------------------------------------------------ service tokens

    @Test
    void placementsClientCredentialsTokenIsForEnrollmentsContactLookupOnly() {
        JsonNode placement = client("placement-service");
        JsonNode account = serviceAccount("placement-service");
        Jwt jwt = jwt(accessToken(placement, account));
        assertThat(jwt.getClaimAsString("azp")).isEqualTo("placement-service");
        assertThat(jwt.getClaims()).as("no roles on a service token").doesNotContainKey("roles");

        ServiceTokenPolicy enrollment = atService("enrollment-service");
        assertThat(enrollment.serviceClientOf(jwt)).isEqualTo("placement-service");
        assertThat(enrollment.validate(jwt).hasErrors()).as(String.valueOf(enrollment.validate(jwt).getErrors())).isFalse();
        Set<String> authorities = PlatformSecurityConfiguration.jwtAuthenticationConverter(enrollment).convert(jwt)
                .getAuthorities().stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
        assertThat(authorities).contains("SCOPE_contacts:read").noneMatch(a -> a.startsWith("ROLE_"));
        CurrentUser client = CurrentUser.client(jwt, "placement-service");
        assertThat(client.scopes()).contains("contacts:read");
        assertThat(client.division().toString()).isEqualTo("420000");

        for (String other : List.of("base-accreditation-service", "subsidy-service", "placement-service")) {
            assertThat(atService(other).validate(jwt).hasErrors()).as("not meant for " + other).isTrue();
        }
        // without its audience mapper, enrollment refuses it too
        Jwt bare = jwt(accessToken(withoutMapper(placement, "oidc-audience-mapper"), account));
        assertThat(enrollment.validate(bare).hasErrors()).isTrue();
    }

    // ------------------------------------------------------------------------------ the simulation

    static List<JsonNode> people() {
        List<JsonNode> out = new ArrayList<>();
        REALM.path("users").forEach(u -> {
            if (!u.has("serviceAccountClientId")) {
                out.add(u);
            }
        });
        return out;
    }

    static JsonNode serviceAccount(String clientId) {
        for (JsonNode u : REALM.path("users")) {
            if (clientId.equals(u.path("serviceAccountClientId").asText(null))) {
                return u;
            }
        }
        throw new AssertionError("no service account for " + clientId);
    }

    static JsonNode client(String clientId) {
        for (JsonNode c : REALM.path("clients")) {
            if (clientId.equals(c.path("clientId").asText())) {
                return c;
            }
        }
        throw new AssertionError("no client " + clientId + " in the realm");
    }

    static JsonNode scope(String name) {
        for (JsonNode s : REALM.path("clientScopes")) {
            if (name.equals(s.path("name").asText())) {
                return s;
            }
        }
        throw new AssertionError("the realm has no client scope " + name);
    }

    static JsonNode withoutScope(JsonNode client, String scope) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) client.deepCopy();
        tools.jackson.databind.node.ArrayNode scopes = copy.putArray("defaultClientScopes");
        client.path("defaultClientScopes").forEach(s -> {
            if (!s.asText().equals(scope)) {
                scopes.add(s.asText());
            }
        });
        return copy;
    }

    static JsonNode withoutMapper(JsonNode client, String type) {
        tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) client.deepCopy();
        tools.jackson.databind.node.ArrayNode mappers = copy.putArray("protocolMappers");
        client.path("protocolMappers").forEach(m -> {
            if (!m.path("protocolMapper").asText().equals(type)) {
                mappers.add(m);
            }
        });
        return copy;
    }

    /**
     * The access token Keycloak issues {@code user} through {@code client}: iss, azp, typ, iat, exp, then
     * the mappers of the client's default client scopes and the client's own, each added to the access
     * token when its {@code access.token.claim} is true; {@code scope} lists the default scopes whose
     * {@code include.in.token.scope} is true (and {@code openid} for a person's sign-in).
     */
    static Map<String, Object> accessToken(JsonNode client, JsonNode user) {
        Map<String, Object> claims = new LinkedHashMap<>();
        Instant now = Instant.now();
        claims.put("iss", ISSUER);
        claims.put("azp", client.path("clientId").asText());
        claims.put("typ", "Bearer");
        claims.put("iat", now);
        claims.put("exp", now.plusSeconds(300));
        boolean person = !user.has("serviceAccountClientId");
        List<String> tokenScopes = new ArrayList<>();
        if (person) {
            tokenScopes.add("openid");
        }
        List<JsonNode> mappers = new ArrayList<>();
        for (JsonNode name : client.path("defaultClientScopes")) {
            JsonNode s = scope(name.asText());
            if (!"false".equals(s.path("attributes").path("include.in.token.scope").asText("true"))) {
                tokenScopes.add(s.path("name").asText());
            }
            s.path("protocolMappers").forEach(mappers::add);
        }
        client.path("protocolMappers").forEach(mappers::add);
        claims.put("scope", String.join(" ", tokenScopes));
        List<String> realmRoles = new ArrayList<>(strings(user.path("realmRoles")));
        realmRoles.addAll(KEYCLOAK_DEFAULT_ROLES);
        Set<String> aud = new LinkedHashSet<>();
        for (JsonNode m : mappers) {
            JsonNode c = m.path("config");
            if (!"true".equals(c.path("access.token.claim").asText())) {
                continue;
            }
            String type = m.path("protocolMapper").asText();
            switch (type) {
                case "oidc-audience-mapper" -> {
                    String custom = c.path("included.custom.audience").asText("");
                    String clientAudience = c.path("included.client.audience").asText("");
                    if (!custom.isEmpty()) {
                        aud.add(custom);
                    }
                    if (!clientAudience.isEmpty()) {
                        aud.add(clientAudience);
                    }
                }
                case "oidc-usermodel-realm-role-mapper" ->
                        claims.put(c.path("claim.name").asText(), "true".equals(c.path("multivalued").asText())
                                ? realmRoles : String.join(",", realmRoles));
                case "oidc-usermodel-attribute-mapper" -> {
                    JsonNode values = user.path("attributes").path(c.path("user.attribute").asText());
                    if (!values.isMissingNode() && !values.isEmpty()) {
                        claims.put(c.path("claim.name").asText(), "true".equals(c.path("multivalued").asText())
                                ? strings(values) : values.path(0).asText());
                    }
                }
                case "oidc-usermodel-property-mapper" -> {
                    String v = user.path(c.path("user.attribute").asText()).asText(null);
                    if (v != null) {
                        claims.put(c.path("claim.name").asText(), v);
                    }
                }
                case "oidc-full-name-mapper" -> {
                    String name = (user.path("firstName").asText("") + " " + user.path("lastName").asText("")).trim();
                    if (!name.isEmpty()) {
                        claims.put("name", name);
                    }
                }
                case "oidc-sub-mapper" -> claims.put("sub", "kc-" + user.path("username").asText());
                case "oidc-hardcoded-claim-mapper" -> claims.put(c.path("claim.name").asText(), c.path("claim.value").asText());
                default -> throw new AssertionError("mapper " + m.path("name").asText() + " of type " + type
                        + " is not simulated here: extend KeycloakRealmTest with what Keycloak does for it");
            }
        }
        if (!aud.isEmpty()) {
            claims.put("aud", new ArrayList<>(aud));
        }
        return claims;
    }

    static Jwt jwt(Map<String, Object> claims) {
        return Jwt.withTokenValue("simulated").header("alg", "RS256").claims(c -> c.putAll(claims)).build();
    }

    /** A service as it runs in a cluster: its own audience for service tokens, {@code sunshine} for people's. */
    static ServiceTokenPolicy atService(String name) {
        return new ServiceTokenPolicy(Set.copyOf(ServiceTokenPolicy.DEFAULT_SERVICE_CLIENTS), name, Set.of("sunshine"));
    }

    /** The gateway's rule (gateway SecurityConfiguration): the token names one of sunshine.security.audiences. */
    static boolean gatewayAccepts(Jwt jwt) {
        return jwt.getAudience() != null && jwt.getAudience().contains("sunshine");
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
