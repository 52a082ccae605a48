package cn.sunshine.devstack;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import cn.sunshine.devauth.DevTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's development OIDC provider: authorization code with PKCE, as a real provider keeps it. */
class OidcProviderTest {

    static TokenIssuer issuer;
    static OidcProvider oidc;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String REDIRECT = "http://localhost:8080/login/oauth2/code/sunshine";
    static final String VERIFIER = "a".repeat(20) + "B".repeat(20) + "0123456789-._~";

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        issuer = TokenIssuer.start("127.0.0.1", port);
        oidc = new OidcProvider("http://localhost:" + port);
        issuer.mount(OidcProvider.PATH, oidc::handle);
    }

    @AfterAll
    static void stop() throws Exception {
        issuer.close();
    }

    static String base() {
        return issuer.baseUrl();
    }

    static Map<String, String> authorizeParams(String challenge) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("response_type", "code");
        p.put("client_id", "console");
        p.put("redirect_uri", REDIRECT);
        p.put("scope", "openid profile");
        p.put("state", "s-123");
        p.put("nonce", "n-456");
        if (challenge != null) {
            p.put("code_challenge", challenge);
            p.put("code_challenge_method", "S256");
        }
        return p;
    }

    static String form(Map<String, String> p) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String path, String body, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The picker, then the pick: the code from the redirect. */
    static String code(String username) throws Exception {
        Map<String, String> p = authorizeParams(OidcProvider.s256(VERIFIER));
        HttpResponse<String> picker = get("/oidc/authorize?" + form(p));
        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("id=\"pick-" + username + "\"", "应城市 分管副市长");
        p.put("username", username);
        HttpResponse<String> picked = post("/oidc/authorize", form(p), null);
        assertThat(picked.statusCode()).isEqualTo(302);
        String location = picked.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(REDIRECT + "?code=").endsWith("&state=s-123");
        Matcher m = Pattern.compile("code=([^&]+)").matcher(location);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void discoveryNamesTheEndpointsAndPkce() throws Exception {
        HttpResponse<String> d = get("/oidc/.well-known/openid-configuration");
        assertThat(d.statusCode()).isEqualTo(200);
        assertThat(d.body()).contains("\"issuer\":\"" + oidc.issuer() + "\"", "/oidc/authorize", "/oidc/token",
                "/.well-known/jwks.json", "\"S256\"");
    }

    @Test
    void aPickedUserGetsTheServicesAccessTokenAndAnIdTokenForTheConsole() throws Exception {
        String code = code("county-leader-yingcheng");
        HttpResponse<String> token = post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER)), "console:console-dev-secret");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        RSAKey key = (RSAKey) JWKSet.parse(DevTokens.publicJwkSetJson()).getKeys().get(0);
        SignedJWT access = SignedJWT.parse(field(token.body(), "access_token"));
        SignedJWT id = SignedJWT.parse(field(token.body(), "id_token"));
        assertThat(access.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(id.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("county-leader-yingcheng");
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("COUNTY_LEADER");
        assertThat(access.getJWTClaimsSet().getStringClaim("division")).isEqualTo("420981");
        assertThat(id.getJWTClaimsSet().getIssuer()).isEqualTo(oidc.issuer());
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("console");
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("n-456");
        assertThat(id.getJWTClaimsSet().getStringClaim("name")).isEqualTo("应城市 分管副市长");
        // A code is used once.
        HttpResponse<String> again = post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER)), "console:console-dev-secret");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("invalid_grant");
    }

    @Test
    void theWrongVerifierSecretOrRedirectGetsNothing() throws Exception {
        String code = code("county-officer-anlu");
        assertThat(post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "code_verifier", "x".repeat(50))), "console:console-dev-secret").statusCode()).isEqualTo(400);
        String other = code("county-officer-anlu");
        assertThat(post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", other, "redirect_uri", REDIRECT,
                "code_verifier", VERIFIER)), "console:wrong").statusCode()).isEqualTo(401);
        String third = code("county-officer-anlu");
        assertThat(post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", third,
                "redirect_uri", "http://localhost:8080/login/oauth2/code/other", "code_verifier", VERIFIER)),
                "console:console-dev-secret").statusCode()).isEqualTo(400);
    }

    @Test
    void withoutPkceOrWithAForeignRedirectThereIsNoPicker() throws Exception {
        assertThat(get("/oidc/authorize?" + form(authorizeParams(null))).statusCode()).isEqualTo(400);
        Map<String, String> p = authorizeParams(OidcProvider.s256(VERIFIER));
        p.put("redirect_uri", "https://evil.example/login/oauth2/code/sunshine");
        HttpResponse<String> r = get("/oidc/authorize?" + form(p));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Location")).isEmpty();
    }

    static HttpResponse<String> signedIn(String username) throws Exception {
        HttpResponse<String> token = post("/oidc/token", form(Map.of("grant_type", "authorization_code", "code", code(username),
                "redirect_uri", REDIRECT, "code_verifier", VERIFIER)), "console:console-dev-secret");
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return token;
    }

    static HttpResponse<String> refresh(String refreshToken, String basic) throws Exception {
        return post("/oidc/token", form(Map.of("grant_type", "refresh_token", "refresh_token", refreshToken)), basic);
    }

    @Test
    void theRefreshTokenRenewsTheAccessTokenOfTheSamePersonAsKeycloakDoes() throws Exception {
        HttpResponse<String> token = signedIn("county-officer-yingcheng");
        assertThat(token.body()).contains("\"expires_in\":300", "\"refresh_token\":");
        HttpResponse<String> renewed = refresh(field(token.body(), "refresh_token"), "console:console-dev-secret");
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        SignedJWT access = SignedJWT.parse(field(renewed.body(), "access_token"));
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("county-officer-yingcheng");
        assertThat(access.getJWTClaimsSet().getStringClaim("division")).isEqualTo("420981");
        assertThat(renewed.body()).doesNotContain("id_token");
        // Another client's secret, or a made-up token, gets nothing.
        assertThat(refresh(field(token.body(), "refresh_token"), "console:wrong").statusCode()).isEqualTo(401);
        assertThat(refresh("made-up", "console:console-dev-secret").body()).contains("invalid_grant");
    }

    @Test
    void loggingOutEndsTheRefreshTokensAndSendsTheBrowserBackToSignedOut() throws Exception {
        HttpResponse<String> token = signedIn("county-leader-yingcheng");
        String back = "http://localhost:8080/signed-out";
        HttpResponse<String> out = get("/oidc/logout?" + form(Map.of("id_token_hint", field(token.body(), "id_token"),
                "client_id", "console", "post_logout_redirect_uri", back)));
        assertThat(out.statusCode()).isEqualTo(302);
        assertThat(out.headers().firstValue("Location")).contains(back);
        assertThat(refresh(field(token.body(), "refresh_token"), "console:console-dev-secret").body()).contains("invalid_grant");
        // A foreign return address or a forged hint is refused, and nobody is sent anywhere.
        HttpResponse<String> foreign = get("/oidc/logout?" + form(Map.of("client_id", "console",
                "post_logout_redirect_uri", "https://evil.example/signed-out")));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();
        assertThat(get("/oidc/logout?" + form(Map.of("id_token_hint", "a.b.c"))).statusCode()).isEqualTo(400);
        assertThat(get("/oidc/.well-known/openid-configuration").body()).contains("/oidc/logout", "refresh_token");
    }

    @Test
    void theAccessTokensLifetimeIsFiveMinutesUnlessConfigured() {
        assertThat(OidcProvider.accessTtl(null)).hasMinutes(5);
        assertThat(OidcProvider.accessTtl("PT1H")).hasHours(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OidcProvider.accessTtl("PT30S"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theIssuersOwnEndpointsAreUnchanged() throws Exception {
        assertThat(get("/dev/users").statusCode()).isEqualTo(200);
        assertThat(get("/.well-known/jwks.json").body()).contains(DevTokens.KEY_ID);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(m.find()).as(name + " in " + json).isTrue();
        return m.group(1);
    }
}
