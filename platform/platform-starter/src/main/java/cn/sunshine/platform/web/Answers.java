package cn.sunshine.platform.web;

import cn.sunshine.platform.domain.AggregateRoot;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.util.function.Function;

/**
 * How an endpoint answers with one aggregate: its view as the body and its version as the {@code ETag} (the
 * {@code If-Match} of the next change); a created one also with its {@code Location}.
 */
public final class Answers {

    private Answers() {
    }

    /** 200 with the aggregate's view and version. */
    public static <A extends AggregateRoot, V> ResponseEntity<V> ok(A aggregate, Function<? super A, V> view) {
        return ResponseEntity.ok().eTag(ETags.of(aggregate.getVersion())).body(view.apply(aggregate));
    }

    /** 201 at {@code path} below the context path, its {@code {id}} the new aggregate's, with its view and version. */
    public static <A extends AggregateRoot, V> ResponseEntity<V> created(String path, A aggregate,
                                                                         Function<? super A, V> view) {
        return created(ServletUriComponentsBuilder.fromCurrentContextPath().path(path)
                .buildAndExpand(aggregate.getId()).toUri(), aggregate, view);
    }

    /** 201 at the request's URL followed by the new aggregate's id, with its view and version. */
    public static <A extends AggregateRoot, V> ResponseEntity<V> createdHere(A aggregate, Function<? super A, V> view) {
        return created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                .buildAndExpand(aggregate.getId()).toUri(), aggregate, view);
    }

    private static <A extends AggregateRoot, V> ResponseEntity<V> created(URI location, A aggregate,
                                                                          Function<? super A, V> view) {
        return ResponseEntity.created(location).eTag(ETags.of(aggregate.getVersion())).body(view.apply(aggregate));
    }
}
