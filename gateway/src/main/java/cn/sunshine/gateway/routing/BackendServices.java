package cn.sunshine.gateway.routing;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The services behind the gateway, keyed by API area: {@code sunshine.services.<area>.uri} (and
 * optionally {@code .name}, {@code .timeout}). Area {@code enrollment} serves {@code /api/enrollment/**}
 * and {@code /api/public/enrollment/**}; its OpenAPI document is proxied at
 * {@code /v3/api-docs/enrollment}.
 */
@ConfigurationProperties("sunshine")
public record BackendServices(Map<String, Backend> services) {

    public BackendServices {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
        services.forEach((area, backend) -> {
            if (!area.matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("sunshine.services: area '" + area + "' must be lower-case letters");
            }
            if (area.equals("reports") || area.equals("public")) {
                throw new IllegalArgumentException("sunshine.services: area '" + area + "' is reserved for the gateway");
            }
            Objects.requireNonNull(backend.uri(), "sunshine.services." + area + ".uri");
        });
    }

    /**
     * @param name    the service's name as people know it, used for its circuit breaker and in
     *                503 answers (default {@code <area>-service})
     * @param uri     where it listens, e.g. {@code http://enrollment-service:8080}
     * @param timeout how long the gateway waits for its response to begin (default
     *                {@code sunshine.gateway.timeout})
     */
    public record Backend(String name, URI uri, Duration timeout) {

        public String nameOr(String area) {
            return name == null || name.isBlank() ? area + "-service" : name;
        }

        public Duration timeoutOr(Duration fallback) {
            return timeout == null ? fallback : timeout;
        }
    }
}
