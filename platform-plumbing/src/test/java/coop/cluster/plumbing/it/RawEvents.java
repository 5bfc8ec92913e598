package coop.cluster.plumbing.it;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes records the way another service (or a broken one) would: headers and bytes by hand. */
final class RawEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    RawEvents(String bootstrapServers) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A well-formed binary-mode CloudEvent. @return its id */
    String cloudEvent(String topic, String key, String type, String json) {
        return cloudEvent(UUID.randomUUID().toString(), topic, key, type, json);
    }

    /** The same, with a given id: sending it twice is what a relay does after a crash. */
    String cloudEvent(String id, String topic, String key, String type, String json) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_type", type);
        header(record, "ce_source", "/tests");
        header(record, "ce_subject", "things/" + key);
        header(record, "ce_time", Instant.now().toString());
        header(record, "content-type", "application/json");
        producer.send(record);
        return id;
    }

    /** A record that is not a CloudEvent at all. */
    void garbage(String topic, String key, byte[] bytes) {
        producer.send(new ProducerRecord<>(topic, key, bytes));
    }

    void flush() {
        producer.flush();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
    }
}
