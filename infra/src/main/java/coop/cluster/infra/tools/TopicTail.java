package coop.cluster.infra.tools;

import coop.cluster.infra.support.InfraLogging;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * {@code ./platform events TOPIC [--key K] [--type T] [--bootstrap HOST:PORT]}: prints a topic's
 * events from the beginning, one line each (time, key, {@code ce_type}, payload), optionally only
 * one key or type, and exits once it has read to the end. Reads without a consumer group, so it
 * commits nothing and disturbs no consumer.
 */
public final class TopicTail {

    private TopicTail() {}

    public static void main(String[] args) {
        InfraLogging.useInfraConfiguration();
        String topic = null;
        String key = null;
        String type = null;
        String bootstrap = "127.0.0.1:9092";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--key" -> key = args[++i];
                case "--type" -> type = args[++i];
                case "--bootstrap" -> bootstrap = args[++i];
                default -> topic = args[i];
            }
        }
        if (topic == null) {
            System.err.println(
                    "usage: ./platform events TOPIC [--key KEY] [--type CE_TYPE] [--bootstrap"
                            + " HOST:PORT]");
            System.exit(2);
        }
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "platform-events-" + UUID.randomUUID(),
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed");
        int printed = 0;
        try (var consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                System.err.println("no topic " + topic + " on " + bootstrap);
                System.exit(1);
            }
            List<TopicPartition> assigned = new ArrayList<>();
            for (PartitionInfo partition : partitions) {
                assigned.add(new TopicPartition(partition.topic(), partition.partition()));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            while (assigned.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    String ceType = header(record, "ce_type");
                    if ((key == null || key.equals(record.key()))
                            && (type == null || type.equals(ceType))) {
                        System.out.printf(
                                "%s  %-36s  %-52s %s%n",
                                header(record, "ce_time"), record.key(), ceType, record.value());
                        printed++;
                    }
                }
            }
        }
        System.err.println(printed + " event(s)");
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
