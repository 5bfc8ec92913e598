package coop.cluster.plumbing.events;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.MDC;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a domain fact into a {@link PendingEvent}: assigns its id, wire type and topic from the
 * catalog, serialises the payload, and captures the correlation id and trace context of the current
 * request.
 */
public class EventFactory {

    private final EventCatalog catalog;
    private final ObjectMapper json;
    private final Clock clock;
    private final Tracer tracer;
    private final Propagator propagator;

    public EventFactory(
            EventCatalog catalog,
            ObjectMapper json,
            Clock clock,
            Tracer tracer,
            Propagator propagator) {
        this.catalog = catalog;
        this.json = json;
        this.clock = clock;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /**
     * @param aggregateType plural noun used in the subject, e.g. {@code members}
     * @param aggregateId the record key; all events of one aggregate go to one partition in order
     * @param payload an {@link IntegrationEvent} record listed in the catalog
     */
    public PendingEvent create(String aggregateType, String aggregateId, Object payload) {
        EventDescriptor descriptor = catalog.describe(payload.getClass());
        return new PendingEvent(
                UUID.randomUUID().toString(),
                descriptor.ceType(),
                descriptor.topic(),
                aggregateId,
                aggregateType + "/" + aggregateId,
                clock.instant(),
                json.writeValueAsString(payload),
                MDC.get(EventHeaders.CORRELATION_ID_MDC),
                currentTraceparent());
    }

    private String currentTraceparent() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(EventHeaders.TRACEPARENT);
    }
}
