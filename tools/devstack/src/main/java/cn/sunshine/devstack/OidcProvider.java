package cn.sunshine.devstack;

import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal OpenID Connect provider for the console's local run (authorization code with PKCE),
 * mounted under {@code /oidc} on the development token issuer (loopback only):
 *
 * <pre>
 * GET  /oidc/.well-known/openid-configuration   the discovery document (issuer http://localhost:9000/oidc)
 * GET  /oidc/authorize                          a user picker: the demo users, and base staff of a base
 * POST /oidc/authorize                          the picked user: 302 to the client's redirect_uri with code and state
 * POST /oidc/token                              grant_type=authorization_code: access, refresh and ID tokens;
 *                                               grant_type=refresh_token: a new access token
 * GET  /oidc/logout                             RP-initiated logout: the person's refresh tokens end, 302 back to
 *                                               post_logout_redirect_uri (with state)
 * GET  /.well-known/jwks.json                   (the issuer's) the key that verifies both
 * </pre>
 *
 * <p>The access token is exactly what {@code GET /dev/tokens/{username}} mints ({@link DevTokens#mint}: the
 * services' claims {@code roles}, {@code division}, {@code baseId}), so nothing in the services changes. The
 * ID token is signed with the same development key: {@code iss} this provider, {@code aud} and {@code azp}
 * the client, the request's {@code nonce}, {@code name}, {@code preferred_username} and the same claims.
 *
 * <p>Rules kept as a real provider keeps them: one registered client ({@code console}, secret
 * {@code console-dev-secret}, {@code client_secret_basic} or {@code client_secret_post}); redirect URIs on
 * a loopback host ending {@code /login/oauth2/code/<registration>} only; PKCE {@code S256} required; a code
 * is used once, within 60 seconds, by the client and redirect URI it was issued to, with the verifier whose
 * challenge it carries. Access tokens live {@link #ACCESS_TTL} (five minutes, Keycloak's default; the environment's
 * {@code SUNSHINE_OIDC_ACCESS_TOKEN_TTL}, an ISO-8601 duration, changes it), so the console's renewal with the
 * refresh token is exercised by every local run; a refresh token ends after 30 minutes unused, ten hours after
 * sign-in, or at logout (Keycloak's SSO session idle and max defaults) and is not rotated. There is no password: whoever reaches this loopback port picks a user, which is
 * the point of a development provider. In a cluster the console is a client of the province's Keycloak.
 */
final class OidcProvider {

    static final String PATH = "/oidc";
    static final String CLIENT_ID = "console";
    static final String CLIENT_SECRET = "console-dev-secret";
    static final Duration CODE_TTL = Duration.ofSeconds(60);
    static final Duration ID_TOKEN_TTL = Duration.ofMinutes(10);
    static final Duration ACCESS_TTL = accessTtl(System.getenv("SUNSHINE_OIDC_ACCESS_TOKEN_TTL"));
    static final Duration REFRESH_IDLE = Duration.ofMinutes(30);
    static final Duration REFRESH_MAX = Duration.ofHours(10);
    /** The demo counties whose base staff the picker offers (with their bases' ids typed in). */
    static final Map<String, String> COUNTIES = Map.of("420981", "应城市", "420982", "安陆市", "420984", "汉川市",
            "420923", "云梦县");

    private static final SecureRandom RANDOM = new SecureRandom();

    private record Code(String clientId, String redirectUri, String challenge, String nonce, String scope,
                        DevUser user, Instant expires) {
    }

    /** A refresh token's grant: whose, for which client, since when, last used. */
    private record Refresh(String clientId, DevUser user, String scope, Instant issued, Instant lastUsed) {
        boolean usableAt(Instant now) {
            return now.isBefore(issued.plus(REFRESH_MAX)) && now.isBefore(lastUsed.plus(REFRESH_IDLE));
        }
    }

    private final String issuer;
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Refresh> refreshTokens = new ConcurrentHashMap<>();
    private final PrivateKey key = loadKey();

    OidcProvider(String issuerOrigin) {
        this.issuer = issuerOrigin + PATH;
    }

    String issuer() {
        return issuer;
    }

    void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (IllegalArgumentException e) {
            page(exchange, 400, "请求有误 Bad request", "<p>" + html(e.getMessage()) + "</p>");
        } catch (RuntimeException e) {
            json(exchange, 500, Json.write(Map.of("error", "server_error", "error_description", e.toString())));
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        switch (path) {
            case PATH + "/.well-known/openid-configuration" -> json(exchange, 200, discovery());
            case PATH + "/authorize" -> {
                if (method.equals("GET")) {
                    picker(exchange, query(exchange.getRequestURI().getRawQuery()));
                } else if (method.equals("POST")) {
                    picked(exchange, form(exchange));
                } else {
                    exchange.getResponseHeaders().set("Allow", "GET, POST");
                    json(exchange, 405, oauthError("invalid_request", "GET or POST"));
                }
            }
            case PATH + "/token" -> {
                if (!method.equals("POST")) {
                    exchange.getResponseHeaders().set("Allow", "POST");
                    json(exchange, 405, oauthError("invalid_request", "the token endpoint takes POST"));
                    return;
                }
                token(exchange);
            }
            case PATH + "/logout" -> logout(exchange, method.equals("POST") ? form(exchange)
                    : query(exchange.getRequestURI().getRawQuery()));
            default -> json(exchange, 404, oauthError("not_found", "no such endpoint: " + path));
        }
    }

    String discovery() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + "/authorize");
        m.put("token_endpoint", issuer + "/token");
        m.put("jwks_uri", issuer.substring(0, issuer.length() - PATH.length()) + "/.well-known/jwks.json");
        m.put("response_types_supported", List.of("code"));
        m.put("end_session_endpoint", issuer + "/logout");
        m.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
        m.put("subject_types_supported", List.of("public"));
        m.put("id_token_signing_alg_values_supported", List.of("RS256"));
        m.put("scopes_supported", List.of("openid", "profile"));
        m.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("claims_supported", List.of("sub", "name", "preferred_username", "roles", "division", "baseId"));
        return Json.write(m);
    }

    // ------------------------------------------------------------------------------------------
    // Authorization endpoint

    /** Checks the request as the spec says: an unusable client or redirect URI is never redirected to. */
    private static Map<String, String> checkedRequest(Map<String, String> q) {
        if (!CLIENT_ID.equals(q.get("client_id"))) {
            throw new IllegalArgumentException("unknown client_id '" + q.get("client_id") + "'");
        }
        checkRedirectUri(q.get("redirect_uri"));
        if (!"code".equals(q.get("response_type"))) {
            throw new IllegalArgumentException("response_type must be code");
        }
        String scope = q.getOrDefault("scope", "");
        if (!List.of(scope.split(" ")).contains("openid")) {
            throw new IllegalArgumentException("scope must include openid");
        }
        String challenge = q.get("code_challenge");
        if (challenge == null || !challenge.matches("[A-Za-z0-9_-]{43,128}") || !"S256".equals(q.get("code_challenge_method"))) {
            throw new IllegalArgumentException("PKCE is required: code_challenge with code_challenge_method=S256");
        }
        return q;
    }

    static void checkRedirectUri(String redirectUri) {
        if (redirectUri == null) {
            throw new IllegalArgumentException("redirect_uri is required");
        }
        URI uri = URI.create(redirectUri);
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (!"http".equals(uri.getScheme()) || !loopback || uri.getPath() == null
                || !uri.getPath().matches("/login/oauth2/code/[A-Za-z0-9_-]+") || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("redirect_uri must be http://localhost:<port>/login/oauth2/code/<registration>");
        }
    }

    private static final List<String> CARRIED = List.of("client_id", "redirect_uri", "response_type", "scope", "state",
            "nonce", "code_challenge", "code_challenge_method");

    private void picker(HttpExchange exchange, Map<String, String> q) throws IOException {
        checkedRequest(q);
        StringBuilder hidden = new StringBuilder();
        for (String name : CARRIED) {
            if (q.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"")
                        .append(html(q.get(name))).append("\">");
            }
        }
        StringBuilder body = new StringBuilder();
        body.append("<p class=\"lead\">开发环境登录：选择一位演示用户（无需密码）。<br>Development sign-in: pick a demo user (no password).</p>");
        body.append("<form method=\"post\" action=\"").append(PATH).append("/authorize\">").append(hidden)
                .append("<table><thead><tr><th>用户 User</th><th>角色 Role</th><th>辖区 Division</th><th></th></tr></thead><tbody>");
        for (DevUser u : DevUser.demoUsers()) {
            body.append("<tr><td>").append(html(u.displayName())).append("<br><small>").append(html(u.username()))
                    .append("</small></td><td>").append(html(String.join(", ", new TreeSet<>(u.roles()))))
                    .append("</td><td>").append(u.division()).append("</td><td><button type=\"submit\" name=\"username\" value=\"")
                    .append(html(u.username())).append("\" id=\"pick-").append(html(u.username())).append("\">登录 Sign in</button></td></tr>");
        }
        body.append("</tbody></table></form>");
        body.append("<h2>培训基地人员 Base staff</h2><form method=\"post\" action=\"").append(PATH).append("/authorize\">")
                .append(hidden).append("<input type=\"hidden\" name=\"username\" value=\"").append(TokenIssuer.BASE_STAFF)
                .append("\"><label>县 County <select name=\"division\">");
        COUNTIES.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> body.append("<option value=\"")
                .append(e.getKey()).append("\"").append(e.getKey().equals("420981") ? " selected" : "").append(">")
                .append(e.getKey()).append(" ").append(html(e.getValue())).append("</option>"));
        body.append("</select></label> <label>基地编号 Base id <input name=\"baseId\" required pattern=\"[A-Za-z0-9._:-]{1,128}\"></label> ")
                .append("<button type=\"submit\">登录 Sign in</button><p><small>基地编号见 "
                        + "<code>GET /api/public/accreditation/bases?division=420981</code></small></p></form>");
        page(exchange, 200, "阳光工程 开发环境登录 Development sign-in", body.toString());
    }

    private void picked(HttpExchange exchange, Map<String, String> f) throws IOException {
        checkedRequest(f);
        String username = f.get("username");
        DevUser user;
        if (TokenIssuer.BASE_STAFF.equals(username)) {
            String division = f.getOrDefault("division", TokenIssuer.DEFAULT_BASE_STAFF_DIVISION);
            String baseId = f.getOrDefault("baseId", "");
            if (!division.matches("\\d{6}") || !baseId.matches("[A-Za-z0-9._:-]{1,128}")) {
                throw new IllegalArgumentException("base staff need a 6-digit division and a base id");
            }
            user = DevUser.baseStaff(division, baseId);
        } else {
            user = username == null ? null : DevUser.demoUser(username);
            if (user == null) {
                throw new IllegalArgumentException("no demo user '" + username + "'");
            }
        }
        String code = random(32);
        codes.put(code, new Code(f.get("client_id"), f.get("redirect_uri"), f.get("code_challenge"), f.get("nonce"),
                f.get("scope"), user, Instant.now().plus(CODE_TTL)));
        codes.values().removeIf(c -> c.expires().isBefore(Instant.now()));
        StringBuilder location = new StringBuilder(f.get("redirect_uri")).append("?code=").append(enc(code));
        if (f.get("state") != null) {
            location.append("&state=").append(enc(f.get("state")));
        }
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    // ------------------------------------------------------------------------------------------
    // Token endpoint

    private void token(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            json(exchange, 400, oauthError("invalid_request", "the body must be application/x-www-form-urlencoded"));
            return;
        }
        Map<String, String> f = form(exchange);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String clientId = f.get("client_id");
        String secret = f.get("client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            clientId = URLDecoder.decode(decoded.substring(0, Math.max(colon, 0)), StandardCharsets.UTF_8);
            secret = colon < 0 ? null : URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        if (!CLIENT_ID.equals(clientId) || secret == null
                || !MessageDigest.isEqual(CLIENT_SECRET.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + issuer + "\"");
            json(exchange, 401, oauthError("invalid_client", "unknown client or wrong secret"));
            return;
        }
        if ("refresh_token".equals(f.get("grant_type"))) {
            refreshed(exchange, clientId, f.get("refresh_token"));
            return;
        }
        if (!"authorization_code".equals(f.get("grant_type"))) {
            json(exchange, 400, oauthError("unsupported_grant_type",
                    "authorization_code or refresh_token here (client credentials: POST /oauth2/token)"));
            return;
        }
        Code code = f.get("code") == null ? null : codes.remove(f.get("code"));
        if (code == null || code.expires().isBefore(Instant.now()) || !code.clientId().equals(clientId)
                || !code.redirectUri().equals(f.get("redirect_uri"))) {
            json(exchange, 400, oauthError("invalid_grant", "the code is unknown, used, expired, or for another client or redirect_uri"));
            return;
        }
        String verifier = f.get("code_verifier");
        if (verifier == null || !verifier.matches("[A-Za-z0-9._~-]{43,128}") || !s256(verifier).equals(code.challenge())) {
            json(exchange, 400, oauthError("invalid_grant", "code_verifier does not match the code_challenge"));
            return;
        }
        Instant now = Instant.now();
        String refreshToken = random(32);
        refreshTokens.values().removeIf(r -> !r.usableAt(now));
        refreshTokens.put(refreshToken, new Refresh(clientId, code.user(), code.scope(), now, now));
        Map<String, Object> body = tokens(code.user(), code.scope());
        body.put("refresh_token", refreshToken);
        body.put("refresh_expires_in", REFRESH_IDLE.toSeconds());
        body.put("id_token", idToken(code));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, Json.write(body));
    }

    /** The refresh grant: a new access token for the same person and scope (the refresh token stays the same). */
    private void refreshed(HttpExchange exchange, String clientId, String token) throws IOException {
        Instant now = Instant.now();
        Refresh refresh = token == null ? null : refreshTokens.get(token);
        if (refresh == null || !refresh.clientId().equals(clientId) || !refresh.usableAt(now)) {
            if (refresh != null && !refresh.usableAt(now)) {
                refreshTokens.remove(token);
            }
            json(exchange, 400, oauthError("invalid_grant", "the refresh token is unknown, ended or for another client"));
            return;
        }
        refreshTokens.put(token, new Refresh(refresh.clientId(), refresh.user(), refresh.scope(), refresh.issued(), now));
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        json(exchange, 200, Json.write(tokens(refresh.user(), refresh.scope())));
    }

    private static Map<String, Object> tokens(DevUser user, String scope) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", DevTokens.mint(user, ACCESS_TTL));
        body.put("token_type", "Bearer");
        body.put("expires_in", ACCESS_TTL.toSeconds());
        body.put("scope", scope);
        return body;
    }

    // ------------------------------------------------------------------------------------------
    // End-session endpoint (OpenID Connect RP-initiated logout)

    /**
     * Ends the person's refresh tokens at this client (named by {@code client_id}, or by the ID token's
     * audience) and sends the browser back to {@code post_logout_redirect_uri} when it is one of the client's:
     * a loopback address ending {@code /signed-out}. An ID token hint must be this provider's own.
     */
    private void logout(HttpExchange exchange, Map<String, String> q) throws IOException {
        String hint = q.get("id_token_hint");
        String subject = null;
        String clientId = q.get("client_id");
        if (hint != null && !hint.isBlank()) {
            JWTClaimsSet claims = verifiedIdToken(hint);
            subject = claims.getSubject();
            if (clientId == null && claims.getAudience().size() == 1) {
                clientId = claims.getAudience().get(0);
            }
            if (clientId != null && !claims.getAudience().contains(clientId)) {
                throw new IllegalArgumentException("the id_token_hint was issued to another client");
            }
        }
        if (clientId != null && !CLIENT_ID.equals(clientId)) {
            throw new IllegalArgumentException("unknown client_id '" + clientId + "'");
        }
        String back = q.get("post_logout_redirect_uri");
        if (back != null) {
            if (clientId == null) {
                throw new IllegalArgumentException("post_logout_redirect_uri needs client_id or id_token_hint");
            }
            checkPostLogoutUri(back);
        }
        if (subject != null) {
            String who = subject;
            String client = clientId;
            refreshTokens.values().removeIf(r -> r.user().username().equals(who) && r.clientId().equals(client));
        }
        if (back == null) {
            page(exchange, 200, "已退出 Signed out", "<p class=\"lead\">您已退出登录。You have signed out.</p>");
            return;
        }
        StringBuilder location = new StringBuilder(back);
        if (q.get("state") != null) {
            location.append("?state=").append(enc(q.get("state")));
        }
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    static void checkPostLogoutUri(String uriText) {
        URI uri = URI.create(uriText);
        String host = uri.getHost();
        boolean loopback = "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
        if (!"http".equals(uri.getScheme()) || !loopback || uri.getPath() == null || !uri.getPath().endsWith("/signed-out")
                || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("post_logout_redirect_uri must be http://localhost:<port>/…/signed-out");
        }
    }

    /** An ID token this provider signed (its signature and issuer; an expired one is still a valid hint). */
    private JWTClaimsSet verifiedIdToken(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(publicKey()))
                    || !issuer.equals(jwt.getJWTClaimsSet().getIssuer())) {
                throw new IllegalArgumentException("the id_token_hint is not this provider's");
            }
            return jwt.getJWTClaimsSet();
        } catch (java.text.ParseException | JOSEException e) {
            throw new IllegalArgumentException("the id_token_hint is not a signed JWT");
        }
    }

    private java.security.interfaces.RSAPublicKey publicKey() {
        java.security.interfaces.RSAPrivateCrtKey crt = (java.security.interfaces.RSAPrivateCrtKey) key;
        try {
            return (java.security.interfaces.RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static Duration accessTtl(String configured) {
        if (configured == null || configured.isBlank()) {
            return Duration.ofMinutes(5);
        }
        Duration ttl = Duration.parse(configured.trim());
        if (ttl.isNegative() || ttl.compareTo(Duration.ofSeconds(90)) < 0) {
            throw new IllegalArgumentException("SUNSHINE_OIDC_ACCESS_TOKEN_TTL must be at least PT90S");
        }
        return ttl;
    }

    private String idToken(Code code) {
        Instant now = Instant.now();
        DevUser user = code.user();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.username())
                .audience(code.clientId())
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ID_TOKEN_TTL)))
                .claim("auth_time", now.getEpochSecond())
                .claim("azp", code.clientId())
                .claim("name", user.displayName())
                .claim("preferred_username", user.username())
                .claim("roles", new ArrayList<>(new TreeSet<>(user.roles())))
                .claim("division", user.division());
        if (code.nonce() != null) {
            claims.claim("nonce", code.nonce());
        }
        if (user.baseId() != null) {
            claims.claim("baseId", user.baseId());
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(DevTokens.KEY_ID).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign the ID token", e);
        }
    }

    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getClassLoader().getResourceAsStream("dev-auth/dev-signing-key.pem")) {
            if (in == null) {
                throw new IllegalStateException("missing resource dev-auth/dev-signing-key.pem");
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("development key is unreadable", e);
        }
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        return query(new String(exchange.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (out.putIfAbsent(k, v) != null) {
                throw new IllegalArgumentException("parameter " + k + " is repeated");
            }
        }
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String oauthError(String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        return Json.write(m);
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json", body);
    }

    private static final String STYLE = "body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:2rem;"
            + "color:#1f2937}table{border-collapse:collapse}td,th{padding:.35rem .75rem;border-bottom:1px solid #ddd;"
            + "text-align:left}button{padding:.3rem .8rem;cursor:pointer}h1{font-size:1.4rem}.lead{color:#374151}";

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http://localhost:* http://127.0.0.1:*; frame-ancestors 'none'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, status, "text/html", "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>"
                + html(title) + "</title><style>" + STYLE + "</style></head><body><h1>" + html(title) + "</h1>" + body
                + "</body></html>");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
