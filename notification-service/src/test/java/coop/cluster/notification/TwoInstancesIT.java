package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.DeliveryWorker;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.notification.testing.Platform;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two instances of the service on one store, one broker and one SMTP server: their workers race for
 * the same deliveries and their consumers share the partitions, and still every person gets each
 * mail once.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = "cluster.notifications.email.sweep-interval=PT0.2S")
class TwoInstancesIT {

    private static final String DATABASE = "notification_two_instances_it";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static ConfigurableApplicationContext second;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        TestIssuer.shared().register(registry);
    }

    @BeforeAll
    static void secondInstance() {
        // arguments, not default properties: they must win over the system properties the
        // infrastructure set
        second =
                new SpringApplicationBuilder(NotificationApplication.class)
                        .run(
                                "--server.port=0",
                                "--spring.mongodb.uri=" + EmbeddedInfra.shared().mongoUri(DATABASE),
                                "--spring.security.oauth2.resourceserver.jwt.issuer-uri="
                                        + TestIssuer.shared().issuerUri(),
                                "--cluster.notifications.email.sweep-interval=PT0.2S");
    }

    @AfterAll
    static void stopSecond() {
        if (second != null) {
            second.close();
        }
    }

    @Autowired Deliveries deliveries;

    @Autowired DeliveryWorker worker;

    @Autowired Audience audience;

    private final MailBox mail = EmbeddedInfra.shared().mailBox();

    @Test
    void twoWorkersRacingForTheSameDeliveriesSendEachOnce() {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String id = UUID.randomUUID().toString();
            String to = "race-" + id.substring(0, 8) + "@example.org";
            addresses.add(to);
            deliveries.add(
                    id,
                    "event-" + id,
                    "person-" + i,
                    to,
                    Kind.INVOICE_OVERDUE,
                    new Rendered("Race " + i, "summary", "text", "<p>html</p>"),
                    null);
            worker.wake();
            second.getBean(DeliveryWorker.class).wake();
        }
        await().atMost(WAIT).until(() -> deliveries.count(Deliveries.PENDING) == 0);
        for (String to : addresses) {
            assertThat(mail.messagesTo(to)).as(to).hasSize(1);
        }
        assertThat(second.getBean(Deliveries.class).count(Deliveries.SENT))
                .as("both instances see one store")
                .isEqualTo(deliveries.count(Deliveries.SENT));
    }

    @Test
    void eventsConsumedByTwoInstancesReachEachPersonOnce() {
        Platform platform = new Platform(audience);
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        Person bruno = platform.person(atlas, "en", "member");
        int invitations = 12;
        for (int i = 0; i < invitations; i++) {
            String invitation = UUID.randomUUID().toString();
            platform.publish(
                    "project.invitations",
                    invitation,
                    "cluster.project.invitation.sent.v1",
                    ("{\"invitationId\":\"%s\",\"projectId\":\"p%d\",\"projectTitle\":\"Project"
                                    + " %d\",\"memberId\":\"%s\",\"role\":\"optics\"}")
                            .formatted(invitation, i, i, atlas));
        }
        await().atMost(WAIT)
                .until(
                        () ->
                                mail.messagesTo(amina.email()).size() >= invitations
                                        && mail.messagesTo(bruno.email()).size() >= invitations);
        await().atMost(WAIT).until(() -> deliveries.count(Deliveries.PENDING) == 0);
        assertThat(mail.messagesTo(amina.email()))
                .extracting(MailBox.Message::subject)
                .doesNotHaveDuplicates()
                .hasSize(invitations);
        assertThat(mail.messagesTo(bruno.email()))
                .extracting(MailBox.Message::subject)
                .doesNotHaveDuplicates()
                .hasSize(invitations);
    }
}
