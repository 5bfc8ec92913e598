package coop.cluster.plumbing.consumer;

import coop.cluster.plumbing.events.EventHeaders;
import coop.cluster.plumbing.resilience.Outages;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * The listener of a subscription with batch routes ({@link EventSubscription.Builder#onBatch}): it
 * is handed a poll's records (one partition's in their order, or several partitions') and goes
 * through them in order:
 *
 * <ul>
 *   <li>a run of consecutive records of one batch route's type goes to its {@link BatchHandler} at
 *       once;
 *   <li>any other record to its handler alone, as the record listener ({@link EventDispatcher})
 *       would.
 * </ul>
 *
 * A failure is reported as a {@link BatchListenerFailedException} naming the record's index, so
 * that the error handler commits the records before it, retries or dead-letters that one alone
 * ({@link EventConsumers}), and hands the ones after it over again. A batch handler that fails is
 * therefore not trusted with the whole run again: its records are handed to it again one by one (a
 * list of one each), and the first that fails alone is the one named; the ones before it are stored
 * by then. A failure because the store or the broker is out of reach names the run's first record
 * at once (one by one would fail the same way), and the error handler retries it until the outage
 * ends. A record whose bytes were no event (the deserializer's failure, which a batch listener is
 * handed as a null value) and an unreadable payload are named at once: poison, dead-lettered
 * without retries.
 */
class BatchEventDispatcher implements BatchMessageListener<String, CloudEvent> {

    private static final Logger log = LoggerFactory.getLogger(BatchEventDispatcher.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(BatchEventDispatcher.class);

    private final EventSubscription subscription;
    private final EventDispatcher single;
    private final MeterRegistry meters;

    BatchEventDispatcher(
            EventSubscription subscription, EventDispatcher single, MeterRegistry meters) {
        this.subscription = subscription;
        this.single = single;
        this.meters = meters;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, CloudEvent>> records) {
        int i = 0;
        while (i < records.size()) {
            ConsumerRecord<String, CloudEvent> first = records.get(i);
            EventSubscription.Route<?> route =
                    first.value() == null ? null : subscription.route(first.value().getType());
            if (route == null || !route.batched()) {
                one(records, i);
                i++;
                continue;
            }
            int end = i + 1;
            while (end < records.size()
                    && records.get(end).value() != null
                    && Objects.equals(
                            records.get(end).value().getType(), first.value().getType())) {
                end++;
            }
            run(records, i, end, route);
            i = end;
        }
    }

    /** The record at {@code index} alone, as the record listener would handle it. */
    private void one(List<ConsumerRecord<String, CloudEvent>> records, int index) {
        ConsumerRecord<String, CloudEvent> record = records.get(index);
        try {
            if (record.value() == null) {
                DeserializationException unreadable =
                        SerializationUtils.getExceptionFromHeader(
                                record,
                                SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
                                LOG_ACCESSOR);
                throw unreadable != null
                        ? unreadable
                        : new PoisonEventException(
                                "Record "
                                        + record.topic()
                                        + "-"
                                        + record.partition()
                                        + "@"
                                        + record.offset()
                                        + " has no value",
                                null);
            }
            single.onMessage(record);
        } catch (RuntimeException failure) {
            throw failed(record, index, failure);
        }
    }

    /**
     * Records {@code from} (inclusive) to {@code to} (exclusive), all of the batch route's type.
     */
    private <T> void run(
            List<ConsumerRecord<String, CloudEvent>> records,
            int from,
            int to,
            EventSubscription.Route<T> route) {
        List<ReceivedEvent<T>> events = new ArrayList<>(to - from);
        for (int k = from; k < to; k++) {
            try {
                events.add(single.received(route, records.get(k).value()));
            } catch (RuntimeException unreadable) {
                // the events before it are fine: stored as a batch, then this one is named (poison:
                // dead-lettered)
                apply(records, from, k, route, events);
                throw failed(records.get(k), k, unreadable);
            }
        }
        apply(records, from, to, route, events);
    }

    private <T> void apply(
            List<ConsumerRecord<String, CloudEvent>> records,
            int from,
            int to,
            EventSubscription.Route<T> route,
            List<ReceivedEvent<T>> events) {
        if (events.isEmpty()) {
            return;
        }
        String type = events.getFirst().type();
        try (var eventType = MDC.putCloseable(EventHeaders.EVENT_TYPE_MDC, type)) {
            route.batch().handle(events);
        } catch (RuntimeException failure) {
            if (Outages.isOutage(failure) || events.size() == 1) {
                throw failed(records.get(from), from, failure);
            }
            log.info(
                    "{}: a batch of {} {} failed, handling its events one by one: {}",
                    subscription.name(),
                    events.size(),
                    type,
                    failure.toString());
            for (int k = from; k < to; k++) {
                one(records, k);
            }
            return;
        }
        meters.counter(
                        "cluster.events.consumed",
                        "subscription",
                        subscription.name(),
                        "type",
                        type,
                        "outcome",
                        "handled")
                .increment(events.size());
        log.debug("Handled {} {} in one batch", events.size(), type);
    }

    private static BatchListenerFailedException failed(
            ConsumerRecord<?, ?> record, int index, RuntimeException failure) {
        if (failure instanceof BatchListenerFailedException named) {
            return named;
        }
        return new BatchListenerFailedException(
                record.topic()
                        + "-"
                        + record.partition()
                        + "@"
                        + record.offset()
                        + " failed: "
                        + failure.getMessage(),
                failure,
                index);
    }
}
