package cn.sunshine.gateway.routing;

import cn.sunshine.gateway.web.Problems;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.Map;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * What the caller gets when a service cannot answer (connection refused, no answer within the
 * timeout, circuit open): 503 problem details naming the service. A failure that is the caller's
 * own (a body over the size limit, cut off while streaming) keeps its 4xx status.
 */
class ServiceUnavailableFallback implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableFallback.class);

    @Override
    public Mono<ServerResponse> handle(ServerRequest request) {
        String service = request.pathVariable("service");
        Throwable failure = request.exchange().getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        ResponseStatusException callerError = callerError(failure);
        if (callerError != null) {
            HttpStatusCode status = callerError.getStatusCode();
            String kind = callerError instanceof cn.sunshine.gateway.edge.RequestTooLargeException tooLarge
                    ? tooLarge.kind() : Problems.kindOf(status);
            return problem(status, kind, Problems.titleOf(status),
                    callerError.getReason() != null ? callerError.getReason() : "the request cannot be processed as sent",
                    Map.of());
        }
        if (failure instanceof CallNotPermittedException) {
            log.debug("{} is unavailable: its circuit breaker is open", service);
        } else {
            log.warn("{} is unavailable: {}", service, failure == null ? "unknown" : describe(failure));
        }
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service + " is unavailable; other services keep working", Map.of("service", service));
    }

    private static Mono<ServerResponse> problem(HttpStatusCode status, String kind, String title, String detail,
            Map<String, Object> extra) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyValue(Problems.body(status, kind, title, detail, extra));
    }

    private static ResponseStatusException callerError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ResponseStatusException rse && rse.getStatusCode().is4xxClientError()) {
                return rse;
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
