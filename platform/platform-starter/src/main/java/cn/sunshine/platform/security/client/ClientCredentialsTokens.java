package cn.sunshine.platform.security.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This service's access tokens from the identity provider's token endpoint (OAuth2 client
 * credentials, RFC 6749 §4.4): one per set of scopes, kept until shortly before it expires and then
 * fetched again. Concurrent callers share one fetch. The secret is sent with
 * {@code client_secret_basic} (RFC 6749 §2.3.1, form-encoded before Base64) or
 * {@code client_secret_post}, and never logged.
 *
 * <p>Expiry is reckoned on the machine's real clock, not the programme clock a local run can move.
 */
public class ClientCredentialsTokens {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsTokens.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** When the endpoint does not say how long a token lives, it is used this long at most. */
    static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(1);

    private record Cached(String token, Instant refreshAt) {
    }

    private final ClientCredentialsProperties client;
    private final HttpClient http;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ClientCredentialsTokens(ClientCredentialsProperties client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        if (client.id() == null || client.id().isBlank()) {
            throw new IllegalStateException("sunshine.security.client.id (SUNSHINE_CLIENT_ID) is empty");
        }
        if (client.secret() == null || client.secret().isBlank()) {
            throw new IllegalStateException("sunshine.security.client.secret (SUNSHINE_CLIENT_SECRET) is empty: client "
                    + client.id() + " cannot obtain tokens");
        }
        if (client.tokenUri() == null) {
            throw new IllegalStateException("sunshine.security.client.token-uri (SUNSHINE_TOKEN_URI) is not set");
        }
        if (!client.authenticationMethod().equals("client_secret_basic")
                && !client.authenticationMethod().equals("client_secret_post")) {
            throw new IllegalStateException("sunshine.security.client.authentication-method must be client_secret_basic"
                    + " or client_secret_post, not " + client.authenticationMethod());
        }
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(client.timeout()).build();
    }

    public String clientId() {
        return client.id();
    }

    /** A valid access token with (at least) these scopes; fetched when there is none or it is about to expire. */
    public String token(Collection<String> scopes) {
        String key = String.join(" ", new TreeSet<>(scopes));
        Cached cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return cached.token();
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            cached = cache.get(key);
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return cached.token();
            }
            Cached fresh = fetch(key);
            cache.put(key, fresh);
            return fresh.token();
        }
    }

    /** Forgets a token the receiving service refused (revoked, or signed with a retired key): the next call fetches another. */
    public void evict(String token) {
        cache.values().removeIf(c -> c.token().equals(token));
    }

    /** Forgets every cached token. */
    public void evictAll() {
        cache.clear();
    }

    private Cached fetch(String scope) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (!scope.isEmpty()) {
            form.append("&scope=").append(encode(scope));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(client.tokenUri()).timeout(client.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (client.authenticationMethod().equals("client_secret_post")) {
            form.append("&client_id=").append(encode(client.id())).append("&client_secret=").append(encode(client.secret()));
        } else {
            String basic = encode(client.id()) + ":" + encode(client.secret());
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        Instant asked = clock.instant();
        HttpResponse<String> response;
        try {
            response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClientCredentialsException("token endpoint " + client.tokenUri() + " unreachable for client "
                    + client.id() + ": " + e, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientCredentialsException("interrupted while asking for a token", 0, e);
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() != 200 || body == null || !body.path("access_token").isString()) {
            String error = body == null ? "" : " " + body.path("error").asString("")
                    + (body.path("error_description").isMissingNode() ? "" : ": " + body.path("error_description").asString(""));
            throw new ClientCredentialsException("token endpoint " + client.tokenUri() + " answered "
                    + response.statusCode() + error + " for client " + client.id(), response.statusCode(), null);
        }
        String type = body.path("token_type").asString("Bearer");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new ClientCredentialsException("token endpoint issued a " + type + " token, not a Bearer token",
                    response.statusCode(), null);
        }
        Duration lifetime = body.path("expires_in").canConvertToLong() && body.path("expires_in").asLong() > 0
                ? Duration.ofSeconds(body.path("expires_in").asLong()) : DEFAULT_LIFETIME;
        Duration early = client.refreshBefore().compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2)
                : client.refreshBefore();
        log.debug("client {} obtained a token for scope [{}], valid {}", client.id(), scope, lifetime);
        return new Cached(body.path("access_token").asString(), asked.plus(lifetime).minus(early));
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
