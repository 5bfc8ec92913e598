package coop.cluster.fundingwatch.feed.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Feeds writing straight to {@code fundingwatch.feed.raw}, on the real broker and store: the real
 * Search API response as one record keyed by its feed is stored, normalised and published as a push
 * would be; the same record again changes nothing; records without a known feed, unreadable or too
 * big go to the dead-letter topic with their reason, and the records after them are still taken.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.feeds.known=eu-ft-portal",
            "cluster.feeds.raw-topic.max-bytes=100000"
        })
class RawFeedIntakeIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static final String FEED = "eu-ft-portal";
    private static final String RAW = "fundingwatch.feed.raw";
    private static final String DLT = "funding-watch-service.feed-raw.dlt";
    private static final String CALLS = "fundingwatch.calls";
    private static final String PUBLISHED = "cluster.fundingwatch.call.published.v1";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> TOPICS =
            List.of("50130830TOPICSen", "50130252TOPICSen", "51176725TOPICSen", "51176647TOPICSen");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_raw_feed_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @Test
    void theRealSearchApiResponseWrittenToTheRawTopicIsTakenOnceAndBadRecordsAreDeadLettered()
            throws Exception {
        Api api = new Api(port);
        String member = TestIssuer.shared().token("amina").roles("member").memberId("m-1").sign();
        String manager = TestIssuer.shared().token("chloe").roles("manager").sign();
        byte[] searchApi =
                Files.readAllBytes(Path.of("src/test/resources/feeds/eu-ft-search-api.json"));
        Instant now = Instant.now();

        send(FEED, Map.of(), searchApi);

        // The four calls, as the HTTP intake makes them, each published under its id.
        for (String reference : TOPICS) {
            await().atMost(WAIT)
                    .until(() -> api.get("/api/calls/" + id(reference), member).status() == 200);
        }
        JsonNode call = api.get("/api/calls/" + id("50130830TOPICSen"), member).json();
        assertThat(call.get("source").asString()).isEqualTo(FEED);
        assertThat(call.get("reference").asString()).isEqualTo("50130830TOPICSen");
        assertThat(call.get("identifier").asString()).isEqualTo("HORIZON-CL5-2026-09-D4-03");
        assertThat(call.get("programme").asString()).isEqualTo("Horizon Europe (HORIZON)");
        Map<String, Integer> expected = new HashMap<>();
        for (String reference : TOPICS) {
            Instant deadline =
                    Instant.parse(
                            reference.startsWith("5013")
                                    ? "2026-09-15T00:00:00Z"
                                    : "2026-09-22T00:00:00Z");
            expected.put(
                    id(reference),
                    deadline.isAfter(now) ? 1 : 2); // published, and closed if it has passed
        }
        Map<String, List<TopicRecords.Received>> events = settled(expected);
        expected.keySet()
                .forEach(
                        id -> {
                            assertThat(events.get(id).getFirst().type()).isEqualTo(PUBLISHED);
                            assertThat(events.get(id).getFirst().data().get("source").asString())
                                    .isEqualTo(FEED);
                        });

        // The batch, received from the topic by the feed itself.
        List<Document> batches = batches();
        assertThat(batches).hasSize(1);
        Document batch = batches.getFirst();
        assertThat(batch.getString("receivedBy")).isEqualTo("kafka:" + RAW);
        assertThat(batch.getString("authentication")).isEqualTo("TOPIC");
        assertThat(batch.getString("status")).isEqualTo("PROCESSED");
        assertThat(batch.getList("createdCallIds", String.class))
                .containsExactlyElementsOf(TOPICS.stream().map(RawFeedIntakeIT::id).toList());
        Answer shown =
                api.get("/api/feeds/" + FEED + "/batches/" + batch.getString("_id"), manager);
        assertThat(shown.status()).as(shown.body()).isEqualTo(200);
        assertThat(shown.json().get("authentication").asString()).isEqualTo("TOPIC");
        assertThat(shown.json().get("records").asInt()).isEqualTo(4);

        // The same record again; then records that cannot be taken; then a good one, named by the
        // header.
        send(FEED, Map.of(), searchApi);
        byte[] garbage = {(byte) 0xff, (byte) 0xfe, 0, 1, '{', '"'};
        send(FEED, Map.of(), garbage);
        send("nobody-knows-me", Map.of(), searchApi);
        send(null, Map.of(), searchApi);
        byte[] huge = ("[\"" + "x".repeat(150_000) + "\"]").getBytes(StandardCharsets.UTF_8);
        send(FEED, Map.of(), huge);
        send(
                null,
                Map.of(RawFeedListener.FEED_ID_HEADER, FEED),
                ("""
                {"calls": [{"reference": "KAFKA-1", "title": "Appel KAFKA-1", "status": "OPEN",
                 "deadlines": ["2031-03-01T12:00:00+01:00"], "url": "https://www.example.org/aap/kafka-1"}]}\
                """)
                        .getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT)
                .until(() -> api.get("/api/calls/" + id("KAFKA-1"), member).status() == 200);
        assertThat(api.get("/api/calls/" + id("KAFKA-1"), member).json().get("title").asString())
                .isEqualTo("Appel KAFKA-1");
        expected.put(id("KAFKA-1"), 1);
        Map<String, List<TopicRecords.Received>> after = settled(expected);
        assertThat(after.get(id("KAFKA-1")))
                .extracting(TopicRecords.Received::type)
                .containsExactly(PUBLISHED);
        assertThat(batches()).as("the repeated record is the same batch").hasSize(2);
        assertThat(mongo.count(Query.query(Criteria.where("source").is(FEED)), "calls"))
                .isEqualTo(5);

        // Dead letters: the original key and bytes, the reason, and where they came from.
        List<TopicRecords.Received> dead = RECORDS.all(DLT);
        assertThat(dead)
                .extracting(d -> d.headers().get(RawFeedTopic.REASON_HEADER))
                .containsExactly(
                        "unreadable-body", "feed-unknown", "missing-feed-id", "payload-too-large");
        assertThat(dead)
                .extracting(TopicRecords.Received::key)
                .containsExactly(FEED, "nobody-knows-me", null, FEED);
        assertThat(dead.get(0).value()).isEqualTo(garbage);
        assertThat(dead.get(1).value()).isEqualTo(searchApi);
        assertThat(dead.get(3).value()).isEqualTo(huge);
        assertThat(dead)
                .allSatisfy(
                        d -> {
                            assertThat(d.headers().get("kafka_dlt-original-topic")).isEqualTo(RAW);
                            assertThat(d.headers()).containsKey("kafka_dlt-exception-message");
                        });
    }

    /**
     * The events under each key of {@code expected} once each has its count and the outboxes are
     * empty: exactly.
     */
    private Map<String, List<TopicRecords.Received>> settled(Map<String, Integer> expected) {
        await().atMost(WAIT)
                .until(
                        () -> {
                            Map<String, List<TopicRecords.Received>> now = RECORDS.byKey(CALLS);
                            return expected.entrySet().stream()
                                    .allMatch(
                                            e ->
                                                    now.getOrDefault(e.getKey(), List.of()).size()
                                                            >= e.getValue());
                        });
        await().atMost(WAIT).until(() -> pending("calls") == 0 && pending("feed_batches") == 0);
        Map<String, List<TopicRecords.Received>> events = RECORDS.byKey(CALLS);
        expected.forEach(
                (key, count) ->
                        assertThat(events.getOrDefault(key, List.of()))
                                .as("events under %s", key)
                                .hasSize(count));
        return events;
    }

    private long pending(String collection) {
        return mongo.count(Query.query(Criteria.where("outbox.id").exists(true)), collection);
    }

    private List<Document> batches() {
        return mongo.find(
                Query.query(Criteria.where("feedId").is(FEED)), Document.class, "feed_batches");
    }

    /** Writes one record to partition 0 of the raw topic, so that the records keep their order. */
    private static void send(String key, Map<String, String> headers, byte[] value)
            throws Exception {
        Map<String, Object> props =
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedInfra.shared().bootstrapServers());
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var record = new ProducerRecord<>(RAW, 0, key, value);
            headers.forEach(
                    (name, text) ->
                            record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the broker refused the record", e);
        }
    }

    private static String id(String reference) {
        return FundingCall.idOf(FEED, reference).toString();
    }
}
