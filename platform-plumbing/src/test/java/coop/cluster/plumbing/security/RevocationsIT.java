package coop.cluster.plumbing.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The identity service revokes access on {@code identity.people}, through the real broker: a token
 * issued before the revocation gets 401 {@code token-revoked} (even one the service had verified
 * and remembered), a token issued after is accepted, and a revocation of a member covers every
 * subject of that member. Subjects and members are new for each test: the topic is shared by every
 * test that runs on this broker.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = GuardedApp.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=revocations-it",
            "cluster.security.revocations.refresh-interval=1s"
        })
class RevocationsIT {

    private static final TestIssuer issuer = TestIssuer.shared();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("revocations_it"));
        issuer.register(registry);
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @Test
    void aTokenIssuedBeforeItsSubjectsRevocationIsRefusedAndOneIssuedAfterIsAccepted()
            throws Exception {
        String person = "revoked-" + UUID.randomUUID();
        String before = token(person, null, Duration.ofSeconds(30));
        assertThat(get(before, "en").status())
                .as("verified, and remembered as verified")
                .isEqualTo(200);

        revoke("personId", person, Instant.now().minusSeconds(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> get(before, "en").status() == 401);
        Api.Answer refused = get(before, "en");
        assertThat(refused.raw().headers().firstValue("Content-Type"))
                .hasValue("application/problem+json");
        assertThat(refused.raw().headers().firstValue("WWW-Authenticate"))
                .hasValue(SecurityProblemHandlers.REVOKED_TOKEN_CHALLENGE);
        assertThat(refused.at("/type")).isEqualTo("https://cluster.coop/problems/token-revoked");
        assertThat(refused.at("/title")).isEqualTo("Access token revoked");
        assertThat(get(before, "fr").at("/title")).isEqualTo("Jeton d'accès révoqué");

        assertThat(get(token(person, null, Duration.ZERO), "en").status())
                .as("a token issued after it")
                .isEqualTo(200);
        assertThat(
                        get(
                                        token(
                                                "someone-else-" + UUID.randomUUID(),
                                                null,
                                                Duration.ofSeconds(30)),
                                        "en")
                                .status())
                .isEqualTo(200);
    }

    @Test
    void aMembersRevocationCoversEverySubjectOfThatMember() throws Exception {
        String member = UUID.randomUUID().toString();
        String first = token("first-" + UUID.randomUUID(), member, Duration.ofSeconds(30));
        String second = token("second-" + UUID.randomUUID(), member, Duration.ofSeconds(30));
        String ofAnotherMember =
                token(
                        "third-" + UUID.randomUUID(),
                        UUID.randomUUID().toString(),
                        Duration.ofSeconds(30));
        assertThat(get(first, "en").status()).isEqualTo(200);

        revoke("memberId", member, Instant.now().minusSeconds(10));

        await().atMost(Duration.ofSeconds(30)).until(() -> get(first, "en").status() == 401);
        assertThat(get(second, "en").body()).contains("/problems/token-revoked");
        assertThat(get(ofAnotherMember, "en").status()).isEqualTo(200);
        assertThat(get(token("fourth-" + UUID.randomUUID(), member, Duration.ZERO), "en").status())
                .as("a token of that member issued after it")
                .isEqualTo(200);
    }

    /** Kept in the store, latest first: what a restarted service (or another instance) loads. */
    @Test
    void revocationsAreStoredAndReadBackByAnotherInstance() {
        String person = "stored-" + UUID.randomUUID();
        Instant at =
                Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        revoke("personId", person, at);
        revoke("personId", person, at.minusSeconds(300)); // older, arriving late: changes nothing
        Query stored = Query.query(Criteria.where("_id").is("person:" + person));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> mongo.exists(stored, Revocations.COLLECTION));

        Revocations restarted =
                new Revocations(
                        mongo, Duration.ofSeconds(5), Duration.ofDays(1), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> {
                            restarted.refresh();
                            assertThat(restarted.isRevoked(person, null, at.minusSeconds(1)))
                                    .isTrue();
                            assertThat(restarted.isRevoked(person, null, at.plusSeconds(1)))
                                    .isFalse();
                        });
    }

    @Test
    void aRevocationOfNobodyGoesToTheDeadLetterTopic() {
        String eventId = UUID.randomUUID().toString();
        events().publish(
                        Revocations.TOPIC,
                        "nobody",
                        eventId,
                        Revocations.ACCESS_REVOKED_V1,
                        "{\"revokedAt\":\"" + Instant.now() + "\",\"reason\":\"test\"}");
        var props =
                Map.<String, Object>of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        EmbeddedInfra.shared().bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "it-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest");
        try (var consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("revocations-it.revocations.dlt"));
            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                for (var record : consumer.poll(Duration.ofMillis(200))) {
                                    var id = record.headers().lastHeader("ce_id");
                                    if (id != null
                                            && eventId.equals(
                                                    new String(
                                                            id.value(), StandardCharsets.UTF_8))) {
                                        return true;
                                    }
                                }
                                return false;
                            });
        }
    }

    private static void revoke(String field, String id, Instant at) {
        events().publish(
                        Revocations.TOPIC,
                        id,
                        UUID.randomUUID().toString(),
                        Revocations.ACCESS_REVOKED_V1,
                        "{\"%s\":\"%s\",\"revokedAt\":\"%s\",\"reason\":\"test\",\"somethingNew\":1}"
                                .formatted(field, id, at));
    }

    private static TopicEvents events() {
        return new TopicEvents(EmbeddedInfra.shared().bootstrapServers());
    }

    /** A member's token (member_id when {@code member} is given), issued {@code age} ago. */
    private static String token(String subject, String member, Duration age) {
        return issuer.token(subject)
                .roles("member")
                .memberId(member)
                .issuedAgo(age, Duration.ofMinutes(15))
                .sign();
    }

    private Api.Answer get(String token, String language) {
        return new Api(port)
                .sendWith(
                        "GET",
                        "/api/guarded/whoami",
                        token,
                        null,
                        Map.of("Accept-Language", language));
    }
}
