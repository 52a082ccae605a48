package cn.sunshine.platform.events;

/**
 * AMQP application-property names of the event envelope. The CloudEvents AMQP binding names
 * attributes with the {@code cloudEvents_} prefix; the body is the JSON payload alone.
 */
public final class CloudEventHeaders {

    public static final String PREFIX = "cloudEvents_";
    public static final String ID = PREFIX + "id";
    public static final String SOURCE = PREFIX + "source";
    public static final String TYPE = PREFIX + "type";
    public static final String TIME = PREFIX + "time";
    public static final String SUBJECT = PREFIX + "subject";
    public static final String SPEC_VERSION = PREFIX + "specversion";
    public static final String DATA_CONTENT_TYPE = PREFIX + "datacontenttype";
    /** Extension attribute: the 6-digit administrative division the event belongs to. */
    public static final String DIVISION = PREFIX + "division";
    /** W3C trace context of the request that caused the event. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }
}
