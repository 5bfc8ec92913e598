package coop.cluster.plumbing.consumer;

import coop.cluster.plumbing.events.EventHeaders;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.kafka.listener.MessageListener;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads each record's payload into the subscription's type for its CloudEvents type, and calls the
 * handler (a batch handler with a list of one).
 */
class EventDispatcher implements MessageListener<String, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventSubscription subscription;
    private final ObjectMapper json;
    private final MeterRegistry meters;

    EventDispatcher(EventSubscription subscription, ObjectMapper json, MeterRegistry meters) {
        this.subscription = subscription;
        this.json = json;
        this.meters = meters;
    }

    @Override
    public void onMessage(ConsumerRecord<String, CloudEvent> record) {
        CloudEvent event = record.value();
        EventSubscription.Route<?> route = subscription.route(event.getType());
        if (route == null) {
            meters.counter(
                            "cluster.events.consumed",
                            "subscription",
                            subscription.name(),
                            "type",
                            event.getType(),
                            "outcome",
                            "skipped")
                    .increment();
            return;
        }
        Object correlationId = event.getExtension(EventHeaders.CORRELATION_ID_EXTENSION);
        try (var eventId = MDC.putCloseable(EventHeaders.EVENT_ID_MDC, event.getId());
                var eventType = MDC.putCloseable(EventHeaders.EVENT_TYPE_MDC, event.getType());
                var correlation =
                        MDC.putCloseable(
                                EventHeaders.CORRELATION_ID_MDC,
                                correlationId == null ? null : correlationId.toString())) {
            dispatch(route, event, correlationId == null ? null : correlationId.toString());
            meters.counter(
                            "cluster.events.consumed",
                            "subscription",
                            subscription.name(),
                            "type",
                            event.getType(),
                            "outcome",
                            "handled")
                    .increment();
            log.debug(
                    "Handled {} {} from {}-{}@{}",
                    event.getType(),
                    event.getId(),
                    record.topic(),
                    record.partition(),
                    record.offset());
        }
    }

    private <T> void dispatch(
            EventSubscription.Route<T> route, CloudEvent event, String correlationId) {
        ReceivedEvent<T> received = received(route, event, correlationId);
        if (route.batched()) {
            route.batch().handle(List.of(received));
        } else {
            route.handler().handle(received);
        }
    }

    /**
     * The event as its handler sees it. @throws PoisonEventException if its payload cannot be read
     */
    <T> ReceivedEvent<T> received(EventSubscription.Route<T> route, CloudEvent event) {
        Object correlationId = event.getExtension(EventHeaders.CORRELATION_ID_EXTENSION);
        return received(route, event, correlationId == null ? null : correlationId.toString());
    }

    private <T> ReceivedEvent<T> received(
            EventSubscription.Route<T> route, CloudEvent event, String correlationId) {
        T payload = read(event, route.payloadType());
        Instant time = event.getTime() == null ? null : event.getTime().toInstant();
        return new ReceivedEvent<>(
                event.getId(),
                event.getType(),
                String.valueOf(event.getSource()),
                event.getSubject(),
                time,
                correlationId,
                payload);
    }

    private <T> T read(CloudEvent event, Class<T> type) {
        CloudEventData data = event.getData();
        if (data == null) {
            throw new PoisonEventException(
                    "Event " + event.getId() + " of type " + event.getType() + " has no data",
                    null);
        }
        try {
            T payload = json.readValue(data.toBytes(), type);
            if (payload == null) {
                throw new PoisonEventException(
                        "Event " + event.getId() + " has a null payload", null);
            }
            return payload;
        } catch (JacksonException e) {
            throw new PoisonEventException(
                    "Payload of event "
                            + event.getId()
                            + " ("
                            + event.getType()
                            + ") is not a readable "
                            + type.getSimpleName()
                            + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }
}
