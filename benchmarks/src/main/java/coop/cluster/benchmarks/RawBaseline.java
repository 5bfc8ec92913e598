package coop.cluster.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * The raw baseline of a write path: the very documents the path stored, written again with bare
 * {@code insertMany} into a scratch collection of the same store, and the very records it put on
 * the broker, produced again with a bare producer ({@code acks=all}, idempotent, as the relay) to a
 * scratch topic of the same broker and consumed with a bare consumer. One after the other, so the
 * raw time is the store's plus the broker's for the same work, with no framework, no HTTP, no
 * rules. The scratch collection and topic are dropped afterwards.
 */
final class RawBaseline {

    private RawBaseline() {}

    /**
     * The same work done raw: documents inserted, records produced and consumed, and how long each
     * took.
     */
    record Result(
            int documents,
            int batch,
            double insertSeconds,
            int records,
            long distinctEvents,
            double kafkaSeconds,
            Histogram kafkaLatency) {

        double seconds() {
            return insertSeconds + kafkaSeconds;
        }

        /** Store commands the raw run used: one {@code insert} per batch. */
        long storeOps() {
            return (documents + batch - 1) / batch;
        }
    }

    /** Where a path's writes are, to be done again raw. */
    record Source(
            String mongoUri,
            String database,
            String collection,
            Bson filter,
            int batch,
            String bootstrap,
            Map<TopicPartition, long[]> records) {}

    /** The end offset of every partition of {@code topics}. */
    static Map<TopicPartition, Long> ends(String bootstrap, List<String> topics) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic)
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            return new HashMap<>(consumer.endOffsets(partitions));
        }
    }

    /** The offsets between two {@link #ends} calls, as {@code [from, to)} per partition. */
    static Map<TopicPartition, long[]> between(
            Map<TopicPartition, Long> before, Map<TopicPartition, Long> after) {
        Map<TopicPartition, long[]> ranges = new HashMap<>();
        after.forEach(
                (partition, end) -> {
                    long from = before.getOrDefault(partition, 0L);
                    if (end > from) {
                        ranges.put(partition, new long[] {from, end});
                    }
                });
        return ranges;
    }

    static Result measure(Source source) throws Exception {
        int documents = 0;
        double insertSeconds = 0;
        if (source.collection() != null) {
            try (MongoClient mongo = MongoClients.create(source.mongoUri())) {
                List<Document> written =
                        mongo.getDatabase(source.database())
                                .getCollection(source.collection())
                                .find(source.filter())
                                .into(new ArrayList<>());
                for (Document document : written) {
                    document.put("_id", new ObjectId());
                    document.remove("outbox");
                }
                MongoCollection<Document> scratch =
                        mongo.getDatabase(source.database())
                                .getCollection("bench_raw_" + source.collection());
                scratch.drop();
                long start = System.nanoTime();
                for (int from = 0; from < written.size(); from += source.batch()) {
                    scratch.insertMany(
                            written.subList(from, Math.min(written.size(), from + source.batch())));
                }
                insertSeconds = (System.nanoTime() - start) / 1e9;
                scratch.drop();
                documents = written.size();
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = read(source.bootstrap(), source.records());
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
        double kafkaSeconds =
                records.isEmpty() ? 0 : produceAndConsume(source.bootstrap(), records, latency);
        long distinct =
                records.stream()
                        .map(record -> record.headers().lastHeader("ce_id"))
                        .map(
                                id ->
                                        id == null
                                                ? null
                                                : new String(
                                                        id.value(),
                                                        java.nio.charset.StandardCharsets.UTF_8))
                        .distinct()
                        .count();
        return new Result(
                documents,
                source.batch(),
                insertSeconds,
                records.size(),
                distinct,
                kafkaSeconds,
                latency);
    }

    private static List<ConsumerRecord<byte[], byte[]>> read(
            String bootstrap, Map<TopicPartition, long[]> ranges) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (ranges.isEmpty()) {
            return records;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            consumer.assign(ranges.keySet());
            ranges.forEach((partition, range) -> consumer.seek(partition, range[0]));
            long wanted = ranges.values().stream().mapToLong(range -> range[1] - range[0]).sum();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (records.size() < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    long[] range =
                            ranges.get(new TopicPartition(record.topic(), record.partition()));
                    if (record.offset() < range[1]) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    /**
     * Produces copies of {@code records} to a scratch topic and consumes them; the seconds from
     * first send to last.
     */
    private static double produceAndConsume(
            String bootstrap, List<ConsumerRecord<byte[], byte[]>> records, Histogram latency)
            throws Exception {
        String topic = "bench.raw." + UUID.randomUUID().toString().substring(0, 8);
        try (Admin admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            long[] sentAt = new long[records.size()];
            int[] received = {0};
            long[] lastReceived = {0};
            Thread reader =
                    Thread.ofPlatform()
                            .name("raw-consumer")
                            .start(
                                    () -> {
                                        try (KafkaConsumer<byte[], byte[]> consumer =
                                                consumer(bootstrap)) {
                                            List<TopicPartition> partitions =
                                                    List.of(
                                                            new TopicPartition(topic, 0),
                                                            new TopicPartition(topic, 1),
                                                            new TopicPartition(topic, 2));
                                            consumer.assign(partitions);
                                            consumer.seekToBeginning(partitions);
                                            long deadline =
                                                    System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                                            while (received[0] < records.size()
                                                    && System.nanoTime() < deadline) {
                                                for (ConsumerRecord<byte[], byte[]> record :
                                                        consumer.poll(Duration.ofMillis(50))) {
                                                    long now = System.nanoTime();
                                                    int index =
                                                            Integer.parseInt(
                                                                    new String(
                                                                            record.headers()
                                                                                    .lastHeader(
                                                                                            "bench_index")
                                                                                    .value()));
                                                    synchronized (latency) {
                                                        latency.recordValue(
                                                                Math.min(
                                                                        now - sentAt[index],
                                                                        TimeUnit.MINUTES.toNanos(
                                                                                5)));
                                                    }
                                                    received[0]++;
                                                    lastReceived[0] = now;
                                                }
                                            }
                                        }
                                    });
            Thread.sleep(500); // the consumer is assigned before the first send
            long start = System.nanoTime();
            try (KafkaProducer<byte[], byte[]> producer =
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
                            new ByteArraySerializer(),
                            new ByteArraySerializer())) {
                for (int i = 0; i < records.size(); i++) {
                    ConsumerRecord<byte[], byte[]> original = records.get(i);
                    ProducerRecord<byte[], byte[]> copy =
                            new ProducerRecord<>(topic, original.key(), original.value());
                    for (Header header : original.headers()) {
                        copy.headers().add(header);
                    }
                    copy.headers().add("bench_index", Integer.toString(i).getBytes());
                    sentAt[i] = System.nanoTime();
                    producer.send(copy);
                }
                producer.flush();
            }
            reader.join(TimeUnit.MINUTES.toMillis(5));
            admin.deleteTopics(List.of(topic));
            if (received[0] < records.size()) {
                throw new IllegalStateException(
                        "the raw consumer read " + received[0] + " of " + records.size());
            }
            return (lastReceived[0] - start) / 1e9;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }
}
