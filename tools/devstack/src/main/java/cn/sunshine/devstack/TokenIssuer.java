package cn.sunshine.devstack;

import cn.sunshine.devauth.DevClient;
import cn.sunshine.devauth.DevTokens;
import cn.sunshine.devauth.DevUser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The development token issuer (JDK HTTP server, loopback only). Tokens are signed with the
 * development key of {@code dev-auth}, which the services trust under the {@code local} profile only.
 *
 * <pre>
 * GET /dev/users                                     the demo users
 * GET /dev/tokens/{username}                         {"username": ..., "token": "&lt;jwt&gt;", ...}
 * GET /dev/tokens/{username}?baseId=B                a BASE_STAFF token for base B in the user's division
 * GET /dev/tokens/base-staff?division=D&amp;baseId=B     a BASE_STAFF token for base B in division D
 * GET /dev/tokens/...&amp;format=raw                     the bare token as text/plain
 * GET /.well-known/jwks.json                         the public key set that verifies the tokens
 * POST /oauth2/token                                 a service's client-credentials token (RFC 6749 §4.4)
 * </pre>
 *
 * <p>The token endpoint serves the clients of {@link ServiceClients}: {@code grant_type=client_credentials},
 * the client authenticated with {@code client_secret_basic} or {@code client_secret_post}, an optional
 * {@code scope} (a subset of the client's). The token ({@link DevTokens#mintClient}) names the client
 * ({@code sub}, {@code azp}, {@code client_id}), the services it may call ({@code aud}), the granted
 * {@code scope} and the client's {@code division}, and lives {@link DevTokens#CLIENT_TOKEN_TTL}.
 * Errors are RFC 6749 §5.2 JSON ({@code error}, {@code error_description}).
 */
final class TokenIssuer implements AutoCloseable {

    static final Duration TTL = Duration.ofHours(8);
    static final String BASE_STAFF = "base-staff";
    static final String DEFAULT_BASE_STAFF_DIVISION = "420981";

    private final HttpServer server;
    private final ExecutorService executor;

    private TokenIssuer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static TokenIssuer start(String host, int port) throws IOException {
        // Fail now, not on the first request, if the development key cannot be read.
        DevTokens.publicJwkSetJson();
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "devstack-issuer");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", TokenIssuer::handle);
        server.start();
        return new TokenIssuer(server, executor);
    }

    /** Mounts another handler beside the issuer's endpoints (the console's OIDC provider, {@link OidcProvider}). */
    void mount(String path, com.sun.net.httpserver.HttpHandler handler) {
        server.createContext(path, handler);
    }

    String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        try {
            route(exchange);
        } catch (IllegalArgumentException e) {
            json(exchange, 400, error("bad request", e.getMessage()));
        } catch (RuntimeException e) {
            json(exchange, 500, error("internal error", e.toString()));
        } finally {
            exchange.close();
        }
    }

    private static void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.equals(TOKEN_PATH)) {
            if (!method.equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                json(exchange, 405, oauthError("invalid_request", "the token endpoint takes POST"));
                return;
            }
            clientCredentials(exchange);
            return;
        }
        if (!method.equals("GET")) {
            exchange.getResponseHeaders().set("Allow", "GET");
            json(exchange, 405, error("method not allowed", method + " " + path));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        if (path.equals("/") || path.equals("/dev") || path.equals("/dev/")) {
            json(exchange, 200, index());
        } else if (path.equals("/dev/users") || path.equals("/dev/users/")) {
            json(exchange, 200, users());
        } else if (path.equals("/.well-known/jwks.json")) {
            json(exchange, 200, DevTokens.publicJwkSetJson());
        } else if (path.startsWith("/dev/tokens/") && path.indexOf('/', "/dev/tokens/".length()) < 0
                && path.length() > "/dev/tokens/".length()) {
            token(exchange, path.substring("/dev/tokens/".length()), query);
        } else {
            json(exchange, 404, error("not found", "no such endpoint: " + path + " (try GET /)"));
        }
    }

    private static void token(HttpExchange exchange, String username, Map<String, String> query) throws IOException {
        String baseId = blankToNull(query.get("baseId"));
        DevUser user;
        if (username.equals(BASE_STAFF)) {
            if (baseId == null) {
                throw new IllegalArgumentException("base-staff needs ?baseId= (and optionally &division=, default "
                        + DEFAULT_BASE_STAFF_DIVISION + ")");
            }
            String division = blankToNull(query.get("division"));
            user = DevUser.baseStaff(division != null ? division : DEFAULT_BASE_STAFF_DIVISION, checkBaseId(baseId));
        } else {
            DevUser demo = DevUser.demoUser(username);
            if (demo == null) {
                json(exchange, 404, error("unknown user", "no demo user '" + username
                        + "'; GET /dev/users lists them, GET /dev/tokens/base-staff?division=D&baseId=B mints base staff"));
                return;
            }
            user = baseId == null ? demo : DevUser.baseStaff(demo.division(), checkBaseId(baseId));
        }
        String token = DevTokens.mint(user, TTL);
        if ("raw".equals(query.get("format"))) {
            send(exchange, 200, "text/plain; charset=utf-8", token + "\n");
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", user.username());
        body.put("displayName", user.displayName());
        body.put("roles", new ArrayList<>(new TreeSet<>(user.roles())));
        body.put("division", user.division());
        if (user.baseId() != null) {
            body.put("baseId", user.baseId());
        }
        body.put("expiresInSeconds", TTL.toSeconds());
        body.put("token", token);
        json(exchange, 200, Json.write(body));
    }

    static final String TOKEN_PATH = "/oauth2/token";

    /** RFC 6749 §4.4 with the client authenticated as §2.3.1 (basic or post), errors as §5.2. */
    private static void clientCredentials(HttpExchange exchange) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            json(exchange, 400, oauthError("invalid_request", "the body must be application/x-www-form-urlencoded"));
            return;
        }
        String raw = new String(exchange.getRequestBody().readNBytes(16 * 1024), StandardCharsets.UTF_8);
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (form.putIfAbsent(k, v) != null) {
                json(exchange, 400, oauthError("invalid_request", "parameter " + k + " is repeated"));
                return;
            }
        }
        // The client: HTTP Basic (client_secret_basic) or client_id + client_secret in the body
        // (client_secret_post); never both.
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String clientId;
        String secret;
        if (basic) {
            if (form.containsKey("client_secret")) {
                json(exchange, 400, oauthError("invalid_request", "more than one client authentication method"));
                return;
            }
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                invalidClient(exchange, "malformed Basic credentials");
                return;
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                invalidClient(exchange, "malformed Basic credentials");
                return;
            }
            clientId = URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
            secret = URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
            if (form.containsKey("client_id") && !form.get("client_id").equals(clientId)) {
                json(exchange, 400, oauthError("invalid_request", "client_id differs from the authenticated client"));
                return;
            }
        } else {
            clientId = form.get("client_id");
            secret = form.get("client_secret");
        }
        ServiceClients.Registration registration = clientId == null ? null : ServiceClients.find(clientId);
        if (registration == null || !registration.secretMatches(secret)) {
            invalidClient(exchange, clientId == null ? "client authentication is required"
                    : "unknown client or wrong secret");
            return;
        }
        String grant = form.get("grant_type");
        if (grant == null || grant.isBlank()) {
            json(exchange, 400, oauthError("invalid_request", "grant_type is required"));
            return;
        }
        if (!grant.equals("client_credentials")) {
            json(exchange, 400, oauthError("unsupported_grant_type", "only client_credentials is supported"));
            return;
        }
        DevClient client = registration.client();
        List<String> scopes = client.scopes();
        String requested = form.get("scope");
        if (requested != null && !requested.isBlank()) {
            List<String> asked = Arrays.stream(requested.trim().split(" +")).distinct().toList();
            List<String> unknown = asked.stream().filter(a -> !client.scopes().contains(a)).toList();
            if (!unknown.isEmpty()) {
                json(exchange, 400, oauthError("invalid_scope", "client " + clientId + " may not have " + unknown));
                return;
            }
            scopes = asked;
        }
        String token = DevTokens.mintClient(client.withScopes(scopes), DevTokens.CLIENT_TOKEN_TTL);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", DevTokens.CLIENT_TOKEN_TTL.toSeconds());
        body.put("scope", String.join(" ", scopes));
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        json(exchange, 200, Json.write(body));
    }

    private static void invalidClient(HttpExchange exchange, String description) throws IOException {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + DevTokens.ISSUER + "\"");
        json(exchange, 401, oauthError("invalid_client", description));
    }

    private static String oauthError(String error, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("error_description", description);
        return Json.write(m);
    }

    private static String checkBaseId(String baseId) {
        if (baseId.length() > 128 || !baseId.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("baseId must be 1-128 characters of A-Z a-z 0-9 . _ : -");
        }
        return baseId;
    }

    private static String users() {
        List<Object> out = new ArrayList<>();
        for (DevUser u : DevUser.demoUsers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", u.username());
            m.put("displayName", u.displayName());
            m.put("roles", new ArrayList<>(new TreeSet<>(u.roles())));
            m.put("division", u.division());
            out.add(m);
        }
        return Json.write(out);
    }

    private static String index() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", DevTokens.ISSUER);
        m.put("endpoints", List.of(
                "GET /dev/users",
                "GET /dev/tokens/{username}",
                "GET /dev/tokens/{username}?baseId={baseId}",
                "GET /dev/tokens/base-staff?division={division}&baseId={baseId}",
                "GET /dev/tokens/{username}?format=raw",
                "GET /.well-known/jwks.json",
                "POST /oauth2/token (grant_type=client_credentials; client_secret_basic or client_secret_post)"));
        List<Object> clients = new ArrayList<>();
        for (ServiceClients.Registration r : ServiceClients.registered()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("clientId", r.clientId());
            c.put("audiences", r.client().audiences());
            c.put("scopes", r.client().scopes());
            c.put("division", r.client().division());
            clients.add(c);
        }
        m.put("clients", clients);
        return Json.write(m);
    }

    private static String error(String error, String detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("detail", detail);
        return Json.write(m);
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
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        send(exchange, status, "application/json; charset=utf-8", body);
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "issuer (" + baseUrl() + ")";
    }
}
