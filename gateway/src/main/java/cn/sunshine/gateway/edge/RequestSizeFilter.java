package cn.sunshine.gateway.edge;

import cn.sunshine.gateway.web.Problems;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
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
 * Refuses request bodies above {@code sunshine.gateway.max-request-size} with 413 problem details
 * ({@code payload-too-large}), and JSON bodies above {@code sunshine.gateway.max-json-size} with 413
 * {@code body-too-large} (the services' own limit, so a huge JSON body never reaches them).
 * A declared {@code Content-Length} above the limit is refused before anything is read or
 * forwarded; a body sent without a length (chunked) is counted as it streams and cut off at the
 * limit, which ends the request with the same 413 (the route's fallback answers it). Runs after
 * the security filters and the rate limit, so the access log names the caller.
 */
@Component
@Order(RateLimitFilter.ORDER + 10)
public class RequestSizeFilter implements WebFilter {

    private final DataSize requestLimit;
    private final DataSize jsonLimit;

    public RequestSizeFilter(EdgeProperties properties) {
        this.requestLimit = properties.maxRequestSize();
        this.jsonLimit = properties.maxJsonSize();
    }

    static boolean json(MediaType type) {
        return type != null && ("json".equalsIgnoreCase(type.getSubtype())
                || type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("+json"));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        MediaType type;
        try {
            type = exchange.getRequest().getHeaders().getContentType();
        } catch (org.springframework.util.InvalidMimeTypeException | org.springframework.http.InvalidMediaTypeException e) {
            type = null;
        }
        boolean json = json(type) && jsonLimit.toBytes() < requestLimit.toBytes();
        DataSize limit = json ? jsonLimit : requestLimit;
        long max = limit.toBytes();
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > max) {
            RequestTooLargeException tooLarge = new RequestTooLargeException(limit, json);
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLarge.kind(), "Request too large",
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
                        sink.error(new RequestTooLargeException(limit, json));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
