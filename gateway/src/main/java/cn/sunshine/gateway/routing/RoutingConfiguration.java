package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.edge.EdgeProperties;
import org.springframework.cloud.gateway.filter.factory.SpringCloudCircuitBreakerFilterFactory;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import java.util.function.Consumer;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/**
 * One route per service in {@code sunshine.services}: {@code /api/<area>/**} and
 * {@code /api/public/<area>/**} go to the service unchanged (it serves the same paths), and
 * {@code /v3/api-docs/<area>} to its {@code /v3/api-docs}. Each route has a response timeout and a
 * circuit breaker named after the service whose fallback answers 503 problem details; the other
 * routes keep working. {@code /api/reports/**} is the gateway's own (reports composed from the services).
 */
@Configuration(proxyBeanMethods = false)
public class RoutingConfiguration {

    static final String FALLBACK_PATH = "/fallback/";

    @Bean
    RouteLocator sunshineRoutes(RouteLocatorBuilder builder, BackendServices backends, EdgeProperties edge,
                                ConsoleRoute console) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        if (console.uri() != null) {
            Consumer<SpringCloudCircuitBreakerFilterFactory.Config> breaker = c -> c.setName(ConsoleRoute.NAME)
                    .setFallbackUri("forward:" + FALLBACK_PATH + ConsoleRoute.NAME);
            // The browser's Host goes to the console, which builds its links and its OIDC redirect URI from it.
            routes.route(ConsoleRoute.NAME, r -> r.path(ConsoleRoute.allPaths())
                    .filters(f -> f.preserveHostHeader().circuitBreaker(breaker))
                    .metadata(RESPONSE_TIMEOUT_ATTR, edge.timeout().multipliedBy(6).toMillis())
                    .metadata(CONNECT_TIMEOUT_ATTR, Math.toIntExact(edge.connectTimeout().toMillis()))
                    .uri(console.uri()));
        }
        backends.services().forEach((area, backend) -> {
            String name = backend.nameOr(area);
            long responseTimeout = backend.timeoutOr(edge.timeout()).toMillis();
            int connectTimeout = Math.toIntExact(edge.connectTimeout().toMillis());
            Consumer<SpringCloudCircuitBreakerFilterFactory.Config> breaker =
                    c -> c.setName(name).setFallbackUri("forward:" + FALLBACK_PATH + name);
            routes.route(area, r -> r.path("/api/" + area + "/**", "/api/public/" + area + "/**")
                    .filters(f -> f.circuitBreaker(breaker))
                    .metadata(RESPONSE_TIMEOUT_ATTR, responseTimeout)
                    .metadata(CONNECT_TIMEOUT_ATTR, connectTimeout)
                    .uri(backend.uri()));
            routes.route(area + "-api-docs", r -> r.path("/v3/api-docs/" + area)
                    .filters(f -> f.setPath("/v3/api-docs").circuitBreaker(breaker))
                    .metadata(RESPONSE_TIMEOUT_ATTR, responseTimeout)
                    .metadata(CONNECT_TIMEOUT_ATTR, connectTimeout)
                    .uri(backend.uri()));
        });
        return routes.build();
    }

    /** Reached only by the circuit breakers' internal forward (the security rules close it to callers). */
    @Bean
    RouterFunction<ServerResponse> serviceUnavailableFallback() {
        return RouterFunctions.route(RequestPredicates.path(FALLBACK_PATH + "{service}"), new ServiceUnavailableFallback());
    }
}
