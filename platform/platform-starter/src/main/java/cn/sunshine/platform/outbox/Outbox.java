package cn.sunshine.platform.outbox;

/** Field names of the outbox that rides inside an aggregate's document. */
public final class Outbox {

    /** Array of events waiting to be published, oldest first. */
    public static final String FIELD = "_outbox";
    /** Lease a relay holds while it publishes a document's events. */
    public static final String LEASE = "_outboxLease";
    /**
     * Ids of events already consumed into this document (idempotent consumers), oldest first: the recent ones. When
     * the list passes {@link #PROCESSED_KEPT} + {@link #PROCESSED_SLACK}, the oldest are moved to {@link #CONSUMED}.
     */
    public static final String PROCESSED = "_processedEvents";
    /** How many ids {@link #PROCESSED} holds (kept with every push, so a write learns it without reading the list). */
    public static final String PROCESSED_SIZE = "_processedSize";
    /**
     * How many times ids were moved from {@link #PROCESSED} to {@link #CONSUMED}; absent until the first time. A
     * consumer's write is conditional on the number it saw when it looked the event up among the moved ones.
     */
    public static final String PROCESSED_MOVED = "_processedMoved";
    /**
     * How many consumed event ids a document keeps in itself, newest last; older ones are in {@link #CONSUMED}. Kept
     * whole in the document, the list of a read model that every trainee's events touch (a base's performance, a
     * county's tally) grew with the year, every write of it copied the lot, and a province's year would pass
     * MongoDB's 16 MB a document. Dropping the old ones instead is not safe: a relay that stalls past its lease
     * has its events published again after any number of later ones (RelayLeaseExpiryTest).
     */
    public static final int PROCESSED_KEPT = 1_000;
    /** How far the list may grow past {@link #PROCESSED_KEPT} before its oldest ids are moved (one move a 500 events). */
    public static final int PROCESSED_SLACK = 500;
    /**
     * The consumed event ids moved out of their documents: {@code _id} = collection + "/" + document id + "/" + event
     * id, so whether a document consumed an event is one lookup by key.
     */
    public static final String CONSUMED = "_consumed_events";
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
