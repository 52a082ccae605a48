package cn.sunshine.platform.messaging;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON form of event bodies: ISO-8601 instants and dates, and tolerant reading (unknown fields
 * are ignored, so a producer may add optional fields without breaking consumers).
 */
public class EventJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    public String write(Object payload) {
        return mapper.writeValueAsString(payload);
    }

    /** Reads a body into its record; a body that is not valid for it throws {@link JacksonException}. */
    public <T> T read(byte[] body, Class<T> type) {
        return mapper.readValue(body, type);
    }

    public <T> T read(String body, Class<T> type) {
        return mapper.readValue(body, type);
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
