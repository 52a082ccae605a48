package cn.sunshine.platform.outbox;

/** Field names of the outbox that rides inside an aggregate's document. */
public final class Outbox {

    /** Array of events waiting to be published, oldest first. */
    public static final String FIELD = "_outbox";
    /** Lease a relay holds while it publishes a document's events. */
    public static final String LEASE = "_outboxLease";
    /** Ids of events already consumed into this document (idempotent consumers), the latest {@link #PROCESSED_KEPT}. */
    public static final String PROCESSED = "_processedEvents";
    /**
     * How many consumed event ids a document keeps, newest last. An event is delivered again within moments (a
     * consumer that stopped before its acknowledgement, a relay that stopped before removing what it published:
     * its lease, 30 s, runs out), never after a thousand later events of the same document; kept whole, the list
     * of a read model that every trainee's events touch (a base's performance) grew with the year and every
     * write of it copied the lot.
     */
    public static final int PROCESSED_KEPT = 1_000;
    /**
     * The collection that says where events wait: one small document per aggregate whose outbox may
     * hold events ({@code _id} = collection + "/" + aggregate id), written before the aggregate's own
     * write. The relay reads it instead of scanning every aggregate collection.
     */
    public static final String INDEX = "_outbox_index";

    public static final String EVENT_ID = "eventId";
    public static final String TYPE = "type";
    public static final String SUBJECT = "subject";
    public static final String DIVISION = "division";
    public static final String TIME = "time";
    public static final String TRACEPARENT = "traceparent";
    public static final String PAYLOAD = "payload";

    private Outbox() {
    }
}
