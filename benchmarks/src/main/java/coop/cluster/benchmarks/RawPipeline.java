package coop.cluster.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
import org.bson.Document;

/**
 * The event pipeline with no framework, the baseline of the end-to-end run: a sender inserts a
 * document with the bare driver, then produces its event with a bare producer ({@code acks=all},
 * idempotent, as the relay); a bare consumer (three threads, as the consuming service's listener)
 * applies each event with one upsert into another collection. No outbox, no relay, no CloudEvents,
 * no idempotence record: two store commands and one record per event. Latency is from before the
 * insert to after the upsert, as in the end-to-end run.
 */
final class RawPipeline {

    private static final int CONSUMERS = 3;

    private RawPipeline() {}

    static LatencyRecorder run(
            String bootstrap, String mongoUri, int events, int rate, String contents)
            throws Exception {
        String topic = "bench.rawpipe." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin =
                        Admin.create(
                                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
                MongoClient mongo = MongoClients.create(mongoUri)) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            String database = mongoUri.replaceAll("^.*/([^/?]+)(\\?.*)?$", "$1");
            MongoCollection<Document> sent =
                    mongo.getDatabase(database).getCollection("bench_raw_sent");
            MongoCollection<Document> received =
                    mongo.getDatabase(database).getCollection("bench_raw_received");
            LatencyRecorder recorder = new LatencyRecorder();
            List<Thread> consumers = new ArrayList<>();
            java.util.concurrent.CountDownLatch assigned =
                    new java.util.concurrent.CountDownLatch(CONSUMERS);
            String group = "bench-rawpipe-" + UUID.randomUUID();
            for (int c = 0; c < CONSUMERS; c++) {
                consumers.add(
                        Thread.ofPlatform()
                                .name("rawpipe-consumer-" + c)
                                .start(
                                        () ->
                                                consume(
                                                        bootstrap, topic, group, events, received,
                                                        recorder, assigned)));
            }
            assigned.await();
            Thread.sleep(2_000); // the group settles before the first send
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
                Workers.paced(
                        events,
                        rate,
                        recorder,
                        (i, now) -> {
                            String id = UUID.randomUUID().toString();
                            sent.insertOne(new Document("_id", id).append("contents", contents));
                            byte[] value =
                                    ByteBuffer.allocate(8 + contents.length())
                                            .putLong(now)
                                            .put(contents.getBytes(StandardCharsets.US_ASCII))
                                            .array();
                            producer.send(new ProducerRecord<>(topic, id, value));
                        });
                producer.flush();
            }
            for (Thread consumer : consumers) {
                consumer.join(Duration.ofMinutes(5).toMillis());
            }
            admin.deleteTopics(List.of(topic));
            sent.drop();
            received.drop();
            return recorder;
        }
    }

    private static void consume(
            String bootstrap,
            String topic,
            String group,
            int events,
            MongoCollection<Document> received,
            LatencyRecorder recorder,
            java.util.concurrent.CountDownLatch assigned) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG, group,
                                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            consumer.poll(Duration.ofMillis(100));
            assigned.countDown();
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (recorder.count() < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    received.updateOne(
                            Filters.eq("_id", record.key()),
                            Updates.inc("received", 1),
                            new UpdateOptions().upsert(true));
                    recorder.completed(
                            ByteBuffer.wrap(record.value()).getLong(), System.nanoTime());
                }
            }
        }
    }
}
