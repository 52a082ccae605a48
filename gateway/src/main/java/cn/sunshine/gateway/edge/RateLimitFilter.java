package cn.sunshine.gateway.edge;

import cn.sunshine.gateway.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Per-caller rate limit on {@code /api/**}: a token bucket per token subject, or per client address
 * for callers without a token. Over the limit the caller gets 429 problem details with
 * {@code Retry-After}. Runs after Spring Security (order -100), so the subject is a validated one;
 * it also records the {@link Caller} for the access log. The client address is
 * {@link ClientAddress}'s (X-Forwarded-For read only as far as the trusted proxy hops go); it is
 * passed on to the services in {@link ClientAddress#HEADER}, replacing anything the client sent.
 */
@Component
@Order(RateLimitFilter.ORDER)
public class RateLimitFilter implements WebFilter {

    /** After Spring Security's WebFilterChainProxy (-100). */
    public static final int ORDER = 0;

    private final boolean enabled;
    private final TokenBuckets buckets;
    private final TokenBuckets.Limit callerLimit;
    private final TokenBuckets.Limit anonymousLimit;
    private final ClientAddress clientAddress;

    public RateLimitFilter(EdgeProperties properties) {
        EdgeProperties.RateLimit limit = properties.rateLimit();
        this.enabled = limit.enabled();
        this.buckets = new TokenBuckets(limit.maxTrackedCallers());
        this.callerLimit = new TokenBuckets.Limit(limit.rate(), limit.burst());
        this.anonymousLimit = new TokenBuckets.Limit(limit.anonymousRate(), limit.anonymousBurst());
        // Behind a load balancer or ingress the connection comes from the proxy: the client is the
        // address that many trusted hops back in X-Forwarded-For.
        this.clientAddress = new ClientAddress(limit.trustedProxyHops());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange original, WebFilterChain chain) {
        String address = clientAddress.resolve(original.getRequest());
        ServerWebExchange exchange = original.mutate()
                .request(r -> r.headers(h -> h.set(ClientAddress.HEADER, address))).build();
        return exchange.getPrincipal()
                .map(principal -> Caller.authenticated(principal.getName()))
                .switchIfEmpty(Mono.fromSupplier(() -> Caller.anonymous(address)))
                .flatMap(caller -> {
                    exchange.getAttributes().put(Caller.ATTRIBUTE, caller);
                    if (!enabled || !exchange.getRequest().getPath().value().startsWith("/api/")) {
                        return chain.filter(exchange);
                    }
                    TokenBuckets.Decision decision = buckets.tryConsume(caller.key(),
                            caller.isAuthenticated() ? callerLimit : anonymousLimit);
                    if (decision.allowed()) {
                        return chain.filter(exchange);
                    }
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER,
                            Long.toString(decision.retryAfterSeconds()));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                            "you have sent too many requests; wait " + decision.retryAfterSeconds()
                                    + " s before trying again");
                });
    }
}
