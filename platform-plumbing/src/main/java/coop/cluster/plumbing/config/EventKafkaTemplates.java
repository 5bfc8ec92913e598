package coop.cluster.plumbing.config;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.MicrometerProducerListener;

/**
 * The producers of the plumbing, kept out of the context's {@code KafkaTemplate} beans so that
 * Boot's own template stays available to the services.
 *
 * <ul>
 *   <li>the relay's: CloudEvents in binary mode ({@code ce_*} headers, JSON data), idempotent,
 *       {@code acks=all};
 *   <li>the dead-letter producers: they republish the original bytes with the original headers.
 * </ul>
 */
public class EventKafkaTemplates implements DisposableBean {

    private final DefaultKafkaProducerFactory<String, CloudEvent> eventProducers;
    private final DefaultKafkaProducerFactory<String, byte[]> rawProducers;
    private final DefaultKafkaProducerFactory<String, CloudEvent> deadLetterEventProducers;
    private final KafkaTemplate<String, CloudEvent> events;

    public EventKafkaTemplates(Map<String, Object> producerProperties) {
        this(producerProperties, null);
    }

    /**
     * @param meters where the producers' own metrics go ({@code kafka.producer.*}: records sent,
     *     retries, errors, batch sizes), or null for none
     */
    public EventKafkaTemplates(Map<String, Object> producerProperties, MeterRegistry meters) {
        Map<String, Object> props = new HashMap<>(producerProperties);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        this.eventProducers = new DefaultKafkaProducerFactory<>(props);
        this.events = new KafkaTemplate<>(eventProducers);

        Map<String, Object> raw = new HashMap<>(props);
        raw.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.rawProducers = new DefaultKafkaProducerFactory<>(raw);
        this.deadLetterEventProducers =
                new DefaultKafkaProducerFactory<>(
                        raw, new StringSerializer(), new DataOnlySerializer());
        if (meters != null) {
            eventProducers.addListener(
                    new MicrometerProducerListener<>(
                            meters, List.of(Tag.of("producer", "outbox-relay"))));
            rawProducers.addListener(
                    new MicrometerProducerListener<>(
                            meters, List.of(Tag.of("producer", "dead-letters"))));
            deadLetterEventProducers.addListener(
                    new MicrometerProducerListener<>(
                            meters, List.of(Tag.of("producer", "dead-letters"))));
        }
    }

    public KafkaTemplate<String, CloudEvent> events() {
        return events;
    }

    /** By value type, as {@code DeadLetterPublishingRecoverer} wants them. */
    public Map<Class<?>, KafkaOperations<?, ?>> deadLetters() {
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, new KafkaTemplate<>(rawProducers));
        templates.put(CloudEvent.class, new KafkaTemplate<>(deadLetterEventProducers));
        return templates;
    }

    @Override
    public void destroy() {
        eventProducers.destroy();
        rawProducers.destroy();
        deadLetterEventProducers.destroy();
    }

    /**
     * Writes only an event's data; its {@code ce_*} headers are copied from the original record.
     */
    static final class DataOnlySerializer implements Serializer<CloudEvent> {
        @Override
        public byte[] serialize(String topic, CloudEvent event) {
            return event == null || event.getData() == null ? null : event.getData().toBytes();
        }
    }
}
