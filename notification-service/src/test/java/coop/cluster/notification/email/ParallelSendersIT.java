package coop.cluster.notification.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.NotificationApplication;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One instance with eight senders draining a burst of deliveries: each is claimed once and sent
 * once, none given up. (The notifications benchmark once saw deliveries dead-lettered as "given up
 * after 5 claims" with eight senders.)
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = NotificationApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
            "cluster.notifications.email.senders=8",
            "cluster.notifications.email.sweep-interval=PT0.2S"
        })
class ParallelSendersIT {

    private static final String DATABASE = "notification_parallel_senders_it";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        TestIssuer.shared().register(registry);
    }

    @Autowired Deliveries deliveries;

    @Autowired DeliveryWorker worker;

    private final MailBox mail = EmbeddedInfra.shared().mailBox();

    @Test
    void eightSendersSendEachDeliveryOnceAndGiveNoneUp() {
        int burst = 400;
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String id = UUID.randomUUID().toString();
            String to = "parallel-" + id.substring(0, 8) + "@example.org";
            addresses.add(to);
            deliveries.add(
                    id,
                    "event-" + id,
                    "person-" + i,
                    to,
                    Kind.INVOICE_OVERDUE,
                    new Rendered("Parallel " + i, "summary", "text", "<p>html</p>"),
                    null);
            worker.wake();
        }
        await().atMost(Duration.ofSeconds(120))
                .until(() -> deliveries.count(Deliveries.PENDING) == 0);
        assertThat(deliveries.count(Deliveries.FAILED)).as("given up").isZero();
        assertThat(deliveries.count(Deliveries.SENT)).isEqualTo(burst);
        assertThat(deliveries.queued()).as("queue entries left").isZero();
        for (String to : addresses) {
            assertThat(mail.messagesTo(to)).as(to).hasSize(1);
        }
    }
}
