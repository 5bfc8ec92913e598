package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.model.Filters;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Commands keep being accepted while the broker is down; their events go out once it is back. */
@EmbeddedInfraTest
@SpringBootTest(
        classes = WidgetApp.class,
        properties = {
            "spring.application.name=plumbing-it",
            "cluster.outbox.collections=widgets",
            "cluster.outbox.max-backoff=1s"
        })
class BrokerOutageIT {

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("broker_outage_it"));
    }

    @Autowired WidgetApp.Widgets widgets;

    @Autowired MongoTemplate mongo;

    @AfterEach
    void brokerBack() {
        EmbeddedInfra.shared().startBroker();
    }

    @Test
    void acceptsCommandsWhileTheBrokerIsDownAndPublishesThemWhenItIsBack() {
        Widget warmUp = widgets.create("before the outage");
        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> reader.poll(r -> warmUp.id().equals(r.key())), r -> !r.isEmpty());
        }

        EmbeddedInfra.shared().stopBroker();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(widgets.create("during the outage " + i).id());
        }
        assertThat(
                        mongo.getCollection("widgets")
                                .countDocuments(
                                        Filters.and(
                                                Filters.in("_id", ids),
                                                Filters.exists("outbox.0"))))
                .as("every accepted command keeps its event until the broker is back")
                .isEqualTo(100);

        EmbeddedInfra.shared().startBroker();
        Set<String> ours = new HashSet<>(ids);
        try (TopicReader reader =
                new TopicReader(EmbeddedInfra.shared().bootstrapServers(), "it.widgets")) {
            List<ConsumerRecord<String, byte[]>> published =
                    await().atMost(Duration.ofSeconds(60))
                            .until(
                                    () -> reader.poll(r -> ours.contains(r.key())),
                                    r ->
                                            r.stream().map(ConsumerRecord::key).distinct().count()
                                                    == 100);
            assertThat(published).extracting(ConsumerRecord::key).containsAll(ids);
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
}
