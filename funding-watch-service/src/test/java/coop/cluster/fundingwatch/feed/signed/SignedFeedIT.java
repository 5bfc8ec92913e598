package coop.cluster.fundingwatch.feed.signed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.feed.FeedSignatures;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The signed-feed registry on the real store and broker: a manager creates a feed and its secret
 * signs pushes; a rotation keeps the old secret for the grace only (a short one here); a revocation
 * refuses every secret at once, here, and within the refresh when another instance made it; a
 * configured feed is taken over or revoked; the store never holds a secret in clear, and every
 * change is published without one.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.feeds.secret-key=" + SignedFeedIT.KEY,
            "cluster.feeds.rotation-grace=" + SignedFeedIT.GRACE_SECONDS + "s",
            "cluster.feeds.registry-refresh=PT0.5S",
            "cluster.feeds.signed.legacy-taken.secret=" + SignedFeedIT.CONFIGURED,
            "cluster.feeds.signed.legacy-revoked.secret=" + SignedFeedIT.CONFIGURED
        })
class SignedFeedIT {

    static final String KEY = "q0S7mYw2V9xkR3nJ5cT8bL1dF6hA4eZ0uP2iO9gK7sM=";
    static final int GRACE_SECONDS = 4;
    static final String CONFIGURED = "a-configured-secret-of-at-least-32-characters";

    private static final TopicEvents EVENTS =
            new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    private static final String TOPIC = "fundingwatch.feeds";
    private static final String CHANGED = "cluster.fundingwatch.feed.signed-feed-changed.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_signed_feed_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    private static final String PROBLEMS = "https://cluster.coop/problems/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** For what {@link Api} does not send: an answer in French. */
    private final HttpClient http = HttpClient.newHttpClient();

    private Api api;
    private String manager;

    @BeforeEach
    void client() {
        api = new Api(port);
        manager = TestIssuer.shared().token("manon").roles("manager").sign();
    }

