package cn.sunshine.console.session;

import cn.sunshine.console.ConsoleApplication;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.util.UriComponentsBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign in through the real OIDC flow (authorization code + PKCE) against a small provider of the test's own,
 * then stop the console and start another one on the same session store: the person is still signed in, the
 * new console calls the gateway with the person's access token from the stored session, and a form posted with
 * the CSRF token the first console gave is accepted by the second. Two consoles at once on the same store
 * (two replicas) serve the same session too.
 */
class SessionSurvivesRestartTest {

    static HttpServer server;
    static RSAKey key;
    static String base;
    static final List<String> gatewayAuthorizations = new CopyOnWriteArrayList<>();
    static final String ACCESS_TOKEN = "access-token-" + java.util.UUID.randomUUID();
    static volatile String nonce;
    static volatile String challenge;
    static volatile String verifier;

    @BeforeAll
    static void provider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/jwks", x -> answer(x, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/token", x -> {
            String form = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> p = new java.util.HashMap<>();
            for (String kv : form.split("&")) {
                String[] parts = kv.split("=", 2);
                p.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
            }
            verifier = p.get("code_verifier");
            try {
                JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(base).subject("county-leader-yingcheng")
                        .audience("console").issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 600_000))
                        .claim("nonce", nonce).claim("name", "应城市 分管副市长").claim("preferred_username", "county-leader-yingcheng")
                        .claim("roles", List.of("COUNTY_LEADER")).claim("division", "420981").build();
                SignedJWT id = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
                id.sign(new RSASSASigner(key));
                answer(x, 200, "{\"access_token\":\"" + ACCESS_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                        + "\"scope\":\"openid profile\",\"id_token\":\"" + id.serialize() + "\"}");
            } catch (Exception e) {
                answer(x, 500, "{}");
            }
        });
        server.createContext("/api/", x -> {
            gatewayAuthorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
            answer(x, 200, "{\"total\":7,\"items\":[]}");
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    static void answer(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    static ConfigurableApplicationContext console() {
        return new SpringApplicationBuilder(ConsoleApplication.class).profiles("test").run(
                "--server.port=0", "--server.address=127.0.0.1",
                "--sunshine.console.gateway-uri=" + base,
                "--spring.security.oauth2.client.provider.sunshine.authorization-uri=" + base + "/authorize",
                "--spring.security.oauth2.client.provider.sunshine.token-uri=" + base + "/token",
                "--spring.security.oauth2.client.provider.sunshine.jwk-set-uri=" + base + "/jwks",
                "--logging.structured.format.console=", "--management.server.port=-1");
    }

    static int port(ConfigurableApplicationContext c) {
        return Integer.parseInt(c.getEnvironment().getProperty("local.server.port"));
    }

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static HttpResponse<String> get(int port, String path, String cookies) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (cookies != null && !cookies.isEmpty()) {
            r.header("Cookie", cookies);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String cookie(HttpResponse<?> r, String name) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';'))).findFirst().orElse(null);
    }

    @Test
    void aPersonSignedInStaysSignedInAcrossARestartAndOnASecondReplica() throws Exception {
        String session;
        String csrf;
        try (ConfigurableApplicationContext first = console()) {
            int port = port(first);
            // The first page sends the browser to sign in; the console's authorization request carries PKCE.
            HttpResponse<String> home = get(port, "/", null);
            assertThat(home.statusCode()).isEqualTo(302);
            String pre = cookie(home, "SUNSHINE_CONSOLE");
            HttpResponse<String> authorize = get(port, "/oauth2/authorization/sunshine", pre);
            String pre2 = cookie(authorize, "SUNSHINE_CONSOLE");
            String cookies = pre2 != null ? pre2 : pre;
            URI provider = URI.create(authorize.headers().firstValue("Location").orElseThrow());
            Map<String, String> q = UriComponentsBuilder.fromUri(provider).build().getQueryParams().toSingleValueMap();
            assertThat(q).containsEntry("code_challenge_method", "S256").containsKeys("state", "nonce", "code_challenge");
            nonce = URLDecoder.decode(q.get("nonce"), StandardCharsets.UTF_8);
            challenge = URLDecoder.decode(q.get("code_challenge"), StandardCharsets.UTF_8);
            String redirect = URLDecoder.decode(q.get("redirect_uri"), StandardCharsets.UTF_8);
            // The provider sends the browser back with a code; the console redeems it (with the verifier) and signs in.
            HttpResponse<String> back = get(port, URI.create(redirect).getPath() + "?code=the-code&state="
                    + q.get("state"), cookies);
            assertThat(back.statusCode()).as(back.body()).isEqualTo(302);
            assertThat(back.headers().firstValue("Location").orElse("")).doesNotContain("error");
            assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)))).isEqualTo(challenge);
            session = cookie(back, "SUNSHINE_CONSOLE");
            assertThat(session).as("a new session id at sign-in").isNotNull().isNotEqualTo(cookies);
            HttpResponse<String> signedIn = get(port, "/", session);
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(signedIn.body()).contains("应城市 分管副市长");
            csrf = csrf(signedIn.body());
            // The login log: who, from where, under the session's handle (never its id).
            Map<String, Object> signIn = signInLog(first, session, "SIGNED_IN");
            assertThat(signIn).containsEntry("username", "county-leader-yingcheng").containsEntry("name", "应城市 分管副市长")
                    .containsEntry("division", "420981").containsEntry("roles", List.of("COUNTY_LEADER"))
                    .containsEntry("address", "127.0.0.1");
            assertThat(String.valueOf(signIn.get("userAgent"))).contains("Java-http-client");
        }

        gatewayAuthorizations.clear();
        try (ConfigurableApplicationContext second = console()) {
            HttpResponse<String> page = get(port(second), "/", session);
            assertThat(page.statusCode()).as("still signed in after the restart").isEqualTo(200);
            assertThat(page.body()).contains("应城市 分管副市长");
            assertThat(gatewayAuthorizations).as("the gateway called with the person's token from the stored session")
                    .isNotEmpty().allMatch(a -> a.equals("Bearer " + ACCESS_TOKEN));
            // A form of the first console, posted to the second: its CSRF token is the session's.
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port(second) + "/logout"))
                    .header("Cookie", session).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(302);
            assertThat(posted.headers().firstValue("Location").orElse("")).endsWith("/signed-out");

            assertThat(signInLog(second, session, "SIGNED_OUT")).containsEntry("username", "county-leader-yingcheng");

            // Signed out on one replica is signed out on every replica.
            try (ConfigurableApplicationContext third = console()) {
                assertThat(get(port(third), "/", session).statusCode()).isEqualTo(302);
                assertThat(get(port(second), "/", session).statusCode()).isEqualTo(302);
            }
        }
    }

    /** The login log's one entry of this event for the session of this cookie (found by its handle). */
    static Map<String, Object> signInLog(ConfigurableApplicationContext console, String cookie, String event) {
        String id = new String(Base64.getDecoder().decode(cookie.substring(cookie.indexOf('=') + 1)), StandardCharsets.UTF_8);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) console.getBean(cn.sunshine.console.auditlog.AuditLog.class)
                .signIns(new cn.sunshine.console.auditlog.AuditLog.Query(null, null, null, event, null, null,
                        MongoSessionRepository.handle(id)), "420000", 0, 10).get("items");
        assertThat(items).as("the login log's %s entry", event).hasSize(1);
        assertThat(items.get(0).values()).doesNotContain(id);
        return items.get(0);
    }

    static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("the page's CSRF token").isTrue();
        return m.group(1);
    }
}
