package coop.cluster.benchmarks;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The floor to compare the pipeline with: a plain Kafka producer ({@code acks=all}, idempotent, as
 * the relay) and a plain consumer on the same broker, with records of the pipeline's size. Latency
 * is from send to receipt.
 */
final class RawKafkaBaseline {

    private RawKafkaBaseline() {}

    static LatencyRecorder run(String bootstrap, int events, int payloadBytes) throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        LatencyRecorder recorder = new LatencyRecorder();
        Thread consumer =
                Thread.ofPlatform()
                        .name("raw-consumer")
                        .start(() -> consume(bootstrap, topic, events, recorder));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.ACKS_CONFIG,
                                "all",
                                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                                true,
                                ProducerConfig.LINGER_MS_CONFIG,
                                2),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                long now = System.nanoTime();
                recorder.started(now);
                byte[] value = ByteBuffer.allocate(payloadBytes).putLong(now).array();
                producer.send(new ProducerRecord<>(topic, "aggregate-" + (i % 1000), value));
            }
            producer.flush();
        }
        consumer.join(Duration.ofMinutes(5).toMillis());
        return recorder;
    }

    private static void consume(
            String bootstrap, String topic, int events, LatencyRecorder recorder) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "bench-" + UUID.randomUUID(),
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                                "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (recorder.count() < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(100))) {
                    recorder.completed(
                            ByteBuffer.wrap(record.value()).getLong(), System.nanoTime());
                }
            }
        }
    }
}
