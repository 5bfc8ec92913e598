package coop.cluster.infra.tools;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Lists the dead letters of a dead-letter topic by reason, and puts them back on the topic they
 * came from: the API of {@code ./platform dlt} ({@link DeadLetterTool}).
 *
 * <p>A dead letter is what the plumbing's consumers (and funding-watch's raw feed) wrote with
 * Spring Kafka's {@code DeadLetterPublishingRecoverer}: the original key, value and headers, plus
 * {@code kafka_dlt-original-topic}, {@code -partition}, {@code -offset}, {@code -consumer-group},
 * {@code kafka_dlt-exception-fqcn} and {@code -message}, and the plumbing's {@code dlt-reason}.
 *
 * <p><b>Replay.</b> Each dead letter chosen is produced to its original topic with its original
 * key, value and headers (less the {@code kafka_dlt-*} and {@code dlt-reason} headers, plus {@value
 * #REPLAYED_FROM_HEADER}), by an idempotent producer with {@code acks=all}, so a consumer reads it
 * again under its original event id. What was replayed is remembered on {@code <dlt>.replayed}
 * ({@value #REPLAYED_SUFFIX}, compacted, one record per dead letter, keyed by the DLT's topic id,
 * partition and offset): a later run skips those. A batch of dead letters is produced and
 * acknowledged first, then its records on {@code .replayed}; a crash between the two replays that
 * batch again on the next run (at-least-once), and the consumers drop what they applied already
 * (they deduplicate on the event id). Not consumer-group offsets: with {@code --reason} and {@code
 * --limit} the replayed dead letters are not a prefix of the topic, and an offset committed past a
 * dead letter left out would hide it from every later run.
 *
 * <p>A replayed record is read by every consumer group of the original topic, not only the one that
 * dead-lettered it: the others applied its event already and drop it as a duplicate; one that fails
 * on it again dead-letters it again, as a new dead letter (a run only replays what was on the topic
 * when it started).
 */
public final class DeadLetters implements AutoCloseable {

    public static final String REPLAYED_SUFFIX = ".replayed";

    /**
     * Added to a replayed record: {@code <dlt>/<partition>@<offset>} of the dead letter it came
     * from.
     */
    public static final String REPLAYED_FROM_HEADER = "dlt-replayed-from";

    /**
     * The plumbing's one-line reason (coop.cluster.plumbing.consumer.EventConsumers.REASON_HEADER).
     */
    public static final String REASON_HEADER = "dlt-reason";

    static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    static final String ORIGINAL_PARTITION = "kafka_dlt-original-partition";
    static final String ORIGINAL_OFFSET = "kafka_dlt-original-offset";
    static final String ORIGINAL_GROUP = "kafka_dlt-original-consumer-group";
    static final String EXCEPTION_FQCN = "kafka_dlt-exception-fqcn";
    static final String EXCEPTION_MESSAGE = "kafka_dlt-exception-message";

    /** funding-watch's raw feed: a reason code. */
    static final String REJECTION_REASON = "rejection-reason";

    private static final Pattern UUID_TEXT =
            Pattern.compile(
                    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern OBJECT_ID = Pattern.compile("\\b[0-9a-f]{24}\\b");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\b\\d{4,}\\b");
    private static final int BATCH = 500;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String bootstrap;
    private final Admin admin;

    public DeadLetters(String bootstrap) {
        this.bootstrap = bootstrap;
        this.admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                (int) WAIT.toMillis(),
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                10_000,
                                AdminClientConfig.ENABLE_METRICS_PUSH_CONFIG,
                                false));
    }

    /** One dead letter as read from its topic. */
    public record DeadLetter(
            String dlt,
            int partition,
            long offset,
            byte[] key,
            byte[] value,
            Header[] headers,
            String originalTopic,
            Integer originalPartition,
            Long originalOffset,
            String group,
            String reason) {

        /**
         * The reason with ids and long numbers masked, so that dead letters of one cause count
         * together.
         */
        public String reasonGroup() {
            return DeadLetters.reasonGroup(reason);
        }

        /**
         * Whether {@code text} is in the reason, or in its grouped form (as {@code list} prints
         * it), any case.
         */
        public boolean matches(String text) {
            if (text == null || text.isEmpty()) {
                return true;
            }
            String wanted = text.toLowerCase(Locale.ROOT);
            return reason.toLowerCase(Locale.ROOT).contains(wanted)
                    || reasonGroup().toLowerCase(Locale.ROOT).contains(wanted);
        }

        String where() {
            return dlt + "/" + partition + "@" + offset;
        }
    }

    /** What one reason accounts for on a dead-letter topic. */
    public record ReasonCount(String reason, long waiting, long replayed) {
        public long total() {
            return waiting + replayed;
        }
    }

    /**
     * A dead-letter topic's content.
     *
     * @param reasons by {@link DeadLetter#reasonGroup()}, most waiting first
     * @param origins original topic and group, with how many dead letters came from each
     */
    public record Listing(
            String dlt,
            long total,
            long waiting,
            long replayed,
            List<ReasonCount> reasons,
            Map<String, Long> origins) {}

    /**
     * What a replay did.
     *
     * @param replayed dead letters produced to their original topic now
     * @param replayedBefore dead letters a previous run had replayed, left alone
     * @param notMatching dead letters left waiting: not matching {@code --reason}, or past {@code
     *     --limit}
     * @param noOrigin dead letters without {@code kafka_dlt-original-topic}, which cannot be
     *     replayed
     * @param targets per original topic, how many were replayed there
     */
    public record Replay(
            String dlt,
            long replayed,
            long replayedBefore,
            long notMatching,
            long noOrigin,
            Map<String, Long> targets,
            boolean dryRun) {}

    /** The dead-letter topics on the broker: every topic whose name ends in {@code .dlt}. */
    public List<String> topics() {
        try {
            return admin.listTopics().names().get(WAIT.toMillis(), TimeUnit.MILLISECONDS).stream()
                    .filter(name -> name.endsWith(".dlt"))
                    .sorted()
                    .toList();
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw failure("cannot list the topics on " + bootstrap, e);
        }
    }

    public Listing list(String dlt) {
        Set<String> replayed = replayed(dlt);
        String topicId = topicId(dlt);
        Map<String, long[]> byReason = new HashMap<>();
        Map<String, Long> origins = new TreeMap<>();
        long[] totals = new long[2];
        read(
                dlt,
                letter -> {
                    int done = replayed.contains(markerKey(topicId, letter)) ? 1 : 0;
                    byReason.computeIfAbsent(letter.reasonGroup(), r -> new long[2])[done]++;
                    totals[done]++;
                    origins.merge(
                            (letter.originalTopic() == null
                                            ? "(no original topic)"
                                            : letter.originalTopic())
                                    + (letter.group() == null ? "" : ", group " + letter.group()),
                            1L,
                            Long::sum);
                });
        List<ReasonCount> reasons =
                byReason.entrySet().stream()
                        .map(e -> new ReasonCount(e.getKey(), e.getValue()[0], e.getValue()[1]))
                        .sorted(
                                (a, b) ->
                                        a.waiting() != b.waiting()
                                                ? Long.compare(b.waiting(), a.waiting())
                                                : a.total() != b.total()
                                                        ? Long.compare(b.total(), a.total())
                                                        : a.reason().compareTo(b.reason()))
                        .toList();
        return new Listing(dlt, totals[0] + totals[1], totals[0], totals[1], reasons, origins);
    }

    /** {@link #replay(String, String, long, boolean, Runnable)} without a hook. */
    public Replay replay(String dlt, String reason, long limit, boolean dryRun) {
        return replay(dlt, reason, limit, dryRun, () -> {});
    }

    /**
     * Replays the dead letters of {@code dlt} not replayed before, those whose reason contains
     * {@code reason} (all if null), at most {@code limit} (no limit if negative), in the topic's
     * order.
     *
     * @param afterSend run once a batch is acknowledged on the original topics and before it is
     *     marked replayed; a test's way to stop a run there, as a crash would
     */
    public Replay replay(
            String dlt, String reason, long limit, boolean dryRun, Runnable afterSend) {
        String topicId = topicId(dlt);
        Set<String> replayedBefore = replayed(dlt);
        String markers = dlt + REPLAYED_SUFFIX;
        if (!dryRun) {
            createMarkerTopic(markers);
        }
        long[] counts = new long[4]; // replayed, replayed before, not matching, no origin
        Map<String, Long> targets = new TreeMap<>();
        List<DeadLetter> batch = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = dryRun ? null : producer()) {
            read(
                    dlt,
                    letter -> {
                        if (replayedBefore.contains(markerKey(topicId, letter))) {
                            counts[1]++;
                        } else if (letter.originalTopic() == null) {
                            counts[3]++;
                        } else if (!letter.matches(reason) || (limit >= 0 && counts[0] >= limit)) {
                            counts[2]++;
                        } else {
                            counts[0]++;
                            targets.merge(letter.originalTopic(), 1L, Long::sum);
                            if (!dryRun) {
                                batch.add(letter);
                                if (batch.size() >= BATCH) {
                                    send(producer, markers, topicId, batch, afterSend);
                                }
                            }
                        }
                    });
            if (!dryRun && !batch.isEmpty()) {
                send(producer, markers, topicId, batch, afterSend);
            }
        }
        return new Replay(dlt, counts[0], counts[1], counts[2], counts[3], targets, dryRun);
    }

    /**
     * Produces a batch to the original topics, waits for every acknowledgement, then marks the
     * batch replayed.
     */
    private void send(
            KafkaProducer<byte[], byte[]> producer,
            String markers,
            String topicId,
            List<DeadLetter> batch,
            Runnable afterSend) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(batch.size());
        for (DeadLetter letter : batch) {
            sent.add(producer.send(replayOf(letter)));
        }
        List<String> landed =
                await(producer, sent, "replaying to " + batch.getFirst().originalTopic());
        afterSend.run();
        List<Future<RecordMetadata>> marked = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            DeadLetter letter = batch.get(i);
            String value = landed.get(i) + " " + Instant.now();
            marked.add(
                    producer.send(
                            new ProducerRecord<>(
                                    markers,
                                    markerKey(topicId, letter).getBytes(StandardCharsets.UTF_8),
                                    value.getBytes(StandardCharsets.UTF_8))));
        }
        await(producer, marked, "marking the replayed dead letters on " + markers);
        batch.clear();
    }

    private static List<String> await(
            KafkaProducer<byte[], byte[]> producer,
            List<Future<RecordMetadata>> sent,
            String what) {
        producer.flush();
        List<String> where = new ArrayList<>(sent.size());
        for (Future<RecordMetadata> future : sent) {
            try {
                RecordMetadata metadata = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                where.add(metadata.topic() + "-" + metadata.partition() + "@" + metadata.offset());
            } catch (InterruptedException | ExecutionException | TimeoutException e) {
                throw failure(what, e);
            }
        }
        return where;
    }

    /**
     * The record a dead letter came from: same topic, key, value and headers, less what the
     * dead-lettering added.
     */
    static ProducerRecord<byte[], byte[]> replayOf(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().equals(REASON_HEADER)) {
                headers.add(header);
            }
        }
        headers.add(REPLAYED_FROM_HEADER, letter.where().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(
                letter.originalTopic(), null, letter.key(), letter.value(), headers);
    }

    /** The keys on {@code <dlt>.replayed}: the dead letters replayed so far. */
    Set<String> replayed(String dlt) {
        Set<String> keys = new HashSet<>();
        String markers = dlt + REPLAYED_SUFFIX;
        if (!exists(markers)) {
            return keys;
        }
        readAll(markers, record -> keys.add(new String(record.key(), StandardCharsets.UTF_8)));
        return keys;
    }

    static String markerKey(String topicId, DeadLetter letter) {
        return topicId + "/" + letter.partition() + "@" + letter.offset();
    }

    /**
     * Reads {@code dlt} from its start to its end as it was when called, in order per partition.
     */
    public void read(String dlt, Consumer<DeadLetter> each) {
        if (!exists(dlt)) {
            throw new IllegalArgumentException("no topic " + dlt + " on " + bootstrap);
        }
        readAll(dlt, record -> each.accept(deadLetter(record)));
    }

    private void readAll(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.CLIENT_ID_CONFIG,
                                "platform-dlt-" + UUID.randomUUID(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG,
                                false,
                                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                                "read_committed",
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                2_000),
                        new ByteArrayDeserializer(),
                        new ByteArrayDeserializer())) {
            List<TopicPartition> partitions =
                    consumer.partitionsFor(topic, WAIT).stream()
                            .map(p -> new TopicPartition(topic, p.partition()))
                            .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, WAIT);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, WAIT) < end.get(p))) {
                int read = 0;
                for (ConsumerRecord<byte[], byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset()
                            < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        each.accept(record);
                        read++;
                    }
                }
                if (read > 0) {
                    deadline = System.nanoTime() + WAIT.toNanos();
                } else if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "could not read " + topic + " to its end on " + bootstrap);
                }
            }
        }
    }

    static DeadLetter deadLetter(ConsumerRecord<byte[], byte[]> record) {
        Header[] headers = record.headers().toArray();
        return new DeadLetter(
                record.topic(),
                record.partition(),
                record.offset(),
                record.key(),
                record.value(),
                headers,
                text(record, ORIGINAL_TOPIC),
                number(record, ORIGINAL_PARTITION).map(Long::intValue).orElse(null),
                number(record, ORIGINAL_OFFSET).orElse(null),
                text(record, ORIGINAL_GROUP),
                reason(record));
    }

    /**
     * The plumbing's {@code dlt-reason}; else the raw feed's reason code, or Spring Kafka's
     * exception headers.
     */
    static String reason(ConsumerRecord<?, ?> record) {
        String reason = text(record, REASON_HEADER);
        if (reason != null) {
            return reason;
        }
        String fqcn = text(record, EXCEPTION_FQCN);
        String message = text(record, EXCEPTION_MESSAGE);
        String rejection = text(record, REJECTION_REASON);
        StringBuilder text = new StringBuilder();
        if (rejection != null) {
            text.append(rejection).append(": ");
        }
        text.append(fqcn == null ? "(no reason)" : fqcn.substring(fqcn.lastIndexOf('.') + 1));
        if (message != null) {
            text.append(": ").append(message.replaceAll("\\s+", " ").strip());
        }
        return text.toString();
    }

    static String reasonGroup(String reason) {
        String grouped = UUID_TEXT.matcher(reason).replaceAll("<id>");
        grouped = OBJECT_ID.matcher(grouped).replaceAll("<id>");
        grouped = LONG_NUMBER.matcher(grouped).replaceAll("<n>");
        return grouped.length() > 240 ? grouped.substring(0, 240) + "..." : grouped;
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null
                ? null
                : new String(header.value(), StandardCharsets.UTF_8);
    }

    /**
     * Spring Kafka writes the original partition as 4 bytes, offset and timestamp as 8 (older
     * versions: text).
     */
    private static Optional<Long> number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return Optional.empty();
        }
        byte[] value = header.value();
        if (value.length == Integer.BYTES) {
            return Optional.of((long) ByteBuffer.wrap(value).getInt());
        }
        if (value.length == Long.BYTES) {
            return Optional.of(ByteBuffer.wrap(value).getLong());
        }
        try {
            return Optional.of(Long.parseLong(new String(value, StandardCharsets.UTF_8).strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private boolean exists(String topic) {
        return describe(topic) != null;
    }

    private TopicDescription describe(String topic) {
        try {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw failure("cannot describe " + topic + " on " + bootstrap, e);
        } catch (InterruptedException | TimeoutException e) {
            throw failure("cannot describe " + topic + " on " + bootstrap, e);
        }
    }

    /**
     * The topic's id: a dead-letter topic deleted and made again starts its offsets at 0, and its
     * new dead letters must not pass for the old ones replayed.
     */
    private String topicId(String dlt) {
        TopicDescription description = describe(dlt);
        if (description == null) {
            throw new IllegalArgumentException("no topic " + dlt + " on " + bootstrap);
        }
        return description.topicId().toString();
    }

    /** {@code <dlt>.replayed}: compacted, one partition, the broker's replication factor. */
    private void createMarkerTopic(String markers) {
        try {
            admin.createTopics(
                            List.of(
                                    new NewTopic(markers, Optional.of(1), Optional.empty())
                                            .configs(
                                                    Map.of(
                                                            TopicConfig.CLEANUP_POLICY_CONFIG,
                                                            TopicConfig.CLEANUP_POLICY_COMPACT))))
                    .all()
                    .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw failure("cannot create " + markers, e);
            }
        } catch (InterruptedException | TimeoutException e) {
            throw failure("cannot create " + markers, e);
        }
    }

    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrap,
                        ProducerConfig.CLIENT_ID_CONFIG,
                        "platform-dlt-replay-" + UUID.randomUUID(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.LINGER_MS_CONFIG,
                        5,
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000,
                        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                        10_000,
                        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                        25_000,
                        ProducerConfig.ENABLE_METRICS_PUSH_CONFIG,
                        false),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    private static RuntimeException failure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        Throwable cause =
                e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        return new IllegalStateException(what + ": " + cause, cause);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
