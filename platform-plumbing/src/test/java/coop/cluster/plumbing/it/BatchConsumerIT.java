package coop.cluster.plumbing.it;

import static coop.cluster.plumbing.it.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
 * A batch route on the real broker and store: a poll's events are handed over together, each stored
 * once (a redelivered one too), and each kind of poison among them still goes to the dead-letter
 * topic alone, with its reason, while the good ones around it are stored.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = BatchNotesApp.class,
        properties = {
            "spring.application.name=plumbing-batch-it",
            "cluster.consumers.max-retries=2",
            "cluster.consumers.initial-backoff=50ms"
        })
class BatchConsumerIT {

    static final int NOTES = 120;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("batch_consumer_it"));
    }

    @Autowired MongoTemplate mongo;

    @Test
    void storesAPollsEventsTogetherAndDeadLettersEachPoisonAlone() {
        String run = UUID.randomUUID().toString();
        byte[] garbage = ("not a cloud event " + run).getBytes(StandardCharsets.UTF_8);
        List<String> texts = new ArrayList<>();
        try (RawEvents events = new RawEvents(EmbeddedInfra.shared().bootstrapServers())) {
            String redelivered = null;
            for (int i = 0; i < NOTES; i++) {
                String text = "note " + i + " " + run;
                texts.add(text);
                String id =
                        events.cloudEvent(
                                BatchNotesApp.TOPIC,
                                run,
                                BatchNotesApp.TYPE,
                                "{\"text\":\"" + text + "\"}");
                if (i == 10) {
                    redelivered = id;
                }
                if (i == 20) {
                    events.garbage(BatchNotesApp.TOPIC, run, garbage);
                } else if (i == 40) {
                    events.cloudEvent(
                            BatchNotesApp.TOPIC, run, BatchNotesApp.TYPE, "{\"text\": not json");
                } else if (i == 60) {
                    events.cloudEvent(
                            BatchNotesApp.TOPIC, run, BatchNotesApp.TYPE, "{\"text\":\"explode\"}");
                } else if (i == 80) {
                    events.cloudEvent(
                            redelivered,
                            BatchNotesApp.TOPIC,
                            run,
                            BatchNotesApp.TYPE,
                            "{\"text\":\"note 10 " + run + "\"}");
                }
            }
            events.flush();
        }

        Query ofRun = Query.query(Criteria.where("text").regex(run + "$"));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo
                                                        .find(ofRun, Document.class, "batch_notes")
                                                        .stream()
                                                        .map(d -> d.getString("text")))
                                        .containsExactlyInAnyOrderElementsOf(texts));
        assertThat(BatchNotesApp.BATCHES)
                .as("batches handed over")
                .anySatisfy(size -> assertThat(size).isGreaterThan(1));

        try (TopicReader reader =
                new TopicReader(
                        EmbeddedInfra.shared().bootstrapServers(),
                        "plumbing-batch-it.batch-notes.dlt")) {
            List<ConsumerRecord<String, byte[]>> deadLetters =
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> reader.poll(r -> run.equals(r.key())), r -> r.size() >= 3);

            assertThat(deadLetters).hasSize(3);
            assertThat(deadLetters)
                    .allSatisfy(
                            letter ->
                                    assertThat(header(letter, "kafka_dlt-original-consumer-group"))
                                            .isEqualTo("plumbing-batch-it.batch-notes"));
            assertThat(header(deadLetters.get(0), "dlt-reason"))
                    .isEqualTo(
                            "CloudEventRWException: Could not parse. "
                                    + "Unknown encoding. Invalid content type or spec version");
            assertThat(deadLetters.get(0).value()).isEqualTo(garbage);
            assertThat(header(deadLetters.get(1), "dlt-reason"))
                    .startsWith("PoisonEventException: Payload of event ")
                    .contains("is not a readable NoteWritten");
            assertThat(header(deadLetters.get(1), "kafka_dlt-exception-fqcn"))
                    .isEqualTo("coop.cluster.plumbing.consumer.PoisonEventException");
            assertThat(header(deadLetters.get(2), "dlt-reason"))
                    .isEqualTo("IllegalStateException: this note always fails");
            assertThat(header(deadLetters.get(2), "kafka_dlt-exception-fqcn"))
                    .isEqualTo(IllegalStateException.class.getName());
        }
    }
}
