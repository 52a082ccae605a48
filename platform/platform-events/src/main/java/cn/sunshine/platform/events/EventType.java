package cn.sunshine.platform.events;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A published event's contract: its stable type string (the AMQP routing key and the CloudEvents
 * {@code type}) and the record its JSON body maps to.
 *
 * <p>The type string is {@code <area>.<aggregate>.<past-tense-verb>.v<N>} and never a Java class
 * name: renaming a class must not change what is on the wire.
 */
public record EventType<P>(String name, Class<P> payloadType) {

    private static final Pattern NAME = Pattern.compile("[a-z]+\\.[a-z-]+\\.[a-z-]+\\.v[1-9][0-9]*");

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(payloadType, "payloadType");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("event type must look like area.aggregate.verb.vN: " + name);
        }
    }

    /** The golden sample of this event's JSON body, as a classpath resource path. */
    public String goldenSamplePath() {
        return "golden/" + name + ".json";
    }

    @Override
    public String toString() {
        return name;
    }
}
