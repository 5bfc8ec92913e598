package coop.cluster.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads several topics from their end (as they are when the tally starts) and keeps, for each event
 * type and record key, the CloudEvent ids ({@code ce_id}) read, in order: what tells an event
 * published once from one published twice under the same id (a relay's allowed re-send after a
 * crash, dropped by consumers) and from two events for one operation (two ids: a doubled effect).
 * It reads as the services' consumers do ({@code read_committed}), and survives the broker's
 * restart: the consumer reconnects by itself and goes on from its position.
 */
final class EventTally implements AutoCloseable {

    /** The ids read for one key of one type. */
    record Seen(List<String> ids) {

        int distinct() {
            return (int) ids.stream().distinct().count();
        }

        int repeats() {
            return ids.size() - distinct();
        }
    }

    private final Map<String, Map<String, List<String>>> idsByTypeAndKey =
            new ConcurrentHashMap<>();
    private final Map<String, List<String>> dataByType = new ConcurrentHashMap<>();
    private final Collection<String> keepData;
    private final AtomicLong records = new AtomicLong();
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final Thread reader;
    private volatile boolean running = true;

    /**
     * @param topics the topics to read
     * @param keepData the event types whose payloads are kept as well (for checks on what they say)
     */
    EventTally(String bootstrap, Collection<String> topics, Collection<String> keepData)
            throws InterruptedException {
        this.keepData = List.copyOf(keepData);
        Map<String, Object> props =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                        2000);
        CountDownLatch ready = new CountDownLatch(1);
        reader =
                Thread.ofPlatform()
                        .name("event-tally")
                        .daemon()
                        .start(
                                () -> {
                                    try (var consumer =
                                            new KafkaConsumer<>(
                                                    props,
                                                    new StringDeserializer(),
                                                    new StringDeserializer())) {
                                        List<TopicPartition> partitions = new ArrayList<>();
                                        for (String topic : topics) {
                                            consumer.partitionsFor(topic, Duration.ofSeconds(30))
                                                    .forEach(
                                                            p ->
                                                                    partitions.add(
                                                                            new TopicPartition(
                                                                                    p.topic(),
                                                                                    p
                                                                                            .partition())));
                                        }
                                        consumer.assign(partitions);
                                        consumer.seekToEnd(partitions);
                                        partitions.forEach(consumer::position);
                                        ready.countDown();
                                        while (running) {
                                            for (ConsumerRecord<String, String> record :
                                                    consumer.poll(Duration.ofMillis(200))) {
                                                record(record);
                                            }
                                        }
                                    } catch (RuntimeException e) {
                                        failure.set(e);
                                        ready.countDown();
                                    }
                                });
        if (!ready.await(60, TimeUnit.SECONDS) || failure.get() != null) {
            throw new IllegalStateException(
                    "cannot read " + topics + " at " + bootstrap, failure.get());
        }
    }

    private void record(ConsumerRecord<String, String> record) {
        String type = header(record, "ce_type");
        if (type == null || record.key() == null) {
            return;
        }
        records.incrementAndGet();
        idsByTypeAndKey
                .computeIfAbsent(type, t -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        record.key(),
                        k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(header(record, "ce_id"));
        if (keepData.contains(type) && record.value() != null) {
            dataByType
                    .computeIfAbsent(
                            type, t -> java.util.Collections.synchronizedList(new ArrayList<>()))
                    .add(record.value());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** What was read for a key of a type; no ids if nothing. */
    Seen seen(String type, String key) {
        List<String> ids = idsByTypeAndKey.getOrDefault(type, Map.of()).get(key);
        if (ids == null) {
            return new Seen(List.of());
        }
        synchronized (ids) {
            return new Seen(List.copyOf(ids));
        }
    }

    /** Every key read for a type, with what was read for it. */
    Map<String, Seen> seen(String type) {
        Map<String, Seen> all = new LinkedHashMap<>();
        idsByTypeAndKey
                .getOrDefault(type, Map.of())
                .keySet()
                .forEach(key -> all.put(key, seen(type, key)));
        return all;
    }

    /** The payloads read of a type kept with {@code keepData}. */
    List<String> data(String type) {
        List<String> data = dataByType.getOrDefault(type, List.of());
        synchronized (data) {
            return List.copyOf(data);
        }
    }

    /**
     * Waits until each key has at least one event of the type, or the timeout passes; the keys
     * still without.
     */
    List<String> awaitAll(String type, Collection<String> keys, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> missing = new ArrayList<>(keys);
        while (true) {
            missing.removeIf(key -> !seen(type, key).ids().isEmpty());
            if (missing.isEmpty() || System.nanoTime() > deadline) {
                return missing;
            }
            Thread.sleep(200);
        }
    }

    long records() {
        return records.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
