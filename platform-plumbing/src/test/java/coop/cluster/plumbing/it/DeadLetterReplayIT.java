package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.tools.DeadLetterTool;
import coop.cluster.infra.tools.DeadLetters;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * {@code ./platform dlt}: a consumer dead-letters the events it cannot read yet; once it is fixed,
 * a replay puts them back on their topic, each is consumed once, and a second replay does nothing.
 * A replay stopped after the broker acknowledged it and before it was remembered (a crash) replays
 * again, and the consumer applies the event once.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = RepairsApp.class, properties = "spring.application.name=replay-it")
class DeadLetterReplayIT {

    static final String DLT = "replay-it.repairs.dlt";
    static final String UNSUPPORTED = "unsupported repair format";

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("dead_letter_replay_it"));
    }

    @Autowired MongoTemplate mongo;

    @Test
    void aDeadLetterReplayedOnceTheConsumerIsFixedIsConsumedOnceAndASecondReplayDoesNothing()
            throws Exception {
        RepairsApp.FIXED.set(false);
        String bootstrap = EmbeddedInfra.shared().bootstrapServers();
        String run = UUID.randomUUID().toString();
        String good1;
        String bad1;
        String bad2;
        String good2;
        byte[] garbage = ("not an event " + run).getBytes(StandardCharsets.UTF_8);
        try (RawEvents events = new RawEvents(bootstrap)) {
            good1 =
                    events.cloudEvent(
                            RepairsApp.TOPIC,
                            "a-" + run,
                            RepairsApp.TYPE,
                            "{\"text\":\"v1: first\"}");
            bad1 =
                    events.cloudEvent(
                            RepairsApp.TOPIC,
                            "b-" + run,
                            RepairsApp.TYPE,
                            "{\"text\":\"v2: second\"}");
            events.garbage(RepairsApp.TOPIC, "c-" + run, garbage);
            bad2 =
                    events.cloudEvent(
                            RepairsApp.TOPIC,
                            "d-" + run,
                            RepairsApp.TYPE,
                            "{\"text\":\"v2: third\"}");
            good2 =
                    events.cloudEvent(
                            RepairsApp.TOPIC,
                            "e-" + run,
                            RepairsApp.TYPE,
                            "{\"text\":\"v1: fifth\"}");
            events.flush();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stored(good1) == 1 && stored(good2) == 1);

        try (DeadLetters deadLetters = new DeadLetters(bootstrap)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters.list(DLT).total() == 3);
            DeadLetters.Listing before = deadLetters.list(DLT);
            assertThat(before.waiting()).isEqualTo(3);
            assertThat(before.replayed()).isZero();
            assertThat(before.origins())
                    .containsEntry(RepairsApp.TOPIC + ", group replay-it.repairs", 3L);
            assertThat(before.reasons())
                    .extracting(DeadLetters.ReasonCount::reason, DeadLetters.ReasonCount::waiting)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(
                                    "PoisonEventException: Event <id> ("
                                            + RepairsApp.TYPE
                                            + "): "
                                            + UNSUPPORTED
                                            + " 'v2'",
                                    2L),
                            org.assertj.core.groups.Tuple.tuple(
                                    "CloudEventRWException: Could not parse. Unknown "
                                            + "encoding. Invalid content type or spec version",
                                    1L));
            assertThat(stored(bad1) + stored(bad2)).isZero();
            assertThat(RepairsApp.DELIVERIES).containsEntry(bad1, 1).containsEntry(bad2, 1);

            // a dry run and a limit of 0 replay nothing
            assertThat(deadLetters.replay(DLT, UNSUPPORTED, -1, true).replayed()).isEqualTo(2);
            assertThat(deadLetters.replay(DLT, UNSUPPORTED, 0, false).replayed()).isZero();
            assertThat(deadLetters.list(DLT).waiting()).isEqualTo(3);

            // the fix is deployed; the replay puts the two back, the garbage stays
            RepairsApp.FIXED.set(true);
            DeadLetters.Replay first = deadLetters.replay(DLT, UNSUPPORTED, -1, false);
            assertThat(first.replayed()).isEqualTo(2);
            assertThat(first.notMatching()).isEqualTo(1);
            assertThat(first.targets()).containsEntry(RepairsApp.TOPIC, 2L);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stored(bad1) == 1 && stored(bad2) == 1);

            DeadLetters.Replay second = deadLetters.replay(DLT, UNSUPPORTED, -1, false);
            assertThat(second.replayed()).as("a second replay").isZero();
            assertThat(second.replayedBefore()).isEqualTo(2);
            // events after it on the same keys (so the same partitions) are consumed: so is
            // anything replayed before
            settle(run, "b-", "d-");
            assertThat(stored(bad1)).isEqualTo(1);
            assertThat(stored(bad2)).isEqualTo(1);
            assertThat(RepairsApp.DELIVERIES)
                    .as("the failure, then the replay, once")
                    .containsEntry(bad1, 2)
                    .containsEntry(bad2, 2);

            // the replayed record is the original one: key, value, CloudEvents headers, and where
            // it came from
            try (TopicReader reader = new TopicReader(bootstrap, RepairsApp.TOPIC)) {
                List<ConsumerRecord<String, byte[]>> copies =
                        await().atMost(Duration.ofSeconds(30))
                                .until(
                                        () ->
                                                reader.poll(
                                                        r ->
                                                                bad1.equals(
                                                                        TopicReader.header(
                                                                                r, "ce_id"))),
                                        r -> r.size() == 2);
                assertThat(copies.get(1).key()).isEqualTo(copies.get(0).key());
                assertThat(copies.get(1).value()).isEqualTo(copies.get(0).value());
                for (String header :
                        List.of(
                                "ce_specversion",
                                "ce_type",
                                "ce_source",
                                "ce_subject",
                                "ce_time",
                                "content-type")) {
                    assertThat(TopicReader.header(copies.get(1), header))
                            .as(header)
                            .isEqualTo(TopicReader.header(copies.get(0), header));
                }
                assertThat(TopicReader.header(copies.get(1), DeadLetters.REPLAYED_FROM_HEADER))
                        .startsWith(DLT + "/0@");
                assertThat(copies.get(1).headers().toArray())
                        .noneMatch(
                                h ->
                                        h.key().startsWith("kafka_dlt-")
                                                || h.key().equals(DeadLetters.REASON_HEADER));
            }

            // the command line
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(
                            DeadLetterTool.run(
                                    new String[] {"list", DLT, "--bootstrap", bootstrap},
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    System.err))
                    .isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains(DLT + ": 3 dead letter(s), 1 waiting, 2 replayed")
                    .containsPattern("\\s+0\\s+2\\s+PoisonEventException: Event <id>")
                    .containsPattern("\\s+1\\s+0\\s+CloudEventRWException");
            out.reset();
            assertThat(
                            DeadLetterTool.run(
                                    new String[] {
                                        "replay",
                                        DLT,
                                        "--reason",
                                        UNSUPPORTED,
                                        "--bootstrap",
                                        bootstrap
                                    },
                                    new PrintStream(out, true, StandardCharsets.UTF_8),
                                    System.err))
                    .isZero();
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("replayed 0 dead letter(s)")
                    .contains("replayed before 2");

            // a crash after the broker acknowledged a replay and before it was remembered:
            // at-least-once, applied once
            RepairsApp.FIXED.set(false);
            String bad3;
            try (RawEvents events = new RawEvents(bootstrap)) {
                bad3 =
                        events.cloudEvent(
                                RepairsApp.TOPIC,
                                "f-" + run,
                                RepairsApp.TYPE,
                                "{\"text\":\"v2: sixth\"}");
                events.flush();
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> deadLetters.list(DLT).waiting() == 2);
            RepairsApp.FIXED.set(true);
            assertThatThrownBy(
                            () ->
                                    deadLetters.replay(
                                            DLT,
                                            UNSUPPORTED,
                                            -1,
                                            false,
                                            () -> {
                                                throw new IllegalStateException(
                                                        "crashed between the acknowledgement and"
                                                                + " the mark");
                                            }))
                    .hasMessageContaining("crashed");
            await().atMost(Duration.ofSeconds(30)).until(() -> stored(bad3) == 1);
            DeadLetters.Replay again = deadLetters.replay(DLT, UNSUPPORTED, -1, false);
            assertThat(again.replayed()).as("not remembered: replayed again").isEqualTo(1);
            settle(run, "f-");
            assertThat(RepairsApp.DELIVERIES)
                    .as("the failure and two replays")
                    .containsEntry(bad3, 3);
            assertThat(stored(bad3)).as("applied once").isEqualTo(1);
            assertThat(deadLetters.replay(DLT, UNSUPPORTED, -1, false).replayed()).isZero();
            assertThat(deadLetters.list(DLT).waiting())
                    .as("the garbage, never replayed")
                    .isEqualTo(1);
        }
    }

    /** Publishes one good event under each key and waits until they are stored. */
    private void settle(String run, String... keyPrefixes) {
        List<String> ids;
        try (RawEvents events = new RawEvents(EmbeddedInfra.shared().bootstrapServers())) {
            ids =
                    java.util.Arrays.stream(keyPrefixes)
                            .map(
                                    prefix ->
                                            events.cloudEvent(
                                                    RepairsApp.TOPIC,
                                                    prefix + run,
                                                    RepairsApp.TYPE,
                                                    "{\"text\":\"v1: settle\"}"))
                            .toList();
            events.flush();
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ids.stream().allMatch(id -> stored(id) == 1));
    }

    private long stored(String eventId) {
        return mongo.count(
                Query.query(Criteria.where("eventId").is(eventId)),
                Document.class,
                RepairsApp.COLLECTION);
    }
}
