package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.email.DeadLetters;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.Notifier;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An SMTP server that refuses every connection: each claim's send is retried with back-off, the
 * delivery rests and is claimed again, and after the last claim it goes to the dead-letter topic
 * with the reason and is marked failed; the inbox still has the notification.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.mail.host=127.0.0.1",
            "cluster.notifications.email.attempts=3",
            "cluster.notifications.email.first-backoff=PT0.1S",
            "cluster.notifications.email.max-claims=2",
            "cluster.notifications.email.claim-backoff=PT0.5S",
            "cluster.notifications.email.sweep-interval=PT0.5S",
            "cluster.security.revocations.enabled=false"
        })
class DeadLetterIT {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("notification_dlt_it"));
        registry.add("spring.mail.port", DeadLetterIT::closedPort);
        TestIssuer.shared().register(registry);
    }

    @Autowired Audience audience;

    @Autowired Deliveries deliveries;

    @Autowired MeterRegistry meters;

    @Test
    void aMailThatCannotBeSentIsDeadLetteredWithTheReason() {
        Platform platform = new Platform(audience);
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        String invitation = UUID.randomUUID().toString();
        String event =
                platform.publish(
                        "project.invitations",
                        invitation,
                        "cluster.project.invitation.sent.v1",
                        ("{\"invitationId\":\"%s\",\"projectId\":\"p\",\"projectTitle\":\"Olive"
                                        + " robots\",\"memberId\":\"%s\",\"role\":\"optics\"}")
                                .formatted(invitation, atlas));
        String delivery = Notifier.key(event, amina.id(), Channel.EMAIL);

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                deliveries
                                        .state(delivery)
                                        .filter(Deliveries.FAILED::equals)
                                        .isPresent());
        var letters =
                new TopicEvents(EmbeddedInfra.shared().bootstrapServers())
                        .read(DeadLetters.TOPIC, delivery, 1, Duration.ofSeconds(30));
        assertThat(letters).hasSize(1);
        assertThat(letters.getFirst().data().get("reason").asString()).startsWith("SMTP: ");
        assertThat(letters.getFirst().data().get("eventId").asString()).isEqualTo(event);
        assertThat(letters.getFirst().data().get("personId").asString()).isEqualTo(amina.id());
        assertThat(letters.getFirst().data().get("claims").asInt())
                .as("rested once, then given up")
                .isEqualTo(2);
        assertThat(letters.getFirst().data().has("to"))
                .as("no address in the dead letter")
                .isFalse();
        assertThat(
                        meters.counter(
                                        "cluster.notifications",
                                        "outcome",
                                        "failed",
                                        "kind",
                                        "project-invitation",
                                        "channel",
                                        "email")
                                .count())
                .isEqualTo(1.0);
        assertThat(
                        meters.counter(
                                        "cluster.notifications",
                                        "outcome",
                                        "created",
                                        "kind",
                                        "project-invitation",
                                        "channel",
                                        "inbox")
                                .count())
                .isEqualTo(1.0);
    }

    /** A port nobody listens on: connections are refused at once. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
