package coop.cluster.plumbing.it;

import static coop.cluster.plumbing.it.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link VersionedDocuments} on the embedded store: a store of {@link Part}s (the aggregate) kept
 * as {@link Widget}s (the document), its writes conditional, their events published, its reads
 * mapped, and the kept copies of {@link VersionedDocuments#keepingRecent} decided on and, when
 * stale, decided again on the stored one.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = WidgetApp.class,
        properties = {"spring.application.name=plumbing-it", "cluster.outbox.collections=widgets"})
class VersionedDocumentsIT {

    /** The aggregate, as a service's domain would have it: no store annotations. */
    record Part(String id, String name, int revision, Long version) {

        Part revised() {
            return new Part(id, name, revision + 1, version);
        }
    }

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("versioned_documents_it"));
    }

    @Autowired MongoTemplate mongo;

    @Autowired OutboxWriter outbox;

    @Autowired EventFactory events;

    private VersionedDocuments<Part, Widget> parts() {
        return VersionedDocuments.of(
                mongo,
                outbox,
                Widget.class,
                part -> new Widget(part.id(), part.name(), part.revision(), part.version()),
                widget ->
                        new Part(widget.id(), widget.name(), widget.revision(), widget.version()));
    }

    private static Part part(String name) {
        return new Part(UUID.randomUUID().toString(), name, 0, null);
    }

    private List<PendingEvent> changed(Part part) {
        return List.of(
                events.create("widgets", part.id(), new WidgetChanged(part.id(), part.revision())));
    }

    @Test
    void insertsAndUpdatesConditionallyWithTheirEventsAndAnswersTheAggregateAsStored() {
        VersionedDocuments<Part, Widget> parts = parts();
        Part first = part("gear");

        Part inserted = parts.insert(first, changed(first));
        assertThat(inserted).isEqualTo(new Part(first.id(), "gear", 0, 0L));
        Part updated = parts.update(inserted.revised(), changed(inserted.revised()));
        assertThat(updated).isEqualTo(new Part(first.id(), "gear", 1, 1L));
        assertThat(parts.find(first.id())).contains(updated);

        assertThatThrownBy(
                        () ->
                                parts.update(
                                        inserted.revised().revised(),
                                        changed(inserted.revised().revised())))
                .as("written on version 0, stored at 1")
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThatThrownBy(
                        () -> parts.insert(new Part(first.id(), "other", 7, null), changed(first)))
                .as("its id taken")
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(parts.find(first.id())).as("neither refused write changed it").contains(updated);

        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            List<ConsumerRecord<String, byte[]>> published =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> reader.poll(r -> first.id().equals(r.key())),
                                    r -> r.size() >= 2);
            assertThat(published)
                    .extracting(r -> header(r, "ce_type"))
                    .as("the events of the two writes, none of the refused ones")
                    .containsExactly("it.widget.changed.v1", "it.widget.changed.v1");
            assertThat(published)
                    .extracting(
                            r -> new String(r.value()).replaceAll(".*\"revision\":(\\d+).*", "$1"))
                    .containsExactly("0", "1");
        }
    }

    @Test
    void readsMapTheDocumentsToTheAggregate() {
        VersionedDocuments<Part, Widget> parts = parts();
        String name = "bolt-" + UUID.randomUUID();
        List<Part> inserted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Part part = new Part(name + "-" + i, name, i, null);
            inserted.add(parts.insert(part, List.of()));
        }
        Query ours = Query.query(Criteria.where("name").is(name));

        assertThat(parts.find("no-such-part")).isEmpty();
        assertThat(parts.exists(ours)).isTrue();
        assertThat(parts.exists(Query.query(Criteria.where("name").is("no such name")))).isFalse();
        assertThat(parts.findOne(Query.query(Criteria.where("_id").is(name + "-3"))))
                .contains(inserted.get(3));
        assertThat(
                        parts.list(
                                Query.query(Criteria.where("name").is(name))
                                        .with(Sort.by("revision"))))
                .containsExactlyElementsOf(inserted);

        Page<Part> page =
                parts.page(
                        Query.query(Criteria.where("name").is(name)),
                        PageRequest.of(1, 2),
                        Sort.by(Sort.Direction.DESC, "revision"));
        assertThat(page.getTotalElements()).isEqualTo(5);
        assertThat(page.getTotalPages()).isEqualTo(3);
        assertThat(page.getContent()).containsExactly(inserted.get(2), inserted.get(1));
    }

    @Test
    void decidesOnTheKeptAggregateAndAgainOnTheStoredOneWhenTheKeptIsStale() {
        VersionedDocuments<Part, Widget> kept =
                parts().keepingRecent("parts", 100, Part::version, new SimpleMeterRegistry());
        VersionedDocuments<Part, Widget> elsewhere = parts();
        Part part = kept.insert(part("spring"), List.of());
        assertThat(kept.kept(part.id())).as("kept as written").contains(part);

        AtomicInteger runs = new AtomicInteger();
        Part once =
                kept.decide(
                        part.id(),
                        found -> {
                            runs.incrementAndGet();
                            return kept.update(found.orElseThrow().revised(), List.of());
                        });
        assertThat(once.version()).isEqualTo(1L);
        assertThat(runs).as("decided on the kept copy, which was current").hasValue(1);

        Part written =
                elsewhere.update(elsewhere.find(part.id()).orElseThrow().revised(), List.of());
        assertThat(kept.kept(part.id())).as("another instance's write is not seen").contains(once);

        runs.set(0);
        Part again =
                kept.decide(
                        part.id(),
                        found -> {
                            runs.incrementAndGet();
                            return kept.update(found.orElseThrow().revised(), List.of());
                        });
        assertThat(runs)
                .as("refused on the stale copy, decided again on the stored one")
                .hasValue(2);
        assertThat(again)
                .isEqualTo(
                        new Part(
                                part.id(),
                                "spring",
                                written.revision() + 1,
                                written.version() + 1));
        assertThat(kept.kept(part.id())).contains(again);

        boolean found = kept.decide("no-such-part", Optional::isPresent);
        assertThat(found).as("an unknown id decided on as empty").isFalse();
    }

    @Test
    void withoutKeepingDecidesOnceOnTheStoredAggregate() {
        VersionedDocuments<Part, Widget> parts = parts();
        Part part = parts.insert(part("nut"), List.of());
        parts.update(part.revised(), List.of());

        AtomicInteger runs = new AtomicInteger();
        Part decided =
                parts.decide(
                        part.id(),
                        found -> {
                            runs.incrementAndGet();
                            return parts.update(found.orElseThrow().revised(), List.of());
                        });
        assertThat(runs).hasValue(1);
        assertThat(decided.version()).isEqualTo(2L);
        assertThat(parts.kept(part.id())).as("nothing kept").isEmpty();
    }
}
