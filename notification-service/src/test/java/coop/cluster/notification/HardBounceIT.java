package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.bounce.Bounces;
import coop.cluster.notification.email.DeadLetters;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.inbox.Inbox;
import coop.cluster.notification.notify.Channel;
import coop.cluster.notification.notify.Notifier;
import coop.cluster.notification.testing.Platform;
import coop.cluster.notification.testing.RefusingSmtpServer;
import coop.cluster.testing.events.TopicEvents;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An SMTP server that refuses the recipient for good (550 5.1.1) at send time: the delivery is
 * given up at once (one claim, no retries, no dead letter: the address is at fault, not an outage),
 * the address is marked hard-bounced, and the next notice for that person makes an inbox entry but
 * no e-mail.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "spring.mail.host=127.0.0.1",
            "cluster.notifications.email.attempts=3",
            "cluster.notifications.email.first-backoff=PT0.1S",
            "cluster.notifications.email.max-claims=3",
            "cluster.notifications.email.claim-backoff=PT0.5S",
            "cluster.notifications.email.sweep-interval=PT0.5S"
        })
class HardBounceIT {

    private static final RefusingSmtpServer SMTP = refusing();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("notification_hard_bounce_it"));
        registry.add("spring.mail.port", SMTP::port);
        TestIssuer.shared().register(registry);
    }

    @AfterAll
    static void stop() {
        SMTP.close();
    }

    @Autowired Audience audience;

    @Autowired Deliveries deliveries;

    @Autowired Bounces bounces;

    @Autowired Inbox inbox;

    @Autowired MeterRegistry meters;

    @Test
    void aRecipientRefusedForGoodIsGivenUpAtOnceAndMarkedBounced() {
        Platform platform = new Platform(audience);
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        String first = invite(platform, atlas);
        String delivery = Notifier.key(first, amina.id(), Channel.EMAIL);

        await().atMost(Duration.ofSeconds(60))
                .until(
                        () ->
                                deliveries
                                        .state(delivery)
                                        .filter(Deliveries.FAILED::equals)
                                        .isPresent());
        // the worker writes the state, then removes the queue entry, then counts the failure: once
        // it is counted,
        // the entry of a delivery given up at once is gone (one released to rest would still be
        // queued)
        await().atMost(Duration.ofSeconds(10)).until(() -> failed() >= 1.0);
        assertThat(bounces.bounced(amina.email())).as("the address is marked").isTrue();
        assertThat(bounces.state(amina.email()).orElseThrow().bounced()).isTrue();
        assertThat(deliveries.queued()).as("given up, not resting for another claim").isZero();
        assertThat(failed()).isEqualTo(1.0);
        // no dead letter: the reader gives up, having read none under the delivery's key
        assertThatThrownBy(
                        () ->
                                new TopicEvents(EmbeddedInfra.shared().bootstrapServers())
                                        .read(
                                                DeadLetters.TOPIC,
                                                delivery,
                                                1,
                                                Duration.ofSeconds(3)))
                .hasMessageContaining("read 0");

        String second = invite(platform, atlas);
        String entry = Notifier.key(second, amina.id(), Channel.INBOX);
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                inbox.list(amina.id(), null, 0, 50).content().stream()
                                        .anyMatch(e -> entry.equals(e.id())));
        assertThat(deliveries.state(Notifier.key(second, amina.id(), Channel.EMAIL)))
                .as("no e-mail made")
                .isEmpty();
    }

    private double failed() {
        return meters.counter(
                        "cluster.notifications",
                        "outcome",
                        "failed",
                        "kind",
                        "project-invitation",
                        "channel",
                        "email")
                .count();
    }

    private static String invite(Platform platform, String memberId) {
        String invitation = UUID.randomUUID().toString();
        return platform.publish(
                "project.invitations",
                invitation,
                "cluster.project.invitation.sent.v1",
                ("{\"invitationId\":\"%s\",\"projectId\":\"p\",\"projectTitle\":\"Olive"
                                + " robots\",\"memberId\":\"%s\",\"role\":\"optics\"}")
                        .formatted(invitation, memberId));
    }

    private static RefusingSmtpServer refusing() {
        try {
            return new RefusingSmtpServer(
                    "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
