package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import coop.cluster.testing.store.CountStoreCommands;
import coop.cluster.testing.store.StoreCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a burst of matches costs the store, counted from the driver's command monitoring by
 * consumer: a call matched to {@value #MATCHES} organisations tells their people without reading
 * {@code people} once per match (the view of the people in memory answers), and the matched people
 * are told all the same.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {NotificationApplication.class, CountStoreCommands.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MatchCommandsIT {

    @Autowired StoreCommands commands;

    static final int MATCHES = 20;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_match_commands_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Audience audience;

    @Autowired MongoTemplate mongo;

    @Test
    void aBurstOfMatchesDoesNotReadThePeopleOncePerMatch() {
        Platform platform = new Platform(audience);
        Api api = new Api(port);
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        List<String> members = new ArrayList<>(List.of(atlas, brabant));
        while (members.size() < MATCHES) {
            members.add(UUID.randomUUID().toString());
        }
        String callId = UUID.randomUUID().toString();

        commands.clear();
        for (String member : members) {
            String opportunity = UUID.randomUUID().toString();
            platform.publish(
                    "fundingwatch.opportunities",
                    opportunity,
                    "cluster.fundingwatch.opportunity.matched.v1",
                    ("{\"opportunityId\":\"%s\",\"callId\":\"%s\",\"call\":{\"title\":\"Hydrogen\",\"programme\":\"Horizon"
                         + " Europe\",\"deadlines\":[\"2030-01-31T17:00:00Z\"]},"
                         + "\"target\":{\"kind\":\"member\",\"id\":\"%s\"},\"memberIds\":[\"%s\"]}")
                            .formatted(opportunity, callId, member, member));
        }
        await().atMost(WAIT)
                .until(
                        () ->
                                "1"
                                                .equals(
                                                        api.get(
                                                                        "/api/notifications/unread-count",
                                                                        Platform.token(amina))
                                                                .at("/unread"))
                                        && "1"
                                                .equals(
                                                        api.get(
                                                                        "/api/notifications/unread-count",
                                                                        Platform.token(bruno))
                                                                .at("/unread")));
        await().atMost(WAIT)
                .until(
                        () -> {
                            Document members2 =
                                    mongo.findById(callId, Document.class, "calendar_call_members");
                            return members2 != null
                                    && members2.getList("memberIds", String.class).size()
                                            == MATCHES;
                        });

        Map<String, Long> byConsumer =
                commands.sent().stream()
                        .filter(s -> s.thread().startsWith("events-"))
                        .collect(
                                Collectors.groupingBy(
                                        s ->
                                                s.thread().replaceAll("-\\d+-C-\\d+$", "")
                                                        + " "
                                                        + s.collection()
                                                        + "/"
                                                        + s.command(),
                                        Collectors.counting()));
        System.out.printf(
                "%d matches of one call, commands by consumer: %s%n", MATCHES, byConsumer);
        long peopleReads =
                commands.sent().stream()
                        .filter(
                                s ->
                                        s.thread().startsWith("events-opportunities")
                                                && s.collection().equals("people"))
                        .count();
        assertThat(peopleReads)
                .as("people read by the matches' consumer for %d matches", MATCHES)
                .isZero();
    }
}
