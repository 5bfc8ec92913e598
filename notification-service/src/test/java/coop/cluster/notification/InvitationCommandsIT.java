package coop.cluster.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.infra.testing.MailBox;
import coop.cluster.notification.audience.Audience;
import coop.cluster.notification.audience.Person;
import coop.cluster.notification.testing.Platform;
import coop.cluster.plumbing.consumer.EventConsumers;
import coop.cluster.testing.security.TestIssuer;
import coop.cluster.testing.store.CountStoreCommands;
import coop.cluster.testing.store.StoreCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the notifications path costs the store per event (issue 21: ≤ 1.5), as {@code ./platform
 * bench notifications} measures it: {@value #EVENTS} {@code invitation.sent} events for an
 * organisation of two people, every command the service sent the store from the events' arrival
 * until all {@value #EVENTS} × 2 e-mails were handed to the SMTP server and their queue entries
 * removed (the consumers of the notices and of the calendar, the senders, and whatever ran
 * meanwhile: the view of the people, the sweeps). The events are on the topic before its consumers
 * read them (their subscriptions paused while they are published), so how many a poll holds does
 * not depend on the machine's speed; every e-mail arrives once.
 */
@EmbeddedInfraTest(mail = true)
@SpringBootTest(
        classes = {NotificationApplication.class, CountStoreCommands.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InvitationCommandsIT {

    @Autowired StoreCommands commands;

    static final int EVENTS = 200;
    static final double TARGET = 1.5;
    static final String DATABASE = "notification_invitation_commands_it";

    private static final Duration WAIT = Duration.ofSeconds(120);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        TestIssuer.shared().register(registry);
    }

    @Autowired Audience audience;

    @Autowired EventConsumers consumers;

    private final MailBox mail = EmbeddedInfra.shared().mailBox();

    @Test
    void invitationsCostAtMostOneAndAHalfStoreCommandsPerEventAndEveryMailArrivesOnce() {
        Platform platform = new Platform(audience);
        String atlas = platform.organisation("Atlas Agritech SARL");
        Person amina = platform.person(atlas, "fr", "member");
        Person karim = platform.person(atlas, "en", "member", "admin");
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<String> paused = List.of("invitations", "calendar-invitations");
        paused.forEach(consumers::pause);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> paused.stream().allMatch(consumers::paused));
        publish(atlas, run);

        commands.clear();
        paused.forEach(consumers::resume);
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                mailsOf(amina, run).size() >= EVENTS
                                        && mailsOf(karim, run).size() >= EVENTS
                                        && queued() == 0
                                        && calendarItems(run) == EVENTS);
        Map<String, Long> byCommand = commands.snapshot();
        long total = byCommand.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> byThread =
                commands.sent().stream()
                        .collect(
                                Collectors.groupingBy(
                                        s -> s.thread().replaceAll("-\\d+(-C-\\d+)?$", ""),
                                        TreeMap::new,
                                        Collectors.counting()));

        double perEvent = (double) total / EVENTS;
        System.out.printf(
                "%d invitation.sent events, %d e-mails: %d store commands, %.3f per event (target"
                        + " %.1f)%n  by collection/command: %s%n  by thread: %s%n",
                EVENTS, 2 * EVENTS, total, perEvent, TARGET, byCommand, byThread);

        Set<String> titles =
                IntStream.range(0, EVENTS).mapToObj(i -> title(run, i)).collect(Collectors.toSet());
        for (Person person : List.of(amina, karim)) {
            List<MailBox.Message> mails = mailsOf(person, run);
            assertThat(mails).as("mails to %s", person.id()).hasSize(EVENTS);
            assertThat(mails.stream().map(m -> m.headers().get("Message-ID")).distinct())
                    .hasSize(EVENTS);
            assertThat(
                            mails.stream()
                                    .map(m -> titleIn(m.subject(), run))
                                    .collect(Collectors.toSet()))
                    .isEqualTo(titles);
        }
        assertThat(perEvent)
                .as("store commands per event: %s", byCommand)
                .isLessThanOrEqualTo(TARGET);
    }

    private void publish(String memberId, String run) {
        Map<String, Object> props = new HashMap<>();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, EmbeddedInfra.shared().bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        try (var producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < EVENTS; i++) {
                String invitation = UUID.randomUUID().toString();
                var record =
                        new ProducerRecord<>(
                                "project.invitations",
                                invitation,
                                ("{\"invitationId\":\"%s\",\"projectId\":\"%s\",\"projectTitle\":\"%s\",\"memberId\":\"%s\","
                                     + "\"role\":\"optics\",\"expiresAt\":\"2031-12-21T09:30:00Z\"}")
                                        .formatted(
                                                invitation,
                                                UUID.randomUUID(),
                                                title(run, i),
                                                memberId));
                Map.of(
                                "ce_specversion",
                                "1.0",
                                "ce_id",
                                UUID.randomUUID().toString(),
                                "ce_type",
                                "cluster.project.invitation.sent.v1",
                                "ce_source",
                                "/test",
                                "ce_time",
                                java.time.Instant.now().toString(),
                                "content-type",
                                "application/json")
                        .forEach(
                                (name, value) ->
                                        record.headers()
                                                .add(name, value.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static String title(String run, int i) {
        return "Olive robots " + run + " #" + i;
    }

    private static String titleIn(String subject, String run) {
        return subject.substring(subject.indexOf("Olive robots " + run));
    }

    private List<MailBox.Message> mailsOf(Person person, String run) {
        return mail.messagesTo(person.email()).stream()
                .filter(m -> m.subject().contains(run))
                .toList();
    }

    /** Read with a client of the test's own, whose commands are not counted. */
    private static long queued() {
        try (MongoClient client = MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE))) {
            return client.getDatabase(DATABASE).getCollection("email_queue").countDocuments();
        }
    }

    private static long calendarItems(String run) {
        try (MongoClient client = MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE))) {
            return client.getDatabase(DATABASE)
                    .getCollection("calendar_items")
                    .countDocuments(new Document("title", new Document("$regex", run)));
        }
    }
}
