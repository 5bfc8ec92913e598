package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import coop.cluster.infra.testing.ChildJvm;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * A consumer is killed with SIGKILL in the middle of a stream and started again: every event takes
 * effect exactly once. The consumer runs in its own JVM ({@link CountingConsumerMain}) so that the
 * kill is a real one: no shutdown hook, no offset commit, records of the interrupted batch
 * delivered again.
 */
@EmbeddedInfraTest
class ConsumerCrashIT {

    private static final int AGGREGATES = 50;
    private static final int EVENTS_PER_AGGREGATE = 200;
    private static final int EVENTS = AGGREGATES * EVENTS_PER_AGGREGATE;
    private static final int REPUBLISHED = 1_000;

    @Test
    void aConsumerKilledMidStreamLosesNothingAndAppliesNothingTwice() {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        String database = "consumer_crash_it";
        List<String> ids = new ArrayList<>();
        try (RawEvents events = new RawEvents(infra.bootstrapServers())) {
            for (int sequence = 0; sequence < EVENTS_PER_AGGREGATE; sequence++) {
                for (int aggregate = 0; aggregate < AGGREGATES; aggregate++) {
                    String id = UUID.randomUUID().toString();
                    ids.add(id);
                    events.cloudEvent(
                            id,
                            CountingConsumerMain.TOPIC,
                            "aggregate-" + aggregate,
                            CountingConsumerMain.TYPE,
                            "{\"sequence\":" + sequence + "}");
                }
            }
            events.flush();
        }

        try (MongoClient client = MongoClients.create(infra.mongoUri(database))) {
            MongoDatabase store = client.getDatabase(database);

            try (ChildJvm first = consumer(infra, database)) {
                await().atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> sum(store, "counters", "applied") >= EVENTS / 5 + 137);
                first.kill();
            }
            long appliedAtKill = sum(store, "counters", "applied");
            assertThat(appliedAtKill).as("killed mid-stream").isLessThan(EVENTS);

            // A relay that crashed between publishing and marking published sends events again: the
            // first
            // REPUBLISHED events go out a second time, with the same ids, whatever the kill left to
            // redeliver.
            try (RawEvents events = new RawEvents(infra.bootstrapServers())) {
                for (int i = 0; i < REPUBLISHED; i++) {
                    events.cloudEvent(
                            ids.get(i),
                            CountingConsumerMain.TOPIC,
                            "aggregate-" + (i % AGGREGATES),
                            CountingConsumerMain.TYPE,
                            "{\"sequence\":" + (i / AGGREGATES) + "}");
                }
                events.flush();
            }

            try (ChildJvm second = consumer(infra, database)) {
                await().atMost(Duration.ofSeconds(120))
                        .until(() -> sum(store, "deliveries", "count") >= EVENTS + REPUBLISHED);
                second.stop();
            }

            List<Document> counters =
                    store.getCollection("counters").find().into(new ArrayList<>());
            assertThat(counters).hasSize(AGGREGATES);
            assertThat(counters)
                    .allSatisfy(
                            counter ->
                                    assertThat(counter.getInteger("applied"))
                                            .as("effects of %s", counter.get("_id"))
                                            .isEqualTo(EVENTS_PER_AGGREGATE));
            long deliveries = sum(store, "deliveries", "count");
            assertThat(deliveries).isGreaterThanOrEqualTo(EVENTS + REPUBLISHED);
            System.out.printf(
                    "ConsumerCrashIT: %d events, killed after %d effects, %d deliveries "
                            + "(%d republished and %d redelivered after the kill, all absorbed)%n",
                    EVENTS,
                    appliedAtKill,
                    deliveries,
                    REPUBLISHED,
                    deliveries - EVENTS - REPUBLISHED);
        }
    }

    private static ChildJvm consumer(EmbeddedInfra infra, String database) {
        return ChildJvm.builder(CountingConsumerMain.class)
                .name("counting-consumer")
                .args(
                        "--spring.application.name=plumbing-crash-it",
                        "--spring.kafka.bootstrap-servers=" + infra.bootstrapServers(),
                        "--spring.mongodb.uri=" + infra.mongoUri(database),
                        "--spring.main.web-application-type=none",
                        "--management.tracing.sampling.probability=0")
                .start();
    }

    private static long sum(MongoDatabase store, String collection, String field) {
        long total = 0;
        for (Document document : store.getCollection(collection).find()) {
            total += document.getInteger(field, 0);
        }
        return total;
    }
}
