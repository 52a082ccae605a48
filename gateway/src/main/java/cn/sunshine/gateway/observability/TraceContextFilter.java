package cn.sunshine.gateway.observability;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes sure every request the gateway forwards carries a W3C {@code traceparent}, even when no
 * tracer implementation is on the class path (Boot then installs a no-op tracer and nothing is
 * propagated). In that case this filter continues the caller's trace (same trace id, a new span id
 * for the gateway's hop) or starts one, and records the trace id for the access log. With a real
 * tracer (a Micrometer tracing bridge such as {@code micrometer-tracing-bridge-brave}) it stands
 * aside: the gateway's HTTP client observation propagates the context.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class TraceContextFilter implements WebFilter {

    public static final String TRACE_ID_ATTRIBUTE = TraceContextFilter.class.getName() + ".traceId";
    static final String TRACEPARENT = "traceparent";
    static final String TRACESTATE = "tracestate";

    private static final Pattern W3C = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");
    private static final HexFormat HEX = HexFormat.of();

    private final boolean propagateOurselves;

    public TraceContextFilter(ObjectProvider<Tracer> tracer) {
        Tracer available = tracer.getIfAvailable();
        this.propagateOurselves = available == null || available == Tracer.NOOP;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!propagateOurselves) {
            return chain.filter(exchange);
        }
        String incoming = exchange.getRequest().getHeaders().getFirst(TRACEPARENT);
        Matcher parent = incoming == null ? null : W3C.matcher(incoming);
        boolean continued = parent != null && parent.matches() && !zeros(parent.group(1)) && !zeros(parent.group(2));
        String traceId = continued ? parent.group(1) : randomHex(16);
        String flags = continued ? parent.group(3) : "01";
        String traceparent = "00-" + traceId + "-" + randomHex(8) + "-" + flags;
        exchange.getAttributes().put(TRACE_ID_ATTRIBUTE, traceId);
        ServerHttpRequest request = exchange.getRequest().mutate().headers(headers -> {
            headers.set(TRACEPARENT, traceparent);
            if (!continued) {
                headers.remove(TRACESTATE);
            }
        }).build();
        return chain.filter(exchange.mutate().request(request).build());
    }

    private static boolean zeros(String hex) {
        return hex.chars().allMatch(c -> c == '0');
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        do {
            ThreadLocalRandom.current().nextBytes(random);
        } while (zeros(HEX.formatHex(random)));
        return HEX.formatHex(random);
    }
}
