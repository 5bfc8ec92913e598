package coop.cluster.faults;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from its end (as it is when the recorder starts) and keeps, for each record key, the CloudEvent ids
 * ({@code ce_id}) of every record of one event type, in the order read: what a drill needs to tell an event
 * published once from one published twice ({@code ce_id} seen again: the relay sent it again after a crash) and from
 * two events for one write (two ids).
 */
final class TopicRecorder implements AutoCloseable {

    private final String type;
    private final Map<String, List<String>> idsByKey = new ConcurrentHashMap<>();
    private final Thread reader;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private volatile boolean running = true;

    TopicRecorder(String bootstrap, String topic, String type) throws InterruptedException {
        this.type = type;
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                // read only what the producers committed, as the services' consumers do
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        CountDownLatch ready = new CountDownLatch(1);
        reader = Thread.ofPlatform().name("recorder-" + topic).daemon().start(() -> {
            try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.countDown();
                while (running) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                        if (type.equals(header(record, "ce_type")) && record.key() != null) {
                            idsByKey.computeIfAbsent(record.key(), k -> Collections.synchronizedList(new ArrayList<>())).add(header(record, "ce_id"));
                        }
                    }
                }
            } catch (RuntimeException e) {
                failure.set(e);
                ready.countDown();
            }
        });
        if (!ready.await(60, TimeUnit.SECONDS) || failure.get() != null) {
            throw new IllegalStateException("cannot read " + topic + " at " + bootstrap, failure.get());
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Waits until every key has at least one record, or the timeout passes; true if they all have. */
    boolean awaitAll(Collection<String> keys, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (keys.stream().allMatch(idsByKey::containsKey)) {
                return true;
            }
            Thread.sleep(100);
        }
        return keys.stream().allMatch(idsByKey::containsKey);
    }

    /** The event ids read for a key, in order; empty if none. */
    List<String> ids(String key) {
        List<String> ids = idsByKey.get(key);
        if (ids == null) {
            return List.of();
        }
        synchronized (ids) {
            return List.copyOf(ids);
        }
    }

    String type() {
        return type;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        reader.join(TimeUnit.SECONDS.toMillis(10));
    }
}
