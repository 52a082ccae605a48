package cn.sunshine.gateway.reports;

import cn.sunshine.gateway.edge.EdgeProperties;
import cn.sunshine.gateway.routing.BackendServices;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Asks each service for its part of a progress report, all at once, each bounded by
 * {@code sunshine.reports.timeout}: {@code GET /api/<area>/progress?division=&from=&to=} at
 * {@code sunshine.services.<area>.uri}, with the caller's {@code Authorization} (the service checks
 * role and jurisdiction again) and {@code traceparent}. A part that does not answer becomes a
 * {@link Part} that says why; it is never an error of the whole report and never a zero.
 */
@Component
public class ProgressParts {

    /** The areas of a progress report and the figures each owes (docs/reports.md). */
    static final Map<String, List<String>> FIGURES = figures();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BackendServices backends;
    private final ReportProperties properties;
    private final WebClient client;

    public ProgressParts(BackendServices backends, ReportProperties properties, EdgeProperties edge,
            ObjectProvider<ObservationRegistry> observations) {
        this.backends = backends;
        this.properties = properties;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(edge.connectTimeout().toMillis()))
                .responseTimeout(properties.timeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                // With a tracer, the client observation continues the caller's trace as a child span.
                .observationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP))
                .build();
    }

    private static Map<String, List<String>> figures() {
        Map<String, List<String>> f = new LinkedHashMap<>();
        f.put("accreditation", List.of("quota", "committedPlacementRateBp", "basesAccredited", "complaintsReceived",
                "complaintsSubstantiated", "inspectionFindings"));
        f.put("enrollment", List.of("enrolled", "completed"));
        f.put("placement", List.of("placed", "spotChecks", "findings"));
        f.put("subsidy", List.of("subsidyCommittedFen", "subsidyPaidFen"));
        return Collections.unmodifiableMap(f);
    }

    /** Every area's part, asked in parallel; completes when the slowest answers or times out. */
    public Mono<Map<String, Part>> fetch(String division, ReportPeriod period, String authorization, String traceparent) {
        return Flux.fromIterable(FIGURES.keySet())
                .flatMap(area -> fetch(area, division, period, authorization, traceparent))
                .collectMap(Part::area)
                .map(parts -> {
                    Map<String, Part> ordered = new LinkedHashMap<>();
                    FIGURES.keySet().forEach(area -> ordered.put(area, parts.get(area)));
                    return ordered;
                });
    }

    Mono<Part> fetch(String area, String division, ReportPeriod period, String authorization, String traceparent) {
        BackendServices.Backend backend = backends.services().get(area);
        String service = backend == null ? area + "-service" : backend.nameOr(area);
        if (backend == null) {
            return Mono.just(Part.failed(area, service, Part.Status.UNAVAILABLE,
                    "no address configured for " + service + " (sunshine.services." + area + ".uri)"));
        }
        URI uri = UriComponentsBuilder.fromUri(backend.uri()).path("/api/" + area + "/progress")
                .queryParam("division", division).queryParam("from", period.from()).queryParam("to", period.to())
                .build().toUri();
        return client.get().uri(uri)
                .accept(MediaType.APPLICATION_JSON)
                .headers(h -> {
                    if (authorization != null) {
                        h.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                    if (traceparent != null) {
                        h.set("traceparent", traceparent);
                    }
                })
                .retrieve()
                .bodyToMono(byte[].class)
                .defaultIfEmpty(new byte[0])
                .timeout(properties.timeout())
                .map(body -> read(area, service, division, body))
                .onErrorResume(e -> Mono.just(failure(area, service, e)));
    }

    /** The answer's figures; an answer without a figure it owes, or not an integer, is an ERROR part. */
    static Part read(String area, String service, String division, byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (RuntimeException e) {
            return Part.failed(area, service, Part.Status.ERROR, service + " answered something other than JSON");
        }
        if (json == null || !json.isObject() || !json.path("figures").isObject()) {
            return Part.failed(area, service, Part.Status.ERROR, service + " answered without figures");
        }
        if (!division.equals(json.path("division").asString(null))) {
            return Part.failed(area, service, Part.Status.ERROR, service + " answered for another division");
        }
        JsonNode figures = json.path("figures");
        Map<String, Long> read = new LinkedHashMap<>();
        for (String name : FIGURES.get(area)) {
            JsonNode value = figures.get(name);
            if (value == null) {
                return Part.failed(area, service, Part.Status.ERROR, service + " answered without the figure " + name);
            }
            if (value.isNull()) {
                read.put(name, null);
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                read.put(name, value.longValue());
            } else {
                return Part.failed(area, service, Part.Status.ERROR,
                        service + " answered " + name + " that is not an integer");
            }
        }
        return Part.ok(area, service, read);
    }

    static Part failure(String area, String service, Throwable e) {
        if (e instanceof TimeoutException || hasCause(e, ReadTimeoutException.class)
                || hasCause(e, TimeoutException.class)) {
            return Part.failed(area, service, Part.Status.TIMEOUT, service + " did not answer in time");
        }
        if (e instanceof WebClientResponseException r) {
            HttpStatusCode status = r.getStatusCode();
            if (status.value() == 404) {
                return Part.failed(area, service, Part.Status.UNAVAILABLE, "not provided by " + service);
            }
            if (status.value() == 503) {
                return Part.failed(area, service, Part.Status.UNAVAILABLE, service + " is unavailable (503)");
            }
            return Part.failed(area, service, Part.Status.ERROR, service + " answered " + status.value());
        }
        if (e instanceof WebClientRequestException) {
            return Part.failed(area, service, Part.Status.UNAVAILABLE, service + " cannot be reached");
        }
        return Part.failed(area, service, Part.Status.ERROR, service + " could not be asked");
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
