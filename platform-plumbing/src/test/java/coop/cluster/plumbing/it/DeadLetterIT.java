package coop.cluster.plumbing.it;

import static coop.cluster.plumbing.it.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import io.micrometer.core.instrument.MeterRegistry;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Poison messages land in the dead-letter topic with their reason, and the consumer keeps going.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = NotesApp.class,
        properties = {
            "spring.application.name=plumbing-it",
            "cluster.consumers.max-retries=2",
            "cluster.consumers.initial-backoff=50ms"
        })
class DeadLetterIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("dead_letter_it"));
    }

    @Autowired MongoTemplate mongo;

    @Autowired MeterRegistry meters;

    @Test
    void sendsEachKindOfPoisonToTheDeadLetterTopicAndConsumesWhatFollows() {
        String run = UUID.randomUUID().toString();
        byte[] garbage = ("not a cloud event " + run).getBytes(StandardCharsets.UTF_8);
        try (RawEvents events = new RawEvents(EmbeddedInfra.shared().bootstrapServers())) {
            events.cloudEvent(
                    NotesApp.TOPIC, run, NotesApp.TYPE, "{\"text\":\"first " + run + "\"}");
            events.garbage(NotesApp.TOPIC, run, garbage);
            events.cloudEvent(NotesApp.TOPIC, run, NotesApp.TYPE, "{\"text\": not json");
            events.cloudEvent(NotesApp.TOPIC, run, NotesApp.TYPE, "{\"text\":\"explode\"}");
            events.cloudEvent(NotesApp.TOPIC, run, "it.note.unknown.v9", "{\"whatever\":1}");
            events.cloudEvent(
                    NotesApp.TOPIC, run, NotesApp.TYPE, "{\"text\":\"last " + run + "\"}");
            events.flush();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.findAll(Document.class, "notes").stream()
                                                        .map(d -> d.getString("text")))
                                        .contains("first " + run, "last " + run));

        try (TopicReader reader =
                new TopicReader(
                        EmbeddedInfra.shared().bootstrapServers(), "plumbing-it.notes.dlt")) {
            List<ConsumerRecord<String, byte[]>> deadLetters =
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> reader.poll(r -> run.equals(r.key())), r -> r.size() >= 3);

            assertThat(deadLetters).hasSize(3);
            assertThat(deadLetters)
                    .allSatisfy(
                            letter -> {
                                assertThat(header(letter, "kafka_dlt-exception-message"))
                                        .isNotBlank();
                                assertThat(header(letter, "kafka_dlt-original-topic"))
                                        .isEqualTo(NotesApp.TOPIC);
                                assertThat(header(letter, "kafka_dlt-original-consumer-group"))
                                        .isEqualTo("plumbing-it.notes");
                            });
            // the reason in one line: what the deserializer said, the poison's message, the
            // handler's last failure
            assertThat(header(deadLetters.get(0), "dlt-reason"))
                    .isEqualTo(
                            "CloudEventRWException: Could not parse. "
                                    + "Unknown encoding. Invalid content type or spec version");
            assertThat(header(deadLetters.get(1), "dlt-reason"))
                    .startsWith("PoisonEventException: Payload of event ")
                    .contains("is not a readable NoteWritten");
            assertThat(header(deadLetters.get(2), "dlt-reason"))
                    .isEqualTo("IllegalStateException: this note always fails");
            assertThat(header(deadLetters.get(2), "kafka_dlt-exception-fqcn"))
                    .isEqualTo(IllegalStateException.class.getName());
            assertThat(deadLetters.get(0).value())
                    .as("the unreadable record is kept byte for byte")
                    .isEqualTo(garbage);
            assertThat(header(deadLetters.get(0), "kafka_dlt-exception-fqcn"))
                    .endsWith("DeserializationException");
            assertThat(header(deadLetters.get(1), "kafka_dlt-exception-message"))
                    .contains("not a readable");
            assertThat(new String(deadLetters.get(1).value(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"text\": not json");
            assertThat(header(deadLetters.get(1), "ce_type")).isEqualTo(NotesApp.TYPE);
            assertThat(header(deadLetters.get(2), "kafka_dlt-exception-message"))
                    .contains("always fails");
        }
        assertThat(meters.counter("cluster.events.deadlettered", "subscription", "notes").count())
                .isGreaterThanOrEqualTo(3);
    }
}
