package coop.cluster.plumbing.it;

import static coop.cluster.plumbing.it.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@EmbeddedInfraTest
@SpringBootTest(
        classes = WidgetApp.class,
        properties = {"spring.application.name=plumbing-it", "cluster.outbox.collections=widgets"})
class OutboxRelayIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("outbox_relay_it"));
    }

    @Autowired WidgetApp.Widgets widgets;

    @Autowired MongoTemplate mongo;

    @Autowired coop.cluster.plumbing.outbox.OutboxWriter outbox;

    @Test
    void publishesEveryEventOnceAsABinaryCloudEventKeyedAndOrderedByAggregate() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Widget widget = widgets.create("widget " + i);
            ids.add(widget.id());
            for (int revision = 1; revision <= 4; revision++) {
                widget = widgets.revise(widget);
            }
        }
        Set<String> ours = new HashSet<>(ids);

        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            List<ConsumerRecord<String, byte[]>> records =
                    await().atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> reader.poll(r -> ours.contains(r.key())),
                                    r -> r.size() >= 200);

            assertThat(records).hasSize(200);
            assertThat(records).extracting(r -> header(r, "ce_id")).doesNotHaveDuplicates();
            ConsumerRecord<String, byte[]> first = records.getFirst();
            assertThat(header(first, "ce_specversion")).isEqualTo("1.0");
            assertThat(header(first, "ce_type")).isEqualTo("it.widget.changed.v1");
            assertThat(header(first, "ce_source")).isEqualTo("/plumbing-it");
            assertThat(header(first, "ce_subject")).isEqualTo("widgets/" + first.key());
            assertThat(header(first, "ce_time")).isNotBlank();
            assertThat(header(first, "content-type")).isEqualTo("application/json");
            assertThat(new String(first.value())).contains("\"widgetId\":\"" + first.key() + "\"");

            Map<String, List<Integer>> revisionsByWidget = new LinkedHashMap<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                int revision =
                        Integer.parseInt(
                                new String(record.value())
                                        .replaceAll(".*\"revision\":(\\d+).*", "$1"));
                revisionsByWidget
                        .computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add(revision);
            }
            assertThat(revisionsByWidget)
                    .hasSize(40)
                    .allSatisfy(
                            (widget, revisions) ->
                                    assertThat(revisions).containsExactly(0, 1, 2, 3, 4));
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.getCollection("widgets")
                                                        .countDocuments(
                                                                Filters.and(
                                                                        Filters.in("_id", ids),
                                                                        Filters.exists(
                                                                                "outbox.0"))))
                                        .isZero());
    }

    /**
     * Events this instance did not write, so was not told about (another instance's, or left by a
     * crash), are found by the periodic scan.
     */
    @Test
    void publishesEventsWrittenElsewhereWithinThePollInterval() {
        String id = java.util.UUID.randomUUID().toString();
        org.bson.Document raw =
                new org.bson.Document("_id", id)
                        .append("name", "written elsewhere")
                        .append("revision", 7)
                        .append("version", 0L)
                        .append(
                                "outbox",
                                List.of(
                                        widgets.events()
                                                .create("widgets", id, new WidgetChanged(id, 7))
                                                .toDocument()));
        mongo.getCollection("widgets").insertOne(raw);

        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            List<ConsumerRecord<String, byte[]>> records =
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> reader.poll(r -> id.equals(r.key())), r -> !r.isEmpty());
            assertThat(new String(records.getFirst().value())).contains("\"revision\":7");
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.getCollection("widgets")
                                                        .countDocuments(
                                                                Filters.and(
                                                                        Filters.eq("_id", id),
                                                                        Filters.exists(
                                                                                "outbox.0"))))
                                        .isZero());
    }

    /**
     * Under a steady stream of writes the relay reads many documents per pass and removes their
     * published events in one write per clean-up interval: its store commands per event stay a
     * small fraction, counted by the driver's command monitoring, where a pass per write would cost
     * two (a read and a clean-up) per event.
     */
    @Test
    void costsTheStoreAFractionOfACommandPerEventUnderLoad() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> relayCommands() == relayCommands()); // meters exist
        double before = relayCommands();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ids.add(widgets.create("steady " + i).id());
        }
        Set<String> ours = new HashSet<>(ids);
        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll(r -> ours.contains(r.key())), r -> r.size() >= 300);
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.getCollection("widgets")
                                                        .countDocuments(
                                                                Filters.and(
                                                                        Filters.in("_id", ids),
                                                                        Filters.exists(
                                                                                "outbox.0"))))
                                        .isZero());
        double perEvent = (relayCommands() - before) / 300.0;
        assertThat(perEvent).as("relay reads and clean-ups per event").isLessThan(0.5);
    }

    @Autowired coop.cluster.plumbing.config.EventKafkaTemplates templates;

    @Autowired coop.cluster.plumbing.outbox.OutboxProperties properties;

    /**
     * A second instance's relay, which does not hold the lease, is woken by every write of its
     * instance but tries the lease only every renew interval: writes cost it no lease command (it
     * used to try the lease on each wake).
     */
    @Test
    void aRelayWithoutTheLeaseTriesItOnlyEveryRenewIntervalWhateverItsInstanceWrites()
            throws Exception {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> leaseCommands() > 0); // this instance's relay leads
        var second =
                new coop.cluster.plumbing.outbox.OutboxRelay(
                        mongo,
                        templates.events(),
                        properties,
                        "second-instance:1",
                        java.net.URI.create("/plumbing-it"),
                        java.time.Clock.systemUTC(),
                        new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        double beforeStart = leaseCommands();
        second.start();
        try {
            // its first attempt, which finds the lease held
            await().atMost(Duration.ofSeconds(10)).until(() -> leaseCommands() > beforeStart);
            double before = leaseCommands();
            long started = System.nanoTime();
            for (int i = 0; i < 300; i++) {
                second.pending("widgets", "written-by-the-second-" + i);
                Thread.sleep(
                        2); // pacing, not waiting: 300 separate wakes rather than one collapsed
                // signal
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double spent = leaseCommands() - before;
            double renewals = seconds / properties.leaseTtl().dividedBy(3).toMillis() * 1000;
            // both relays renew or try every leaseTtl / 3: a handful, not one per wake
            assertThat(spent)
                    .as("lease commands over %.1f s of 300 wakes", seconds)
                    .isLessThanOrEqualTo(2 * (Math.ceil(renewals) + 1));
        } finally {
            second.stop();
        }
    }

    private double leaseCommands() {
        return meters
                .find("mongodb.driver.commands")
                .tag("collection", "outbox_relay_lease")
                .timers()
                .stream()
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    /**
     * The relay's commands on the widgets: its reads of the written documents and its clean-ups.
     */
    private double relayCommands() {
        return meters.find("mongodb.driver.commands").tag("collection", "widgets").timers().stream()
                .filter(
                        timer ->
                                List.of("find", "update").contains(timer.getId().getTag("command")))
                .mapToDouble(timer -> timer.count())
                .sum();
    }

    @Autowired io.micrometer.core.instrument.MeterRegistry meters;

    @Test
    void refusesAStaleUpdateAndKeepsNoneOfItsEvents() {
        Widget original = widgets.create("contended");
        Widget first = widgets.revise(original);

        assertThat(first.version()).isEqualTo(1L);
        assertThatThrownBy(() -> widgets.revise(original))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(mongo.findById(original.id(), Widget.class))
                .extracting(Widget::revision, Widget::version)
                .containsExactly(1, 1L);

        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            () -> reader.poll(r -> original.id().equals(r.key())),
                            r -> r.size() >= 2);
            assertThat(reader.poll(r -> original.id().equals(r.key()))).hasSize(2);
        }
    }

    @Test
    void keepsFieldsTheClassDoesNotMapInTheSameWriteAsTheEvents() {
        Widget created =
                outbox.insert(
                        new Widget(java.util.UUID.randomUUID().toString(), "tagged", 0, null),
                        List.of(widgets.events().create("widgets", "x", new WidgetChanged("x", 0))),
                        Map.of("tags", List.of("a")));
        Widget revised =
                outbox.update(
                        created.revise(),
                        List.of(),
                        update -> update.addToSet("tags").each("b", "a"));

        org.bson.Document raw = mongo.findById(created.id(), org.bson.Document.class, "widgets");
        assertThat(raw.getList("tags", String.class)).containsExactly("a", "b");
        assertThat(raw.getInteger("revision")).isEqualTo(1);
        assertThat(revised.version()).isEqualTo(1L);
        // a later plain update keeps them: it only sets what the class maps
        outbox.update(revised.revise(), List.of());
        assertThat(
                        mongo.findById(created.id(), org.bson.Document.class, "widgets")
                                .getList("tags", String.class))
                .containsExactly("a", "b");
        assertThatThrownBy(
                        () ->
                                outbox.update(
                                        revised, List.of(), update -> update.set("name", "sneaky")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(
                        () ->
                                outbox.insert(
                                        new Widget("y", "y", 0, null),
                                        List.of(),
                                        Map.of("outbox", List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
