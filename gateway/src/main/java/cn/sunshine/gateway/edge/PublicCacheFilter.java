package cn.sunshine.gateway.edge;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Public reads ({@code GET /api/public/**}) answered 200 without a {@code Cache-Control} of the
 * service's own are marked {@code public, max-age=<sunshine.gateway.public-max-age>} (30 s), so a
 * browser, a proxy or the ingress may answer the same query again without reaching the service.
 * Errors and everything else are left as they are. Spring Security's default
 * ({@code no-cache, no-store, max-age=0, must-revalidate}, written when the service wrote none)
 * counts as none.
 */
@Component
@Order(RateLimitFilter.ORDER + 1)
public class PublicCacheFilter implements WebFilter {

    private static final String SECURITY_DEFAULT = "no-cache, no-store, max-age=0, must-revalidate";

    private final String cacheControl;

    public PublicCacheFilter(EdgeProperties properties) {
        this.cacheControl = "public, max-age=" + properties.publicMaxAge().toSeconds();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var request = exchange.getRequest();
        if ((request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD)
                && request.getPath().value().startsWith("/api/public/")) {
            var response = exchange.getResponse();
            response.beforeCommit(() -> {
                HttpHeaders headers = response.getHeaders();
                String current = headers.getCacheControl();
                if (HttpStatus.OK.equals(response.getStatusCode())
                        && (current == null || current.isBlank() || SECURITY_DEFAULT.equals(current))) {
                    headers.set(HttpHeaders.CACHE_CONTROL, cacheControl);
                    headers.remove(HttpHeaders.PRAGMA);
                    headers.remove(HttpHeaders.EXPIRES);
                }
                return Mono.empty();
            });
        }
        return chain.filter(exchange);
    }
}
