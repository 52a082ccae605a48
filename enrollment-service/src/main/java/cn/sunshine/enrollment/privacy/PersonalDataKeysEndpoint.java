package cn.sunshine.enrollment.privacy;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import java.util.Map;

/**
 * {@code GET /actuator/personaldatakeys}: the current KEK id, the configured ones, and how many
 * enrollments each wraps (and how many are still in the clear); {@code POST /actuator/personaldatakeys}
 * (empty body): re-wrap every data key under the current KEK (docs/operations.md, "Key rotation").
 * Only the OPERATOR role reaches actuator endpoints.
 */
@Endpoint(id = "personaldatakeys")
public class PersonalDataKeysEndpoint {

    private final PersonalDataKeys keys;

    public PersonalDataKeysEndpoint(PersonalDataKeys keys) {
        this.keys = keys;
    }

    @ReadOperation
    public PersonalDataKeys.Census census() {
        return keys.census();
    }

    @WriteOperation
    public Map<String, Object> rotate() {
        return PersonalDataKeys.asMap(keys.rewrapAll());
    }
}
