package coop.cluster.benchmarks;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * notification-service's throughput: N {@code cluster.project.invitation.sent.v1} events are
 * published on {@code project.invitations} for one organisation (Atlas Agritech by default, whose
 * people get an e-mail each), as project-service's relay would; the benchmark then waits until
 * every e-mail is handed to SMTP, read from the service's own {@code email_deliveries} (each
 * delivery's {@code sentAt} is set once the SMTP server took the message). In the same run, a plain
 * Kafka consumer reads the very same N records from the same topic: the raw consume rate the
 * service is compared with.
 *
 * <p>Figures: e-mails handed to SMTP per second (from the first event published to the last e-mail
 * sent), events notified per second, the delay from an event's publication to its e-mail's
 * hand-over (p50, p99, max), and the raw consumer's records per second. The events are real data
 * for the running platform: Atlas's people find N invitations "Benchmark …" in their inbox and
 * mailbox (past expiry, so no calendar or reminder keeps them).
 */
public final class NotificationBenchmark {

    private static final String TOPIC = "project.invitations";
    private static final String TYPE = "cluster.project.invitation.sent.v1";

    private NotificationBenchmark() {}

    public static void main(String[] args) throws Exception {
        PathBench.alone(BenchOptions.parse(args), NotificationBenchmark::run);
    }

    /**
     * Publishes the events in the measured phase, which ends when every e-mail of them is handed to
     * SMTP.
     */
    static PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception {
        int events = Integer.parseInt(options.getOrDefault("events", "10000"));
        String bootstrap = options.getOrDefault("kafka", "127.0.0.1:9092");
        String mongoUri = options.getOrDefault("mongo", "mongodb://127.0.0.1:27017");
        String database = options.getOrDefault("database", "notification");
        String member = options.getOrDefault("member", "11111111-1111-4111-8111-111111111111");
        int recipients = Integer.parseInt(options.getOrDefault("recipients", "0"));
        int timeoutSeconds = Integer.parseInt(options.getOrDefault("timeout", "600"));
        String run = UUID.randomUUID().toString().substring(0, 8);
        System.out.printf(
                "Notification benchmark: %d %s events on %s for member %s (run %s); %d cores"
                        + " here%n",
                events, TYPE, TOPIC, member, run, Runtime.getRuntime().availableProcessors());

        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            MongoCollection<Document> deliveries =
                    mongo.getDatabase(database).getCollection("email_deliveries");
            if (recipients <= 0) {
                recipients =
                        recipientsOf(mongo.getDatabase(database).getCollection("people"), member);
            }
            System.out.printf(
                    "%d people of that organisation have an e-mail address in the service's view%n",
                    recipients);

            // publish, as the relay does: CloudEvents in binary mode, keyed by the invitation,
            // acks=all, idempotent
            Map<String, Long> publishedAt = new HashMap<>();
            Map<TopicPartition, long[]> offsets = new HashMap<>();
            phase.begin();
            long start = System.nanoTime();
            Instant startedAt = Instant.now();
            try (KafkaProducer<String, CloudEvent> producer =
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
                            new CloudEventSerializer())) {
                List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    String eventId = UUID.randomUUID().toString();
                    String invitation = UUID.randomUUID().toString();
                    Instant now = Instant.now();
                    publishedAt.put(eventId, now.toEpochMilli());
                    sent.add(
                            producer.send(
                                    new ProducerRecord<>(
                                            TOPIC,
                                            invitation,
                                            event(eventId, invitation, member, run, i, now))));
                }
                producer.flush();
                for (var future : sent) {
                    RecordMetadata metadata = future.get();
                    TopicPartition partition =
                            new TopicPartition(metadata.topic(), metadata.partition());
                    offsets.merge(
                            partition,
                            new long[] {metadata.offset(), metadata.offset()},
                            (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "published %d events in %.1f s (%.0f/s)%n",
                    events, publishSeconds, events / publishSeconds);

            // wait until every e-mail of these events is handed to SMTP
            long expected = (long) events * recipients;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            long done = 0;
            var ofRun =
                    Filters.and(
                            Filters.in("eventId", publishedAt.keySet()),
                            Filters.eq("state", "SENT"));
            while (System.nanoTime() < deadline) {
                done = deliveries.countDocuments(ofRun);
                if (done >= expected) {
                    break;
                }
                Thread.sleep(500);
            }
            phase.end();
            Histogram delays = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
            Histogram consumed = new Histogram(TimeUnit.HOURS.toMillis(1), 3);
            Instant last = startedAt;
            for (Document d :
                    deliveries
                            .find(ofRun)
                            .projection(Projections.include("eventId", "sentAt", "createdAt"))) {
                Instant sentAt = d.getDate("sentAt").toInstant();
                long published = publishedAt.get(d.getString("eventId"));
                delays.recordValue(Math.max(0, sentAt.toEpochMilli() - published));
                consumed.recordValue(Math.max(0, d.getDate("createdAt").getTime() - published));
                if (sentAt.isAfter(last)) {
                    last = sentAt;
                }
            }
            double seconds = Math.max(0.001, Duration.between(startedAt, last).toMillis() / 1000.0);
            System.out.printf(
                    "e-mails handed to SMTP: %d of %d in %.1f s: %.1f e-mails/s, %.1f events/s%n",
                    delays.getTotalCount(),
                    expected,
                    seconds,
                    delays.getTotalCount() / seconds,
                    delays.getTotalCount() / (double) Math.max(1, recipients) / seconds);
            System.out.printf(
                    "delay publication -> SMTP: p50 %d ms, p99 %d ms, max %d ms%n",
                    delays.getValueAtPercentile(50),
                    delays.getValueAtPercentile(99),
                    delays.getMaxValue());
            System.out.printf(
                    "  of which publication -> delivery stored by the consumer: p50 %d ms, p99 %d"
                            + " ms, max %d ms%n",
                    consumed.getValueAtPercentile(50),
                    consumed.getValueAtPercentile(99),
                    consumed.getMaxValue());

            double raw = rawConsume(bootstrap, offsets, events);
            System.out.printf(
                    "raw consumer, the same %d records of %s: %.0f records/s%n",
                    events, TOPIC, raw);
            System.out.printf(
                    "notified events/s / raw records/s: %.2f%%%n",
                    100
                            * delays.getTotalCount()
                            / (double) Math.max(1, recipients)
                            / seconds
                            / raw);
            boolean complete = delays.getTotalCount() >= expected;
            if (!complete) {
                System.out.printf(
                        "NOT COMPLETE: %d e-mails missing after %d s (still pending or failed: see "
                                + "email_deliveries and notification-service's log)%n",
                        expected - delays.getTotalCount(), timeoutSeconds);
            }
            Histogram latency = new Histogram(TimeUnit.HOURS.toNanos(1), 3);
            delays.recordedValues()
                    .forEach(
                            v ->
                                    latency.recordValueWithCount(
                                            Math.min(
                                                    TimeUnit.HOURS.toNanos(1),
                                                    TimeUnit.MILLISECONDS.toNanos(
                                                            v.getValueIteratedTo())),
                                            v.getCountAtValueIteratedTo()));
            return new PathRun(
                    "notifications (e-mails of invitation.sent)",
                    "notification-service",
                    events,
                    seconds,
                    latency,
                    1,
                    complete,
                    database,
                    "email_deliveries",
                    Filters.in("eventId", publishedAt.keySet()),
                    100,
                    List.of(TOPIC));
        }
    }

