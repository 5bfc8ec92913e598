package coop.cluster.plumbing.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoSocketReadException;
import com.mongodb.ServerAddress;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.BatchListenerFailedException;
import tools.jackson.databind.json.JsonMapper;

class BatchEventDispatcherTest {

    record Note(String text) {}

    static final String NOTE = "it.note.written.v1";
    static final String OTHER = "it.note.other.v1";

    final List<List<String>> batches = new ArrayList<>();
    final List<String> singles = new ArrayList<>();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    BatchEventDispatcher dispatcher() {
        EventSubscription subscription =
                EventSubscription.named("notes")
                        .topics("t")
                        .onBatch(
                                NOTE,
                                Note.class,
                                events -> {
                                    List<String> texts =
                                            events.stream().map(e -> e.data().text()).toList();
                                    batches.add(texts);
                                    if (texts.contains("explode")) {
                                        throw new IllegalStateException("this note always fails");
                                    }
                                    if (texts.contains("outage")) {
                                        throw new MongoSocketReadException(
                                                "store gone", new ServerAddress());
                                    }
                                })
                        .on(OTHER, Note.class, e -> singles.add(e.data().text()))
                        .build();
        return new BatchEventDispatcher(
                subscription,
                new EventDispatcher(subscription, JsonMapper.builder().build(), meters),
                meters);
    }

    static ConsumerRecord<String, CloudEvent> record(int offset, String type, String json) {
        CloudEvent event =
                CloudEventBuilder.v1()
                        .withId(UUID.randomUUID().toString())
                        .withType(type)
                        .withSource(URI.create("/tests"))
                        .withData("application/json", json.getBytes(StandardCharsets.UTF_8))
                        .build();
        return new ConsumerRecord<>("t", 0, offset, "k", event);
    }

    static ConsumerRecord<String, CloudEvent> note(int offset, String text) {
        return record(offset, NOTE, "{\"text\":\"" + text + "\"}");
    }

    @Test
    void handsConsecutiveEventsOfABatchTypeOverTogetherAndOthersAloneInOrder() {
        dispatcher()
                .onMessage(
                        List.of(
                                note(0, "a"),
                                note(1, "b"),
                                record(2, OTHER, "{\"text\":\"x\"}"),
                                note(3, "c"),
                                record(4, "it.unknown.v1", "{}"),
                                note(5, "d"),
                                note(6, "e")));

        assertThat(batches).containsExactly(List.of("a", "b"), List.of("c"), List.of("d", "e"));
        assertThat(singles).containsExactly("x");
        assertThat(
                        meters.counter(
                                        "cluster.events.consumed",
                                        "subscription",
                                        "notes",
                                        "type",
                                        NOTE,
                                        "outcome",
                                        "handled")
                                .count())
                .isEqualTo(5);
    }

    @Test
    void aFailedBatchIsHandedOverOneByOneAndTheFailingEventIsNamed() {
        assertThatThrownBy(
                        () ->
                                dispatcher()
                                        .onMessage(
                                                List.of(
                                                        note(0, "a"),
                                                        note(1, "b"),
                                                        note(2, "explode"),
                                                        note(3, "c"))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        e -> {
                            assertThat(e.getIndex()).isEqualTo(2);
                            assertThat(e.getCause()).hasMessage("this note always fails");
                        });

        assertThat(batches)
                .containsExactly(
                        List.of("a", "b", "explode", "c"),
                        List.of("a"),
                        List.of("b"),
                        List.of("explode"));
    }

    @Test
    void anUnreadablePayloadIsNamedAfterTheEventsBeforeItAreStored() {
        assertThatThrownBy(
                        () ->
                                dispatcher()
                                        .onMessage(
                                                List.of(
                                                        note(0, "a"),
                                                        record(1, NOTE, "{\"text\": not json"),
                                                        note(2, "b"))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        e -> {
                            assertThat(e.getIndex()).isEqualTo(1);
                            assertThat(e.getCause()).isInstanceOf(PoisonEventException.class);
                            assertThat(EventErrorHandler.unwrap(e))
                                    .isInstanceOf(PoisonEventException.class);
                        });

        assertThat(batches).containsExactly(List.of("a"));
    }

    @Test
    void anOutageNamesTheBatchsFirstEventWithoutTryingEachAlone() {
        assertThatThrownBy(
                        () ->
                                dispatcher()
                                        .onMessage(
                                                List.of(
                                                        record(0, OTHER, "{\"text\":\"x\"}"),
                                                        note(1, "a"),
                                                        note(2, "outage"))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(1));

        assertThat(batches).containsExactly(List.of("a", "outage"));
    }

    @Test
    void aRecordThatWasNoEventIsNamed() {
        ConsumerRecord<String, CloudEvent> garbage = new ConsumerRecord<>("t", 0, 1, "k", null);

        assertThatThrownBy(
                        () -> dispatcher().onMessage(List.of(note(0, "a"), garbage, note(2, "b"))))
                .isInstanceOfSatisfying(
                        BatchListenerFailedException.class,
                        e -> assertThat(e.getIndex()).isEqualTo(1));
        assertThat(batches).containsExactly(List.of("a"));
    }
}
