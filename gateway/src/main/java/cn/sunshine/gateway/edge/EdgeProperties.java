package cn.sunshine.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

/**
 * The gateway's edge limits, under {@code sunshine.gateway}.
 *
 * @param timeout        how long a service may take to begin its response before the caller gets
 *                       a 503 (per service: {@code sunshine.services.<area>.timeout})
 * @param connectTimeout how long to wait for a TCP connection to a service
 * @param maxRequestSize the largest request body accepted (413 {@code payload-too-large} above it)
 * @param maxJsonSize    the largest JSON request body accepted ({@code application/json},
 *                       {@code application/*+json}: 413 {@code body-too-large} above it), as the services
 *                       limit it ({@code sunshine.web.max-json-body}); file uploads keep {@code maxRequestSize}
 * @param rateLimit      per-caller token buckets
 * @param cors           browser clients allowed to call the API
 * @param operatorOnlyMetricsAndDocs {@code /actuator/prometheus} and every API document
 *                       ({@code /v3/api-docs/**}, Swagger UI) only for the role OPERATOR; on in the
 *                       {@code cluster} profile, off locally and in tests (they stay open there)
 * @param publicMaxAge   how long browsers and proxies may keep a public read
 *                       ({@code GET /api/public/**}, 200) the service did not mark itself:
 *                       {@code Cache-Control: public, max-age=…}
 * @param acceptedTokens how many accepted bearer tokens the gateway remembers (by digest, each until
 *                       its expiry) so that a caller's next request skips the signature check; 0 turns
 *                       it off ({@code CachingReactiveJwtDecoder})
 */
@ConfigurationProperties("sunshine.gateway")
public record EdgeProperties(
        @DefaultValue("5s") Duration timeout,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("10MB") DataSize maxRequestSize,
        @DefaultValue("1MB") DataSize maxJsonSize,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Cors cors,
        @DefaultValue("false") boolean operatorOnlyMetricsAndDocs,
        @DefaultValue("30s") Duration publicMaxAge,
        @DefaultValue("10000") int acceptedTokens) {

    /**
     * Token buckets in memory, one per caller: the token's subject, or the client address for
     * callers without a token. A bucket holds up to {@code burst} requests and refills at
     * {@code rate} per second.
     *
     * @param enabled          off turns the limit off
     * @param rate             requests per second a caller with a token may sustain
     * @param burst            requests a caller with a token may send at once
     * @param anonymousRate    requests per second per client address without a token (public reads;
     *                         many citizens may share one address)
     * @param anonymousBurst   burst per client address without a token
     * @param maxTrackedCallers buckets kept before idle (full) ones are dropped
     * @param trustedProxyHops how many proxies in front of the gateway (load balancer, ingress) add
     *                         themselves to {@code X-Forwarded-For}; 0 (the default) uses the
     *                         connection's address and ignores the header, which a client can forge
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("20") double rate,
            @DefaultValue("40") int burst,
            @DefaultValue("50") double anonymousRate,
            @DefaultValue("100") int anonymousBurst,
            @DefaultValue("100000") int maxTrackedCallers,
            @DefaultValue("0") int trustedProxyHops) {
    }

    /**
     * @param allowedOrigins origins of browser clients (e.g. the web front end)
     * @param maxAge         how long a browser may cache a preflight answer
     */
    public record Cors(
            @DefaultValue("http://localhost:5173") List<String> allowedOrigins,
            @DefaultValue("1h") Duration maxAge) {
    }
}
