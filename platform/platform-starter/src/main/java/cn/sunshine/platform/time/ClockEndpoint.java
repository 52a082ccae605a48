package cn.sunshine.platform.time;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /actuator/clock}: the service's time and its offset from the machine's;
 * {@code POST /actuator/clock} with {@code {"now": "2026-03-01T01:00:00Z"}} sets it,
 * {@code {"reset": true}} returns to the machine's time. Exists only when the clock is adjustable
 * (local and test profiles); only the OPERATOR role reaches actuator endpoints.
 */
@Endpoint(id = "clock")
public class ClockEndpoint {

    private final ProgramClock clock;
    private final java.util.function.Consumer<java.time.Duration> keep;

    public ClockEndpoint(ProgramClock clock) {
        this(clock, offset -> { });
    }

    /** {@code keep} stores each new offset (the service's database), so a restart comes back at the same time. */
    public ClockEndpoint(ProgramClock clock, java.util.function.Consumer<java.time.Duration> keep) {
        this.clock = clock;
        this.keep = keep;
    }

    @ReadOperation
    public Map<String, Object> read() {
        return view();
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> set(@Nullable String now, @Nullable Boolean reset) {
        if (Boolean.TRUE.equals(reset)) {
            clock.reset();
            keep.accept(clock.offset());
            return new WebEndpointResponse<>(view(), 200);
        }
        if (now == null || now.isBlank()) {
            return invalid("give the time to set as an ISO-8601 instant in \"now\", or \"reset\": true");
        }
        try {
            clock.set(Instant.parse(now.trim()));
            keep.accept(clock.offset());
        } catch (DateTimeParseException e) {
            return invalid("\"now\" is not an ISO-8601 instant (e.g. 2026-03-01T01:00:00Z)");
        }
        return new WebEndpointResponse<>(view(), 200);
    }

    private static WebEndpointResponse<Map<String, Object>> invalid(String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:sunshine:problem:validation");
        problem.put("title", "Invalid clock setting");
        problem.put("status", 400);
        problem.put("detail", detail);
        return new WebEndpointResponse<>(problem, 400);
    }

    private Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", clock.instant().toString());
        m.put("offset", clock.offset().toString());
        return m;
    }
}
