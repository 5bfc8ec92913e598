package coop.cluster.finance.memberaccount;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.memberaccount.persistence.MemberAccountStore;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.tools.DeadLetterTool;
import coop.cluster.infra.tools.DeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A flood of poison records between good events on {@code membership.members}, read by
 * finance-service's real subscription {@code member-accounts} (group {@code
 * finance-service.member-accounts}): every good event takes effect once, the group's lag comes back
 * to 0, and the dead-letter topic holds exactly the poison records, each with its reason and its
 * original topic, partition and offset.
 *
 * <p>The poison, in equal shares: bytes that are not JSON; JSON that is not a CloudEvent (plain,
 * with {@code content-type: application/json}); JSON that claims to be a structured CloudEvent and
 * is not one; a CloudEvent of a type the subscription reads whose payload cannot be mapped (its
 * {@code memberId} an object); and one whose payload fails the consumer's checks (an "applied" or
 * "admitted" with no {@code memberId}). Each good member has two events, "applied" then "admitted",
 * with ten poison records between and after them, five of them under the member's own key (so on
 * its partition, between its events).
 *
 * <p>{@code -Dpoison.records=N} sets how many poison records (2,000 by default, in the suite; the
 * issue's figure is 10,000, measured in docs/events.md "Poison records and dead letters"):
 *
 * <pre>
 * ./mvnw -B -ntp verify -pl finance-service -am -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dit.test=PoisonRecordsIT -Dfailsafe.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dpoison.records=10000
 * </pre>
 */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class)
class PoisonRecordsIT {

