package cn.sunshine.gateway.edge;

import cn.sunshine.gateway.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies above {@code sunshine.gateway.max-request-size} with 413 problem details.
 * A declared {@code Content-Length} above the limit is refused before anything is read or
 * forwarded; a body sent without a length (chunked) is counted as it streams and cut off at the
 * limit, which ends the request with the same 413 (the route's fallback answers it). Runs after
 * the security filters and the rate limit, so the access log names the caller.
 */
@Component
@Order(RateLimitFilter.ORDER + 10)
public class RequestSizeFilter implements WebFilter {

    private final DataSize limit;

    public RequestSizeFilter(EdgeProperties properties) {
        this.limit = properties.maxRequestSize();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long max = limit.toBytes();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max) {
            RequestTooLargeException tooLarge = new RequestTooLargeException(limit);
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Request too large",
                    tooLarge.getReason());
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequestDecorator counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > max) {
                        DataBufferUtils.release(buffer);
                        sink.error(new RequestTooLargeException(limit));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
