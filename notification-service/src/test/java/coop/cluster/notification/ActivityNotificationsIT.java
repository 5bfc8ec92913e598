package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * On the real broker, store and SMTP server, activity-service's events as it publishes them on
 * {@code activity.events} (key: the exchange event's id): a new event goes to the members' people's
 * inboxes and waits for their weekly digest; the person registered hears of their place, their rank
 * on the waiting list and the place freed for them; everyone registered of the cancellation; each
 * in their language, with the event's title and date from {@code event.published}; a redelivered
 * event adds nothing.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.notifications.email.first-backoff=PT0.2S",
            "cluster.notifications.email.sweep-interval=PT1S",
            "cluster.notifications.email.lease=PT3S",
            "cluster.notifications.digest.burst-window=PT1S",
            "cluster.notifications.digest.check-interval=PT1S"
        })
class ActivityNotificationsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPIC = "activity.events";
    private static final String A = "cluster.activity.";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_activity_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Audience audience;

    private final MailBox mail = EmbeddedInfra.shared().mailBox();
    private Platform platform;
    private Api api;

    @BeforeEach
    void setUp() {
        platform = new Platform(audience);
        api = new Api(port);
    }

    @Test
    void registrationsWaitingListPromotionAndCancellationReachTheirPeopleOnce() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        String brabant = platform.organisation("Brabant Photonics SA");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(brabant, "en", "member");
        Person carla = platform.person(brabant, "fr", "member");
        String event = UUID.randomUUID().toString();

        platform.publish(
                TOPIC,
                event,
                A + "event.published.v1",
                ("{\"eventId\":\"%s\",\"kind\":\"WORKSHOP\",\"titleFr\":\"Atelier robotique\","
                                + "\"titleEn\":\"Robotics workshop\",\"place\":\"Gembloux\","
                                + "\"onlineLink\":null,\"startsAt\":\"2027-03-04T09:00:00Z\","
                                + "\"endsAt\":\"2027-03-04T12:00:00Z\",\"capacity\":1,"
                                + "\"audience\":\"ALL_MEMBERS\",\"groupId\":null,"
                                + "\"publishedAt\":\"2026-12-08T08:00:00Z\"}")
                        .formatted(event));
        platform.publish(
                TOPIC,
                event,
                A + "registration.confirmed.v1",
                registration(
                        event, bruno, "\"freePlaces\":0,\"confirmedAt\":\"2026-12-08T09:00:00Z\""));
        String waitlisted = UUID.randomUUID().toString();
        String waitlistedJson =
                registration(
                        event, amina, "\"position\":1,\"waitlistedAt\":\"2026-12-08T09:01:00Z\"");
        platform.publish(
                TOPIC, event, waitlisted, A + "registration.waitlisted.v1", waitlistedJson);

        MailBox.Message confirmed = mail.awaitMessageTo(bruno.email(), WAIT);
        assertThat(confirmed.subject()).isEqualTo("Registration confirmed: Robotics workshop");
        assertThat(confirmed.text())
                .contains(
                        "Your place at Robotics workshop on 4 March 2027 at 09:00 UTC is held (at"
                                + " Gembloux).")
                .contains("http://127.0.0.1:8080/events/" + event);
        assertThat(confirmed.headers()).containsKey("List-Unsubscribe");
        MailBox.Message onTheList = mail.awaitMessageTo(amina.email(), WAIT);
        assertThat(onTheList.subject()).isEqualTo("Liste d’attente : Atelier robotique (rang 1)");

        // bruno cancels: the place goes to amina, then the manager cancels the event
        platform.publish(
                TOPIC,
                event,
                A + "registration.cancelled.v1",
                registration(
                        event,
                        bruno,
                        "\"status\":\"CONFIRMED\",\"cancelledBy\":\"%s\",\"cancelledAt\":\"2026-12-09T09:00:00Z\""
                                .formatted(bruno.id())));
        platform.publish(
                TOPIC,
                event,
                A + "registration.promoted.v1",
                registration(event, amina, "\"promotedAt\":\"2026-12-09T09:00:00Z\""));
        platform.publish(
                TOPIC,
                event,
                A + "event.cancelled.v1",
                ("{\"eventId\":\"%s\",\"reason\":\"salle"
                                + " indisponible\",\"registeredPeople\":[\"%s\"],"
                                + "\"cancelledAt\":\"2026-12-10T09:00:00Z\"}")
                        .formatted(event, amina.id()));
        await().atMost(WAIT).until(() -> mail.messagesTo(amina.email()).size() >= 3);
        assertThat(mail.messagesTo(amina.email()))
                .extracting(MailBox.Message::subject)
                .containsExactlyInAnyOrder(
                        "Liste d’attente : Atelier robotique (rang 1)",
                        "Une place pour vous : Atelier robotique",
                        "Événement annulé : Atelier robotique");
        MailBox.Message cancelled =
                mail.messagesTo(amina.email()).stream()
                        .filter(m -> m.subject().startsWith("Événement annulé"))
                        .findFirst()
                        .orElseThrow();
        assertThat(cancelled.text())
                .contains(
                        "Atelier robotique, prévu le 4 mars 2027 à 09:00 UTC, est annulé ; votre"
                                + " inscription ne tient plus. Raison : salle indisponible");
        assertThat(cancelled.headers()).doesNotContainKey("List-Unsubscribe");

        // the waiting-list event again, then a later one on the same partition: once the later
        // one's mail is out, the redelivery was handled
        platform.publish(
                TOPIC, event, waitlisted, A + "registration.waitlisted.v1", waitlistedJson);
        platform.publish(
                TOPIC,
                event,
                A + "registration.confirmed.v1",
                registration(
                        event, carla, "\"freePlaces\":0,\"confirmedAt\":\"2026-12-09T10:00:00Z\""));
        assertThat(mail.awaitMessageTo(carla.email(), WAIT).subject())
                .isEqualTo("Inscription confirmée : Atelier robotique");

        assertThat(mail.messagesTo(amina.email())).hasSize(3);
        // the new event waits for the weekly digest: only the confirmation was mailed to bruno
        assertThat(mail.messagesTo(bruno.email()))
                .extracting(MailBox.Message::subject)
                .containsExactly("Registration confirmed: Robotics workshop");
        assertThat(kinds(amina))
                .containsExactlyInAnyOrder(
                        "event-published",
                        "registration-waitlisted",
                        "registration-promoted",
                        "event-cancelled");
        assertThat(kinds(bruno))
                .containsExactlyInAnyOrder("event-published", "registration-confirmed");
        JsonNode published =
                entries(bruno).stream()
                        .filter(e -> "event-published".equals(e.get("kind").asString()))
                        .findFirst()
                        .orElseThrow();
        assertThat(published.get("title").asString()).isEqualTo("New event: Robotics workshop");
        assertThat(published.get("link").asString())
                .isEqualTo("http://127.0.0.1:8080/events/" + event);
    }

    @Test
    void aThematicGroupsEventTellsNobody() {
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        String group = UUID.randomUUID().toString();
        String open = UUID.randomUUID().toString();
        platform.publish(TOPIC, group, A + "event.published.v1", published(group, "GROUP"));
        // a later event open to all members, on the same partition (same key): once its entry is
        // there, the group's was handled
        platform.publish(TOPIC, group, A + "event.published.v1", published(open, "ALL_MEMBERS"));
        await().atMost(WAIT).until(() -> kinds(amina).size() == 1);
        assertThat(entries(amina).getFirst().get("link").asString()).endsWith("/events/" + open);
        assertThat(mail.messagesTo(amina.email())).isEmpty();
    }

    private static String published(String id, String audienceOf) {
        return ("{\"eventId\":\"%s\",\"kind\":\"SITE_VISIT\",\"titleFr\":\"Visite\",\"titleEn\":null,"
                    + "\"place\":\"Liège\",\"startsAt\":\"2027-04-01T08:00:00Z\","
                    + "\"endsAt\":\"2027-04-01T10:00:00Z\",\"capacity\":10,\"audience\":\"%s\","
                    + "\"groupId\":%s,\"publishedAt\":\"2026-12-08T08:00:00Z\"}")
                .formatted(
                        id,
                        audienceOf,
                        "GROUP".equals(audienceOf) ? "\"" + UUID.randomUUID() + "\"" : "null");
    }

    private static String registration(String event, Person person, String more) {
        return "{\"eventId\":\"%s\",\"registrationId\":\"%s\",\"personId\":\"%s\",\"memberId\":\"%s\",%s}"
                .formatted(event, UUID.randomUUID(), person.id(), person.memberId(), more);
    }

    private List<JsonNode> entries(Person person) {
        Api.Answer answer = api.get("/api/notifications?size=100", Platform.token(person));
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        answer.json().get("content").forEach(entries::add);
        return entries;
    }

    private List<String> kinds(Person person) {
        return entries(person).stream().map(e -> e.get("kind").asString()).toList();
    }
}
