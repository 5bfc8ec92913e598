package coop.cluster.plumbing.events;

/**
 * Names used on the wire, beside the {@code ce_*} headers that the CloudEvents Kafka binding
 * writes.
 */
public final class EventHeaders {

    /**
     * CloudEvents extension attribute carrying the id of the client request that caused the event.
     */
    public static final String CORRELATION_ID_EXTENSION = "correlationid";

    /** W3C trace context, read by Micrometer's Kafka observation on the consumer side. */
    public static final String TRACEPARENT = "traceparent";

    /** HTTP header and MDC key of the correlation id. */
    public static final String CORRELATION_ID_HTTP = "X-Correlation-Id";

    public static final String CORRELATION_ID_MDC = "correlationId";
    public static final String EVENT_ID_MDC = "eventId";
    public static final String EVENT_TYPE_MDC = "eventType";

    private EventHeaders() {}
}
