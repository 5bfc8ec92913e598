package coop.cluster.fundingwatch;

import coop.cluster.infra.testing.EmbeddedInfra;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes CloudEvents onto the embedded broker as another service's outbox relay does, for the ITs. */
public final class CloudEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    /**
     * A CloudEvent in binary mode ({@code ce_*} headers, JSON data), keyed by the aggregate id; waits for the
     * broker's ack.
     */
    public void publish(String topic, String key, String eventId, String type, String json) {
        var record = new ProducerRecord<>(topic, key, json);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId);
        headers.put("ce_type", type);
        headers.put("ce_source", topic.startsWith("project.") ? "/project-service" : "/membership-service");
        headers.put("ce_subject", key);
        headers.put("ce_time", Instant.now().toString());
        headers.put("content-type", "application/json");
        headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
