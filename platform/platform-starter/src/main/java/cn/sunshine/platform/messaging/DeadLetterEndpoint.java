package cn.sunshine.platform.messaging;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.lang.Nullable;

import java.util.Map;

/**
 * {@code GET /actuator/deadletters}: the dead letters of this service's queue;
 * {@code POST /actuator/deadletters} with {@code {"eventId": "..."}} (or an empty body for all):
 * replays them. Only the OPERATOR role reaches it.
 */
@Endpoint(id = "deadletters")
public class DeadLetterEndpoint {

    private final DeadLetters deadLetters;

    public DeadLetterEndpoint(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public DeadLetters.Listing list() {
        return deadLetters.list(100);
    }

    @WriteOperation
    public Map<String, Object> replay(@Nullable String eventId) {
        int n = deadLetters.replay(eventId);
        return Map.of("replayed", n, "remaining", deadLetters.count());
    }
}
