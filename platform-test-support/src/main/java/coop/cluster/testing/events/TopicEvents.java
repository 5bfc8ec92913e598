package coop.cluster.testing.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For integration tests on a real broker: publish a CloudEvent in binary mode as another service's
 * relay would, and read back what was published under a key.
 */
public final class TopicEvents {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String bootstrapServers;

    public TopicEvents(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** An event as read from the broker: its CloudEvents type and its JSON data. */
    public record Event(String type, JsonNode data) {}

    /**
     * Publishes {@code json} as a CloudEvent of {@code type} under {@code key}, and waits for the
     * broker's ack.
     */
    public void publish(String topic, String key, String eventId, String type, String json) {
        publish(topic, key, eventId, type, json, Instant.now());
    }

    /**
     * The same, with the event's {@code ce_time}: an event that happened at {@code time}, e.g.
     * before one published earlier, as a replay or a republication delivers it.
     */
    public void publish(
            String topic, String key, String eventId, String type, String json, Instant time) {
        Map<String, Object> props =
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            var record = new ProducerRecord<>(topic, key, json);
            Map.of(
                            "ce_specversion",
                            "1.0",
                            "ce_id",
                            eventId,
                            "ce_type",
                            type,
                            "ce_source",
                            "/test",
                            "ce_time",
                            time.toString(),
                            "content-type",
                            "application/json")
                    .forEach(
                            (name, value) ->
                                    record.headers()
                                            .add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The events published on {@code topic} under {@code key}, from the beginning, once there are
     * {@code count}.
     */
    public List<Event> read(String topic, String key, int count, Duration timeout) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (events.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        var type = record.headers().lastHeader("ce_type");
                        events.add(
                                new Event(
                                        type == null
                                                ? null
                                                : new String(type.value(), StandardCharsets.UTF_8),
                                        JSON.readTree(record.value())));
                    }
                }
            }
        }
        if (events.size() < count) {
            throw new AssertionError(
                    "expected "
                            + count
                            + " events under "
                            + key
                            + " on "
                            + topic
                            + " within "
                            + timeout
                            + ", read "
                            + events.size()
                            + ": "
                            + events);
        }
        return events;
    }
}
