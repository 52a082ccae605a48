package cn.sunshine.gateway.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway itself raises (no route, wrong method, a failure inside the
 * gateway) as problem details instead of Boot's default error JSON; it runs before Boot's handler
 * (order -1). A failure of ours is a 500 that says nothing about its cause to the caller.
 */
@Component
@Order(-2)
public class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        HttpStatusCode status = ex instanceof ResponseStatusException rse
                ? rse.getStatusCode() : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail;
        if (status.value() == 404) {
            detail = "there is nothing at this path";
        } else if (status.value() == 405) {
            detail = "this path does not accept the " + exchange.getRequest().getMethod() + " method";
        } else if (status.is4xxClientError()) {
            detail = ex instanceof ResponseStatusException rse && rse.getReason() != null
                    ? rse.getReason() : "the request cannot be processed as sent";
        } else {
            // The path only: query strings may carry personal data.
            log.error("request {} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
            detail = "the gateway failed to process the request";
        }
        exchange.getResponse().getHeaders().clearContentHeaders();
        String kind = ex instanceof cn.sunshine.gateway.edge.RequestTooLargeException tooLarge
                ? tooLarge.kind() : Problems.kindOf(status);
        return Problems.write(exchange, status, kind, Problems.titleOf(status), detail);
    }
}
