package coop.cluster.plumbing.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The store goes away (its server stopped: connections closed, new ones refused) while a service
 * built from the plumbing, with the plumbing's default time-outs, takes requests and consumes
 * events; then it comes back. The service must answer every request within a few seconds the whole
 * time (503 problem+json with Retry-After, never a hang or a 500), say DOWN in its health within ~2
 * s while staying live, serve again within seconds of the store's return, and lose nothing: the
 * events consumed during the outage take effect after it, none is dead-lettered, and the relay
 * publishes again.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = OutageApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=plumbing-outage-it",
            "cluster.outbox.collections=widgets",
            "management.tracing.sampling.probability=0"
        })
class StoreOutageIT {

    /** Server selection (3 s) and the rest, on 2 busy cores. */
    private static final Duration OUTAGE_ANSWER = Duration.ofSeconds(6);

    private static final Duration HEALTH_ANSWER = Duration.ofMillis(2_500);

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("store_outage_it"));
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @AfterEach
    void storeBack() {
        EmbeddedInfra.shared().startStore();
    }

    @Test
    void ridesOutAStoreOutageAndServesAgainWithinSecondsOfItsReturn() throws Exception {
        EmbeddedInfra infra = EmbeddedInfra.shared();
        OutageHttp http = new OutageHttp(port);
        assertThat(http.createWidget("before").status()).isEqualTo(201);
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);

        infra.stopStore();
        long outageStart = System.nanoTime();

        OutageHttp.Answer refused = http.createWidget("during");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
        assertThat(refused.retryAfter()).isEqualTo("5");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body())
                .contains("\"type\":\"https://cluster.coop/problems/unavailable\"");
        assertThat(refused.took()).isLessThan(OUTAGE_ANSWER);

        OutageHttp.Answer health = http.get("/actuator/health");
        assertThat(health.status()).as(health.toString()).isEqualTo(503);
        assertThat(health.body()).contains("\"status\":\"DOWN\"");
        assertThat(health.took()).isLessThan(HEALTH_ANSWER);
        OutageHttp.Answer readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.took()).isLessThan(HEALTH_ANSWER);
        OutageHttp.Answer liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.status()).as("a restart would not bring the store back").isEqualTo(200);

        // events arrive for the consumer while it cannot store their effects
        List<String> echoIds = new ArrayList<>();
        try (RawEvents events = new RawEvents(infra.bootstrapServers())) {
            for (int i = 0; i < 5; i++) {
                echoIds.add(
                        events.cloudEvent(
                                OutageApp.ECHO_TOPIC,
                                "echo-" + i,
                                OutageApp.ECHO_TYPE,
                                "{\"text\":\"echo " + i + "\"}"));
            }
            events.flush();
        }

        // an outage of some length: every request still answered within the bound, with a 503
        while (System.nanoTime() - outageStart < Duration.ofSeconds(12).toNanos()) {
            OutageHttp.Answer read = http.get("/api/widgets/any");
            assertThat(read.status()).as(read.toString()).isEqualTo(503);
            assertThat(read.took()).isLessThan(OUTAGE_ANSWER);
            assertThat(http.get("/actuator/health").took()).isLessThan(HEALTH_ANSWER);
        }

        infra.startStore();
        Duration serving =
                http.untilSuccess(() -> http.createWidget("after"), Duration.ofSeconds(10));
        Duration healthy =
                http.untilSuccess(() -> http.get("/actuator/health"), Duration.ofSeconds(10));
        System.out.printf(
                "StoreOutageIT: serving again %d ms after the store's return, healthy after %d"
                        + " ms%n",
                serving.toMillis(), healthy.toMillis());

        // nothing lost: the echoes consumed during the outage take effect, none went to the
        // dead-letter topic
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () ->
                                assertThat(
                                                mongo.getCollection("echoes")
                                                        .countDocuments(
                                                                new Document(
                                                                        "text",
                                                                        new Document(
                                                                                "$regex",
                                                                                "^echo "))))
                                        .isEqualTo(5));
        try (TopicReader deadLetters =
                new TopicReader(infra.bootstrapServers(), "plumbing-outage-it.echoes.dlt")) {
            List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                dead = deadLetters.poll(r -> true);
            }
            assertThat(dead).as("dead letters").isEmpty();
        }
        // and the relay publishes again
        String after =
                http.createWidget("after the outage")
                        .body()
                        .replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        try (TopicReader widgets = new TopicReader(infra.bootstrapServers(), "it.widgets")) {
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> widgets.poll(r -> after.equals(r.key())), r -> !r.isEmpty());
        }
    }
}
