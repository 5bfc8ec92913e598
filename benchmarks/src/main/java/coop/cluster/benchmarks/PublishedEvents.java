package coop.cluster.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its end and notes when the first event of one of {@code types} arrives for
 * each awaited key: how the write benchmarks count an operation only once its event is on the
 * broker.
 */
final class PublishedEvents implements AutoCloseable {

    final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Set<String> awaited;
    private final AtomicLong last = new AtomicLong();
    private final Thread reader;
    private volatile boolean running = true;

    PublishedEvents(String bootstrap, String topic, Set<String> types, Set<String> awaited)
            throws InterruptedException {
        this(bootstrap, topic, types, awaited, ConsumerRecord::key);
    }

    /**
     * As above, with the awaited operations named by {@code identity} of each record instead of its
     * key.
     */
    PublishedEvents(
            String bootstrap,
            String topic,
            Set<String> types,
            Set<String> awaited,
            Function<ConsumerRecord<String, String>, String> identity)
            throws InterruptedException {
        this.awaited = awaited;
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false);
        CountDownLatch ready = new CountDownLatch(1);
        reader =
                Thread.ofPlatform()
                        .name("published")
                        .start(
                                () -> {
                                    try (var consumer =
                                            new KafkaConsumer<>(
                                                    props,
                                                    new StringDeserializer(),
                                                    new StringDeserializer())) {
                                        List<TopicPartition> partitions =
                                                consumer.partitionsFor(topic).stream()
                                                        .map(
                                                                p ->
                                                                        new TopicPartition(
                                                                                p.topic(),
                                                                                p.partition()))
                                                        .toList();
                                        consumer.assign(partitions);
                                        consumer.seekToEnd(partitions);
                                        partitions.forEach(consumer::position);
                                        ready.countDown();
                                        while (running) {
                                            for (ConsumerRecord<String, String> record :
                                                    consumer.poll(Duration.ofMillis(50))) {
                                                var type = record.headers().lastHeader("ce_type");
                                                if (type == null
                                                        || !types.contains(
                                                                new String(
                                                                        type.value(),
                                                                        StandardCharsets.UTF_8))) {
                                                    continue;
                                                }
                                                String operation = identity.apply(record);
                                                if (operation != null
                                                        && awaited.contains(operation)) {
                                                    long now = System.nanoTime();
                                                    if (seenAt.putIfAbsent(operation, now)
                                                            == null) {
                                                        last.accumulateAndGet(now, Math::max);
                                                    }
                                                }
                                            }
                                        }
                                    }
                                });
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("could not read " + topic + " at " + bootstrap);
        }
    }

    /** The {@code idempotencyKey} field of a record's JSON data, or null. */
    static String idempotencyKey(ConsumerRecord<String, String> record) {
        Matcher key = IDEMPOTENCY_KEY.matcher(record.value() == null ? "" : record.value());
        return key.find() ? key.group(1) : null;
    }

    private static final Pattern IDEMPOTENCY_KEY =
            Pattern.compile("\"idempotencyKey\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * @return true once every awaited key's event arrived, false if {@code timeout} passed first
     */
    boolean awaitAll(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seenAt.size() < awaited.size() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return seenAt.size() == awaited.size();
    }

    int count() {
        return seenAt.size();
    }

    long lastNanos() {
        return last.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join();
    }
}
