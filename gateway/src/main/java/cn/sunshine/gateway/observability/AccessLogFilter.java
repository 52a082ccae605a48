package cn.sunshine.gateway.observability;

import cn.sunshine.gateway.edge.Caller;
import cn.sunshine.gateway.web.ProblemExceptionHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import java.util.concurrent.TimeUnit;

/**
 * One access log line per request: method, path (never the query string, which may carry personal
 * data; never a body), status, duration, the caller's token subject (or "-") and the trace id.
 * Client addresses are not logged. The outermost filter: errors raised further in are turned into
 * problem details here, so the line has the status the caller saw.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class AccessLogFilter implements WebFilter {

    private static final Logger log = LoggerFactory.getLogger("cn.sunshine.gateway.access");

    private final ProblemExceptionHandler errors;

    public AccessLogFilter(ProblemExceptionHandler errors) {
        this.errors = errors;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long start = System.nanoTime();
        return chain.filter(exchange)
                .onErrorResume(ex -> errors.handle(exchange, ex))
                .doFinally(signal -> write(exchange, start, signal));
    }

    private void write(ServerWebExchange exchange, long start, SignalType signal) {
        if (!log.isInfoEnabled()) {
            return;
        }
        long nanos = System.nanoTime() - start;
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        String method = exchange.getRequest().getMethod().name();
        String path = exchange.getRequest().getPath().value();
        HttpStatusCode statusCode = exchange.getResponse().getStatusCode();
        // 499: the caller went away before the answer (as nginx logs it).
        int status = signal == SignalType.CANCEL ? 499 : statusCode == null ? 200 : statusCode.value();
        Caller caller = Caller.of(exchange);
        String subject = caller == null ? "-" : caller.logName();
        String traceId = traceId(exchange);
        log.atInfo()
                .addKeyValue("http.request.method", method)
                .addKeyValue("url.path", path)
                .addKeyValue("http.response.status_code", status)
                .addKeyValue("event.duration", nanos)
                .addKeyValue("user.name", subject)
                .addKeyValue("trace.id", traceId)
                .log("{} {} {} {}ms caller={} trace={}", method, path, status, millis, subject, traceId);
    }

    static String traceId(ServerWebExchange exchange) {
        String observed = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .map(Span::context)
                .map(context -> context.traceId())
                .filter(id -> !id.isEmpty())
                .orElse(null);
        if (observed != null) {
            return observed;
        }
        String propagated = exchange.getAttribute(TraceContextFilter.TRACE_ID_ATTRIBUTE);
        return propagated != null ? propagated : "-";
    }
}