    private static int recipientsOf(MongoCollection<Document> people, String member) {
        int count = 0;
        for (Document person : people.find(Filters.eq("memberId", member))) {
            String email = person.getString("email");
            if (email != null && !email.isBlank()) {
                count++;
            }
        }
        if (count == 0) {
            throw new IllegalStateException(
                    "nobody of member "
                            + member
                            + " is known to notification-service with an e-mail (collection"
                            + " people); is the platform running with its demo people?");
        }
        return count;
    }

    private static CloudEvent event(
            String id, String invitation, String member, String run, int i, Instant now) {
        String data =
                """
                {"invitationId":"%s","projectId":"%s","projectTitle":"Benchmark %s #%d","memberId":"%s",
                 "invitedBy":"22222222-2222-4222-8222-222222222222","role":"benchmark","message":null,
                 "expiresAt":"%s","invitedAt":"%s"}\
                """
                        .formatted(
                                invitation,
                                UUID.randomUUID(),
                                run,
                                i,
                                member,
                                now.minus(Duration.ofDays(1)),
                                now);
        return CloudEventBuilder.v1()
                .withId(id)
                .withType(TYPE)
                .withSource(URI.create("/benchmarks/notifications"))
                .withSubject("invitations/" + invitation)
                .withTime(OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withData(data.getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Records per second of a plain consumer reading exactly these offsets of the topic. */
    private static double rawConsume(
            String bootstrap, Map<TopicPartition, long[]> offsets, int events) {
        try (KafkaConsumer<String, byte[]> consumer =
                new KafkaConsumer<>(
                        Map.of(
                                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrap,
                                ConsumerConfig.GROUP_ID_CONFIG,
                                "bench-raw-" + UUID.randomUUID(),
                                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                                false),
                        new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            consumer.assign(offsets.keySet());
            offsets.forEach((partition, range) -> consumer.seek(partition, range[0]));
            long read = 0;
            long start = System.nanoTime();
            long deadline = start + TimeUnit.MINUTES.toNanos(2);
            while (read < events && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record :
                        consumer.poll(Duration.ofMillis(200))) {
                    long[] range =
                            offsets.get(new TopicPartition(record.topic(), record.partition()));
                    if (record.offset() <= range[1]) {
                        read++;
                    }
                }
            }
            return read / ((System.nanoTime() - start) / 1e9);
        }
    }
}
