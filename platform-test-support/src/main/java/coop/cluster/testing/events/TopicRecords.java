package coop.cluster.testing.events;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For integration tests on a real broker: every record of a topic, from its beginning to its
 * current end, with its key, headers, partition and offset (where {@link TopicEvents} reads the
 * events of one key).
 */
public final class TopicRecords {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrapServers;

    public TopicRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** A record as read: key, value, and headers as text (the last of each name). */
    public record Received(
            String key, byte[] value, Map<String, String> headers, int partition, long offset) {

        /** The CloudEvents type, for an event. */
        public String type() {
            return headers.get("ce_type");
        }

        public String subject() {
            return headers.get("ce_subject");
        }

        public JsonNode data() {
            return JSON.readTree(value);
        }

        public String text() {
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    /** Every record on {@code topic} so far, partition by partition, each in order. */
    public List<Received> all(String topic) {
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        List<Received> records = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    Map<String, String> headers = new LinkedHashMap<>();
                    for (Header header : record.headers()) {
                        headers.put(
                                header.key(),
                                header.value() == null
                                        ? null
                                        : new String(header.value(), StandardCharsets.UTF_8));
                    }
                    records.add(
                            new Received(
                                    record.key(),
                                    record.value(),
                                    headers,
                                    record.partition(),
                                    record.offset()));
                }
            }
        }
        return records;
    }

    /** Every record on {@code topic} so far, by key, each key's in order. */
    public Map<String, List<Received>> byKey(String topic) {
        Map<String, List<Received>> byKey = new LinkedHashMap<>();
        all(topic).forEach(r -> byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r));
        return byKey;
    }
}