    @Test
    void createRotateRevokeAndCreateAgain() throws Exception {
        String feed = "region-est-" + UUID.randomUUID().toString().substring(0, 8);

        Answer created = api.post("/api/feeds/signed", manager, "{\"feedId\":\"" + feed + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(created.raw().headers().firstValue("Location"))
                .hasValue("/api/feeds/signed/" + feed);
        String first = created.at("/secret");
        assertThat(first).hasSizeGreaterThanOrEqualTo(32);
        assertThat(created.json().get("previousSecretExpiresAt").isNull()).isTrue();

        assertThat(push(feed, first).status()).isEqualTo(202);
        Answer again = api.post("/api/feeds/signed", manager, "{\"feedId\":\"" + feed + "\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.at("/type")).isEqualTo(PROBLEMS + "signed-feed-exists");
        HttpResponse<String> french =
                http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/feeds/signed"))
                                .header("Authorization", "Bearer " + manager)
                                .header("Accept-Language", "fr")
                                .header("Content-Type", "application/json")
                                .POST(
                                        HttpRequest.BodyPublishers.ofString(
                                                "{\"feedId\":\"" + feed + "\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(french.body()).path("title").asString())
                .isEqualTo("Flux signé existant");

        Answer rotated = api.post("/api/feeds/signed/" + feed + "/secret", manager, null);
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        assertThat(rotated.raw().headers().firstValue("Cache-Control")).hasValue("no-store");
        String second = rotated.at("/secret");
        assertThat(second).isNotEqualTo(first).hasSizeGreaterThanOrEqualTo(32);
        Instant graceEnds = Instant.parse(rotated.at("/previousSecretExpiresAt"));
        assertThat(push(feed, first).status()).as("the old secret during the grace").isEqualTo(202);
        assertThat(push(feed, second).status()).as("the new secret").isEqualTo(202);

        Answer listed = api.get("/api/feeds/signed?size=100", manager);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("content").valueStream().map(f -> f.get("feedId").asString()))
                .contains(feed);
        assertThat(listed.body())
                .as("no secret listed")
                .doesNotContain(first)
                .doesNotContain(second);
        Answer shown = api.get("/api/feeds/signed/" + feed, manager);
        assertThat(shown.at("/status")).isEqualTo("ACTIVE");
        assertThat(shown.at("/rotatedBy")).isEqualTo("manon");
        assertThat(Instant.parse(shown.at("/previousSecretExpiresAt"))).isEqualTo(graceEnds);
        assertThat(shown.body()).doesNotContain(first).doesNotContain(second);

        Document stored = mongo.findById(feed, Document.class, "signed_feeds");
        assertThat(stored.getString("secret")).startsWith("v1:");
        assertThat(stored.getString("previousSecret")).startsWith("v1:");
        assertThat(stored.toJson())
                .as("no secret in clear in the store")
                .doesNotContain(first)
                .doesNotContain(second);

        await().atMost(Duration.ofSeconds(GRACE_SECONDS + 5))
                .until(() -> Instant.now().isAfter(graceEnds));
        assertRefused(push(feed, first), 401, "feed-signature-bad-signature");
        assertThat(push(feed, second).status()).as("the new secret after the grace").isEqualTo(202);
        assertThat(
                        api.get("/api/feeds/signed/" + feed, manager)
                                .json()
                                .get("previousSecretExpiresAt")
                                .isNull())
                .isTrue();

        assertThat(api.delete("/api/feeds/signed/" + feed, manager).status()).isEqualTo(204);
        assertRefused(push(feed, second), 401, "feed-signature-revoked");
        assertThat(api.get("/api/feeds/signed/" + feed, manager).at("/status"))
                .isEqualTo("REVOKED");
        assertThat(api.delete("/api/feeds/signed/" + feed, manager).status())
                .as("revoked twice")
                .isEqualTo(204);
        Answer rotateRevoked = api.post("/api/feeds/signed/" + feed + "/secret", manager, null);
        assertThat(rotateRevoked.status()).isEqualTo(409);
        assertThat(rotateRevoked.at("/type")).isEqualTo(PROBLEMS + "signed-feed-revoked");
        Document revoked = mongo.findById(feed, Document.class, "signed_feeds");
        assertThat(revoked.get("secret")).isNull();
        assertThat(revoked.get("previousSecret")).isNull();

        Answer recreated = api.post("/api/feeds/signed", manager, "{\"feedId\":\"" + feed + "\"}");
        assertThat(recreated.status()).isEqualTo(201);
        String third = recreated.at("/secret");
        assertThat(push(feed, third).status()).isEqualTo(202);
        assertRefused(push(feed, second), 401, "feed-signature-bad-signature");

        List<TopicEvents.Event> events = EVENTS.read(TOPIC, feed, 4, WAIT);
        assertThat(events).extracting(TopicEvents.Event::type).containsOnly(CHANGED);
        assertThat(events)
                .extracting(e -> e.data().get("change").asString())
                .containsExactly("created", "secret-rotated", "revoked", "created");
        for (TopicEvents.Event event : events) {
            assertThat(event.data().get("feedId").asString()).isEqualTo(feed);
            assertThat(event.data().get("by").asString()).isEqualTo("manon");
            assertThat(event.data().has("at")).isTrue();
            assertThat(event.data().toString())
                    .doesNotContain(first)
                    .doesNotContain(second)
                    .doesNotContain(third)
                    .doesNotContain("v1:");
        }
    }

    @Test
    void aRevocationMadeByAnotherInstanceAppliesWithinTheRefresh() throws Exception {
        String feed = "region-ouest-" + UUID.randomUUID().toString().substring(0, 8);
        String secret =
                api.post("/api/feeds/signed", manager, "{\"feedId\":\"" + feed + "\"}")
                        .at("/secret");
        assertThat(push(feed, secret).status()).isEqualTo(202);

        // as another instance writes it: this instance hears of it only by reading the store again
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(feed)),
                new Update()
                        .set("status", "REVOKED")
                        .unset("secret")
                        .set("revokedAt", Instant.now())
                        .set("revokedBy", "elsewhere")
                        .inc("version", 1),
                "signed_feeds");

        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> push(feed, secret).status() == 401);
        assertRefused(push(feed, secret), 401, "feed-signature-revoked");
    }

