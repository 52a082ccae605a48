package cn.sunshine.deploychecks;

import cn.sunshine.platform.security.CurrentUser;
import cn.sunshine.platform.security.PlatformSecurityConfiguration;
import cn.sunshine.platform.security.Role;
import cn.sunshine.platform.security.ServiceTokenPolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The realm on a real Keycloak: {@code deploy/keycloak/check-realm.sh} starts one (the distribution
 * from the local Maven repository, Java 21+, 127.0.0.1 only), imports {@code sunshine-realm.json} and
 * runs this class with {@code -Dsunshine.keycloak.url}; without that property (the ordinary build) it
 * is skipped. Each demo user signs in to the console as a browser would (authorization code + PKCE,
 * the password set by the administrator), placement-service gets a client-credentials token, another
 * application of the realm gets one too; every token is verified against the realm's keys and
 * issuer and handed to the platform's {@link ServiceTokenPolicy} and JWT converter, as every service
 * and the gateway apply them.
 */
class KeycloakRealmLiveTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static String url;
    static String issuer;
    static String admin;
    static HttpClient http;

    @BeforeAll
    static void keycloak() throws Exception {
        url = System.getProperty("sunshine.keycloak.url");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "no Keycloak given (-Dsunshine.keycloak.url): run deploy/keycloak/check-realm.sh");
        issuer = url + "/realms/sunshine";
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        JsonNode token = form(http, url + "/realms/master/protocol/openid-connect/token", Map.of("grant_type", "password",
                "client_id", "admin-cli", "username", System.getProperty("sunshine.keycloak.admin", "admin"),
                "password", System.getProperty("sunshine.keycloak.admin-password")), null);
        admin = token.path("access_token").asText();
        assertThat(admin).as("the master realm's admin token").isNotBlank();
    }

    @Test
    void everyDemoUserSignsInToTheConsoleAndTheTokenIsAcceptedWithItsRolesDivisionAndBase() throws Exception {
        String consoleSecret = clientSecret("console");
        String redirect = KeycloakRealmTest.client("console").path("redirectUris").path(0).asText();
        for (JsonNode user : KeycloakRealmTest.people()) {
            String username = user.path("username").asText();
            String password = setPassword(username);
            Jwt jwt = decode(signIn(username, password, consoleSecret, redirect));
            assertThat(jwt.getAudience()).as(username + " aud").contains("sunshine");
            assertThat(jwt.getSubject()).as(username + " sub").isNotBlank();
            for (String service : KeycloakRealmTest.SERVICES) {
                ServiceTokenPolicy policy = KeycloakRealmTest.atService(service);
                assertThat(policy.validate(jwt).hasErrors()).as(username + " at " + service).isFalse();
                Set<String> authorities = authorities(policy, jwt);
                for (String role : KeycloakRealmTest.strings(user.path("realmRoles"))) {
                    assertThat(authorities).as(username + " at " + service).contains("ROLE_" + role);
                }
            }
            assertThat(KeycloakRealmTest.gatewayAccepts(jwt)).isTrue();
            CurrentUser me = CurrentUser.from(jwt);
            assertThat(me.roles()).as(username).isEqualTo(KeycloakRealmTest.strings(user.path("realmRoles")).stream()
                    .map(Role::valueOf).collect(Collectors.toSet()));
            assertThat(String.valueOf(me.division())).isEqualTo(user.path("attributes").path("division").path(0).asText());
            assertThat(me.baseId()).isEqualTo(user.path("attributes").path("baseId").path(0).asText(null));
            assertThat(me.name()).isEqualTo(user.path("firstName").asText());
        }
    }

    @Test
    void placementsClientCredentialsTokenIsForEnrollmentOnly() throws Exception {
        Jwt jwt = decode(form(http, issuer + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials"),
                basic("placement-service", clientSecret("placement-service"))).path("access_token").asText());
        assertThat(jwt.getAudience()).contains("enrollment-service");
        assertThat(jwt.getClaimAsString("division")).isEqualTo("420000");
        ServiceTokenPolicy enrollment = KeycloakRealmTest.atService("enrollment-service");
        assertThat(enrollment.serviceClientOf(jwt)).isEqualTo("placement-service");
        assertThat(enrollment.validate(jwt).hasErrors()).as(String.valueOf(enrollment.validate(jwt).getErrors())).isFalse();
        assertThat(authorities(enrollment, jwt)).contains("SCOPE_contacts:read").noneMatch(a -> a.startsWith("ROLE_"));
        for (String other : List.of("base-accreditation-service", "subsidy-service", "placement-service")) {
            assertThat(KeycloakRealmTest.atService(other).validate(jwt).hasErrors()).as(other).isTrue();
        }
    }

    @Test
    void anotherApplicationOfTheRealmGetsTokensNobodyAccepts() throws Exception {
        String clientId = "reporting-tool-" + System.nanoTime();
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/sunshine/clients"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("clientId", clientId,
                        "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Jwt jwt = decode(form(http, issuer + "/protocol/openid-connect/token", Map.of("grant_type", "client_credentials"),
                basic(clientId, clientSecret(clientId))).path("access_token").asText());
        for (String service : KeycloakRealmTest.SERVICES) {
            assertThat(KeycloakRealmTest.atService(service).validate(jwt).hasErrors()).as(service).isTrue();
        }
        assertThat(KeycloakRealmTest.gatewayAccepts(jwt)).isFalse();
    }

    // ------------------------------------------------------------------------------

    static Set<String> authorities(ServiceTokenPolicy policy, Jwt jwt) {
        return PlatformSecurityConfiguration.jwtAuthenticationConverter(policy).convert(jwt).getAuthorities().stream()
                .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    /** Verified as the services verify it: the realm's keys, expiry, issuer. */
    static Jwt decode(String token) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer + "/protocol/openid-connect/certs").build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer)));
        return decoder.decode(token);
    }

    /** The authorization code flow with PKCE, as the console's browser goes through it. */
    static String signIn(String username, String password, String secret, String redirect) throws Exception {
        // cookies by hand: Keycloak marks them Secure, which the JDK's CookieManager keeps off plain http
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String authorize = issuer + "/protocol/openid-connect/auth?client_id=console&response_type=code&scope=openid"
                + "&redirect_uri=" + enc(redirect) + "&state=s1&nonce=n1&code_challenge=" + challenge
                + "&code_challenge_method=S256";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(authorize)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Matcher action = Pattern.compile("action=\"([^\"]+)\"").matcher(page.body());
        assertThat(action.find()).as("the login form").isTrue();
        String post = action.group(1).replace("&amp;", "&");
        String cookies = page.headers().allValues("Set-Cookie").stream().map(c -> c.split(";", 2)[0])
                .collect(Collectors.joining("; "));
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(post))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(password)
                        + "&credentialId=")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(username + " signs in: " + login.body()).isEqualTo(302);
        String location = login.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirect);
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        assertThat(code.find()).isTrue();
        JsonNode token = form(http, issuer + "/protocol/openid-connect/token", Map.of("grant_type", "authorization_code",
                "code", java.net.URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", redirect,
                "code_verifier", verifier), basic("console", secret));
        return token.path("access_token").asText();
    }

    static String setPassword(String username) throws Exception {
        JsonNode users = adminGet("/users?exact=true&username=" + enc(username));
        String id = users.path(0).path("id").asText();
        String password = "Sunshine-" + Base64.getUrlEncoder().withoutPadding().encodeToString(new SecureRandom().generateSeed(12));
        adminPut("/users/" + id + "/reset-password", Map.of("type", "password", "value", password, "temporary", false));
        adminPut("/users/" + id, Map.of("requiredActions", List.of()));
        return password;
    }

    static String clientSecret(String clientId) throws Exception {
        String id = adminGet("/clients?clientId=" + enc(clientId)).path(0).path("id").asText();
        return adminGet("/clients/" + id + "/client-secret").path("value").asText();
    }

    static JsonNode adminGet(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/sunshine" + path))
                .header("Authorization", "Bearer " + admin).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static void adminPut(String path, Object body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/sunshine" + path))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isBetween(200, 204);
    }

    static JsonNode form(HttpClient client, String endpoint, Map<String, String> fields, String authorization) throws Exception {
        String body = new LinkedHashMap<>(fields).entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(endpoint + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((enc(id) + ":" + enc(secret)).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String v) {
        return URLEncoder.encode(v, StandardCharsets.UTF_8);
    }
}