    static final String TOPIC = "membership.members";
    static final String GROUP = "finance-service.member-accounts";
    static final String DLT = GROUP + ".dlt";
    static final int POISON_PER_MEMBER = 10;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_poison_it"));
    }

    @Autowired MongoTemplate mongo;

    /** The five kinds of poison, and the reason each must be dead-lettered with. */
    enum Kind {
        NOT_JSON("DeserializationException: failed to deserialize", "CloudEventRWException: "),
        JSON_NOT_A_CLOUD_EVENT(
                "DeserializationException: failed to deserialize", "CloudEventRWException: "),
        NOT_A_STRUCTURED_CLOUD_EVENT(
                "DeserializationException: failed to deserialize", "CloudEventRWException: "),
        UNMAPPABLE_PAYLOAD(
                "PoisonEventException: Payload of event",
                "PoisonEventException: Payload of event %s (cluster.membership.member.applied.v1)"
                        + " is not a readable MemberApplied: Cannot deserialize value of type"
                        + " `java.lang.String` from Object value"),
        INVALID_PAYLOAD(
                "PoisonEventException: Event",
                "PoisonEventException: Event %s (cluster.membership.member.");

        /** {@code kafka_dlt-exception-fqcn: kafka_dlt-exception-message} contains it. */
        final String exception;

        /** The {@code dlt-reason} header starts with it (%s: the event id). */
        final String reason;

        Kind(String exception, String reason) {
            this.exception = exception;
            this.reason = reason;
        }
    }

    record Sent(
            Kind kind, ProducerRecord<String, byte[]> record, Future<RecordMetadata> metadata) {}

    @Test
    void poisonGoesToTheDeadLetterTopicWithItsReasonAndEveryGoodEventTakesEffectOnce()
            throws Exception {
        int poisonCount = Integer.getInteger("poison.records", 2_000);
        int members = Math.max(1, poisonCount / POISON_PER_MEMBER);
        poisonCount = members * POISON_PER_MEMBER;
        String bootstrap = EmbeddedInfra.shared().bootstrapServers();

        // the group must be reading before we measure, and the dead-letter topic's current end is
        // where ours begin
        await().atMost(Duration.ofSeconds(60)).until(() -> assigned(bootstrap));
        Map<TopicPartition, Long> dltStart = endOffsets(bootstrap, DLT);

        List<String> memberIds = new ArrayList<>();
        Map<String, String[]> eventIds = new HashMap<>();
        List<Sent> poison = new ArrayList<>();
        List<Future<RecordMetadata>> good = new ArrayList<>();
        long started = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ProducerConfig.LINGER_MS_CONFIG,
                                5,
                                ProducerConfig.ACKS_CONFIG,
                                "all"),
                        new StringSerializer(),
                        new ByteArraySerializer())) {
            int k = 0;
            for (int m = 0; m < members; m++) {
                String memberId = UUID.randomUUID().toString();
                String applied = UUID.randomUUID().toString();
                String admitted = UUID.randomUUID().toString();
                memberIds.add(memberId);
                eventIds.put(memberId, new String[] {applied, admitted});
                good.add(
                        producer.send(
                                cloudEvent(
                                        memberId,
                                        applied,
                                        "applied",
                                        """
                                        {"memberId":"%s","legalName":"Good %d","country":"FR","appliedAt":"%s"}\
                                        """
                                                .formatted(memberId, m, Instant.now()))));
                for (int i = 0; i < POISON_PER_MEMBER; i++) {
                    if (i == POISON_PER_MEMBER / 2) {
                        good.add(
                                producer.send(
                                        cloudEvent(
                                                memberId,
                                                admitted,
                                                "admitted",
                                                """
                                                {"memberId":"%s","status":"ACTIVE","reason":"complete file","admittedAt":"%s",
                                                 "profile":{"legalName":"Good %d","country":"FR"}}\
                                                """
                                                        .formatted(memberId, Instant.now(), m))));
                    }
                    Kind kind = Kind.values()[k++ % Kind.values().length];
                    String key = i % 2 == 0 ? memberId : UUID.randomUUID().toString();
                    ProducerRecord<String, byte[]> record = poison(kind, key, k);
                    poison.add(new Sent(kind, record, producer.send(record)));
                }
            }
            producer.flush();
        }
        // where each record landed: the dead letters must name exactly these
        Map<String, Sent> poisonAt = new HashMap<>();
        for (Sent sent : poison) {
            RecordMetadata at = sent.metadata().get();
            poisonAt.put(at.partition() + "@" + at.offset(), sent);
        }
        java.util.Set<String> goodAt = new java.util.HashSet<>();
        for (Future<RecordMetadata> sent : good) {
            RecordMetadata at = sent.get();
            goodAt.add(at.partition() + "@" + at.offset());
        }
        Map<TopicPartition, Long> end = endOffsets(bootstrap, TOPIC);
        double publishSeconds = (System.nanoTime() - started) / 1e9;

        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> lag(bootstrap, end) == 0);
        double drainedSeconds = (System.nanoTime() - started) / 1e9;

        // every good event's effect, once: both events applied, each once, in order
        List<Document> accounts =
                mongo.find(
                        Query.query(Criteria.where("_id").in(memberIds)),
                        Document.class,
                        MemberAccountStore.COLLECTION);
        assertThat(accounts).hasSize(members);
        assertThat(accounts)
                .allSatisfy(
                        account -> {
                            String[] ids = eventIds.get(account.getString("_id"));
                            assertThat(account.getString("status")).isEqualTo("ACTIVE");
                            assertThat(account.getInteger("eventsApplied")).isEqualTo(2);
                            assertThat(account.getList("appliedEventIds", String.class))
                                    .containsExactly(ids[0], ids[1]);
                        });
        assertThat(
                        mongo.findOne(
                                Query.query(Criteria.where("_id").is(null)),
                                Document.class,
                                MemberAccountStore.COLLECTION))
                .as("no account opened for an event without a member id")
                .isNull();

        // the dead letters: exactly the poison records, each once, with its reason and origin
        Map<TopicPartition, Long> dltEnd = endOffsets(bootstrap, DLT);
        List<ConsumerRecord<String, byte[]>> letters = read(bootstrap, dltStart, dltEnd);
        Map<String, ConsumerRecord<String, byte[]>> byOrigin = new LinkedHashMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        long bytes = 0;
        for (ConsumerRecord<String, byte[]> letter : letters) {
            if (!TOPIC.equals(text(letter, "kafka_dlt-original-topic"))) {
                continue;
            }
            bytes += letter.serializedKeySize() + Math.max(0, letter.serializedValueSize());
            for (Header header : letter.headers()) {
                bytes +=
                        header.key().length()
                                + (header.value() == null ? 0 : header.value().length);
            }
            String origin =
                    ByteBuffer.wrap(
                                            letter.headers()
                                                    .lastHeader("kafka_dlt-original-partition")
                                                    .value())
                                    .getInt()
                            + "@"
                            + ByteBuffer.wrap(
                                            letter.headers()
                                                    .lastHeader("kafka_dlt-original-offset")
                                                    .value())
                                    .getLong();
            if (!poisonAt.containsKey(origin) && !goodAt.contains(origin)) {
                continue; // another test's
            }
            assertThat(goodAt)
                    .as(
                            "a good event was dead-lettered: %s %s",
                            origin, text(letter, "kafka_dlt-exception-message"))
                    .doesNotContain(origin);
            assertThat(byOrigin.put(origin, letter)).as("dead-lettered twice: %s", origin).isNull();
            Sent sent = poisonAt.get(origin);
            Kind kind = sent.kind();
            assertThat(letter.value())
                    .as("the original bytes of %s", origin)
                    .isEqualTo(sent.record().value());
            assertThat(letter.key()).isEqualTo(sent.record().key());
            for (Header original : sent.record().headers()) {
                assertThat(letter.headers().lastHeader(original.key()))
                        .as("header %s of %s", original.key(), origin)
                        .isNotNull()
                        .extracting(Header::value)
                        .isEqualTo(original.value());
            }
            assertThat(
                            text(letter, "kafka_dlt-exception-fqcn")
                                    + ": "
                                    + text(letter, "kafka_dlt-exception-message"))
                    .as("%s at %s", kind, origin)
                    .contains(kind.exception);
            String reason = text(letter, "dlt-reason");
            Header id = sent.record().headers().lastHeader("ce_id");
            assertThat(reason)
                    .as("%s at %s", kind, origin)
                    .startsWith(
                            kind.reason.formatted(
                                    id == null
                                            ? ""
                                            : new String(id.value(), StandardCharsets.UTF_8)));
            assertThat(text(letter, "kafka_dlt-original-consumer-group")).isEqualTo(GROUP);
            String shown =
                    reason.replaceAll("[0-9a-f]{8}-[0-9a-f-]{27}", "<id>").replaceAll("\\s+", " ");
            reasons.merge(
                    kind + " -> " + shown.substring(0, Math.min(160, shown.length())),
                    1,
                    Integer::sum);
        }
        assertThat(byOrigin.keySet())
                .as("every poison record dead-lettered, nothing else")
                .containsExactlyInAnyOrderElementsOf(poisonAt.keySet());
        System.out.printf(
                "PoisonRecordsIT: %d poison + %d good records published in %.1f s; group %s at lag"
                        + " 0 after %.1f s (%.0f records/s); %d dead letters on %s (%.1f KB each,"
                        + " headers included):%n%s%n",
                poisonCount,
                good.size(),
                publishSeconds,
                GROUP,
                drainedSeconds,
                (poisonCount + good.size()) / drainedSeconds,
                byOrigin.size(),
                DLT,
                bytes / 1024.0 / Math.max(1, byOrigin.size()),
                reasons.entrySet().stream()
                        .map(e -> "  " + e.getValue() + "  " + e.getKey())
                        .collect(Collectors.joining("\n")));
        assertThat(byOrigin).hasSize(poisonCount);

        // what an operator sees: ./platform dlt list, and what a replay of one reason would put
        // back
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long listing = System.nanoTime();
        assertThat(
                        DeadLetterTool.run(
                                new String[] {"list", DLT, "--bootstrap", bootstrap},
                                new PrintStream(out, true, StandardCharsets.UTF_8),
                                System.err))
                .isZero();
        double listSeconds = (System.nanoTime() - listing) / 1e9;
        try (DeadLetters deadLetters = new DeadLetters(bootstrap)) {
            DeadLetters.Replay dryRun = deadLetters.replay(DLT, "no memberId", -1, true);
            assertThat(dryRun.replayed())
                    .isGreaterThanOrEqualTo(poisonCount / Kind.values().length);
            System.out.printf(
                    "./platform dlt list %s (%.1f s):%n%s--reason 'no memberId' --dry-run: would"
                            + " replay %d%n",
                    DLT, listSeconds, out.toString(StandardCharsets.UTF_8), dryRun.replayed());
        }
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("from " + TOPIC + ", group " + GROUP);
    }

    private static ProducerRecord<String, byte[]> poison(Kind kind, String key, int n) {
        return switch (kind) {
            case NOT_JSON -> {
                byte[] bytes = new byte[16 + n % 32];
                ThreadLocalRandom.current().nextBytes(bytes);
                bytes[0] = (byte) 0xFF; // never valid UTF-8, never JSON
                yield new ProducerRecord<>(TOPIC, n % 4 == 0 ? null : key, bytes);
            }
            case JSON_NOT_A_CLOUD_EVENT ->
                    withHeaders(
                            new ProducerRecord<>(
                                    TOPIC,
                                    key,
                                    ("{\"memberId\":\"" + key + "\",\"legalName\":\"no envelope\"}")
                                            .getBytes(StandardCharsets.UTF_8)),
                            Map.of("content-type", "application/json"));
            case NOT_A_STRUCTURED_CLOUD_EVENT ->
                    withHeaders(
                            new ProducerRecord<>(
                                    TOPIC,
                                    key,
                                    ("{\"id\":\""
                                                    + n
                                                    + "\",\"type\":\"cluster.membership.member.applied.v1\",\"data\":{}}")
                                            .getBytes(StandardCharsets.UTF_8)),
                            Map.of("content-type", "application/cloudevents+json"));
            case UNMAPPABLE_PAYLOAD ->
                    cloudEvent(
                            key,
                            UUID.randomUUID().toString(),
                            "applied",
                            "{\"memberId\":{\"oops\":" + n + "},\"legalName\":\"unmappable\"}");
            case INVALID_PAYLOAD ->
                    n % 2 == 0
                            ? cloudEvent(
                                    key,
                                    UUID.randomUUID().toString(),
                                    "applied",
                                    "{\"legalName\":\"nobody\",\"country\":\"FR\"}")
                            : cloudEvent(
                                    key,
                                    UUID.randomUUID().toString(),
                                    "admitted",
                                    "{\"reason\":\"no member\"}");
        };
    }

    private static ProducerRecord<String, byte[]> cloudEvent(
            String key, String id, String type, String json) {
        return withHeaders(
                new ProducerRecord<>(TOPIC, key, json.getBytes(StandardCharsets.UTF_8)),
                Map.of(
                        "ce_specversion",
                        "1.0",
                        "ce_id",
                        id,
                        "ce_type",
                        "cluster.membership.member." + type + ".v1",
                        "ce_source",
                        "/membership-service",
                        "ce_subject",
                        "members/" + key,
                        "ce_time",
                        Instant.now().toString(),
                        "content-type",
                        "application/json"));
    }

    private static ProducerRecord<String, byte[]> withHeaders(
            ProducerRecord<String, byte[]> record, Map<String, String> headers) {
        headers.forEach(
                (name, value) ->
                        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        return record;
    }

    private static String text(ConsumerRecord<?, ?> record, String header) {
        Header h = record.headers().lastHeader(header);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    /** Whether the group is stable and its members were assigned every partition of the topic. */
    private static boolean assigned(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            var group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            long partitions =
                    group.members().stream()
                            .flatMap(member -> member.assignment().topicPartitions().stream())
                            .filter(p -> p.topic().equals(TOPIC))
                            .count();
            return partitions
                    == admin.describeTopics(List.of(TOPIC))
                            .allTopicNames()
                            .get()
                            .get(TOPIC)
                            .partitions()
                            .size();
        }
    }

    /**
     * What the group has still to read up to {@code end}: per partition, the end less the committed
     * offset (the log's start where the group committed nothing yet, as {@code
     * auto.offset.reset=earliest} reads).
     */
    private static long lag(String bootstrap, Map<TopicPartition, Long> end) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(
                                    Map.of(GROUP, new ListConsumerGroupOffsetsSpec()))
                            .partitionsToOffsetAndMetadata(GROUP)
                            .get();
            Map<TopicPartition, OffsetSpec> earliest =
                    end.keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> OffsetSpec.earliest()));
            var start = admin.listOffsets(earliest).all().get();
            long lag = 0;
            for (var partition : end.entrySet()) {
                OffsetAndMetadata offset = committed.get(partition.getKey());
                long read =
                        offset != null ? offset.offset() : start.get(partition.getKey()).offset();
                lag += Math.max(0, partition.getValue() - read);
            }
            return lag;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String bootstrap, String topic)
            throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetSpec> latest =
                    admin
                            .describeTopics(List.of(topic))
                            .allTopicNames()
                            .get()
                            .get(topic)
                            .partitions()
                            .stream()
                            .collect(
                                    Collectors.toMap(
                                            p -> new TopicPartition(topic, p.partition()),
                                            p -> OffsetSpec.latest()));
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get()
                    .forEach((partition, info) -> end.put(partition, info.offset()));
            return end;
        }
    }

    private static List<ConsumerRecord<String, byte[]>> read(
            String bootstrap, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (var consumer =
                new KafkaConsumer<>(
                        Map.<String, Object>of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false,
                                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                                2_000),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(to.keySet());
            from.forEach(consumer::seek);
            to.keySet().stream()
                    .filter(p -> !from.containsKey(p))
                    .forEach(p -> consumer.seek(p, 0));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (to.entrySet().stream()
                    .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                assertThat(System.nanoTime()).as("reading %s", to.keySet()).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset()
                            < to.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }
}