    @Test
    void aConfiguredFeedIsTakenOverWithItsSecretKeptForTheGraceOrRevokedAtOnce() throws Exception {
        assertThat(push("legacy-taken", CONFIGURED).status()).isEqualTo(202);

        Answer taken = api.post("/api/feeds/signed", manager, "{\"feedId\":\"legacy-taken\"}");
        assertThat(taken.status()).as(taken.body()).isEqualTo(201);
        Instant graceEnds = Instant.parse(taken.at("/previousSecretExpiresAt"));
        String secret = taken.at("/secret");
        assertThat(push("legacy-taken", CONFIGURED).status())
                .as("the configured secret, during the grace")
                .isEqualTo(202);
        assertThat(push("legacy-taken", secret).status()).isEqualTo(202);
        assertThat(mongo.findById("legacy-taken", Document.class, "signed_feeds").toJson())
                .doesNotContain(CONFIGURED)
                .doesNotContain(secret);

        await().atMost(Duration.ofSeconds(GRACE_SECONDS + 5))
                .until(() -> Instant.now().isAfter(graceEnds));
        assertRefused(push("legacy-taken", CONFIGURED), 401, "feed-signature-bad-signature");
        assertThat(push("legacy-taken", secret).status()).isEqualTo(202);

        assertThat(push("legacy-revoked", CONFIGURED).status()).isEqualTo(202);
        assertThat(api.delete("/api/feeds/signed/legacy-revoked", manager).status()).isEqualTo(204);
        assertRefused(push("legacy-revoked", CONFIGURED), 401, "feed-signature-revoked");
        assertThat(api.get("/api/feeds/signed/legacy-revoked", manager).at("/status"))
                .isEqualTo("REVOKED");
        assertThat(
                        EVENTS.read(TOPIC, "legacy-revoked", 1, WAIT)
                                .getFirst()
                                .data()
                                .get("change")
                                .asString())
                .isEqualTo("revoked");

        Answer unknown = api.delete("/api/feeds/signed/nobody-at-all", manager);
        assertThat(unknown.status()).isEqualTo(404);
        Answer invalid = api.post("/api/feeds/signed", manager, "{\"feedId\":\"Not A Feed\"}");
        assertThat(invalid.status()).isEqualTo(400);
    }

    @Test
    void aFeedOfTheRegistryMayWriteToTheRawTopic() throws Exception {
        String feed = "region-nord-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.post("/api/feeds/signed", manager, "{\"feedId\":\"" + feed + "\"}").status())
                .isEqualTo(201);

        byte[] batch =
                ("[{\"reference\":\"RAW-" + UUID.randomUUID() + "\",\"title\":\"Appel brut\"}]")
                        .getBytes(StandardCharsets.UTF_8);
        try (var producer =
                new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                        java.util.Map.of(
                                org.apache.kafka.clients.producer.ProducerConfig
                                        .BOOTSTRAP_SERVERS_CONFIG,
                                EmbeddedInfra.shared().bootstrapServers()),
                        new org.apache.kafka.common.serialization.StringSerializer(),
                        new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(
                            new org.apache.kafka.clients.producer.ProducerRecord<>(
                                    "fundingwatch.feed.raw", feed, batch))
                    .get();
        }
        await().atMost(WAIT)
                .until(
                        () ->
                                mongo.exists(
                                        Query.query(
                                                Criteria.where("feedId")
                                                        .is(feed)
                                                        .and("authentication")
                                                        .is("TOPIC")),
                                        "feed_batches"));
    }

    private void assertRefused(Answer response, int status, String code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(response.at("/type")).isEqualTo(PROBLEMS + code);
    }

    /** A new batch pushed for {@code feed}, signed with {@code secret} now. */
    private Answer push(String feed, String secret) {
        String body = "[{\"reference\":\"" + UUID.randomUUID() + "\",\"title\":\"Appel signé\"}]";
        String ts = Long.toString(Instant.now().getEpochSecond());
        return api.post(
                "/api/feeds/" + feed + "/calls",
                null,
                body,
                Map.of(
                        "X-Feed-Id",
                        feed,
                        "X-Feed-Timestamp",
                        ts,
                        "X-Feed-Signature",
                        FeedSignatures.signatureHeader(
                                secret, ts, body.getBytes(StandardCharsets.UTF_8))));
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
