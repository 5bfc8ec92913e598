package coop.cluster.fundingwatch.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.fundingwatch.FundingWatchApplication;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.events.TopicRecords;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.security.TestIssuer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
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
 * Deadline reminders on the real broker and store, with a sweep every half second: a call pushed
 * through the intake a day and a half before its deadline gets the 7-day reminder (the 30-day one
 * is skipped), once, whatever more sweeps run, here or in a second sweeper at the same time; a
 * moved deadline gets its own reminder.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FundingWatchApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "cluster.calls.reminder-sweep-interval=PT0.5S",
            "cluster.calls.sweep-initial-delay=PT0S"
        })
class DeadlineReminderIT {

    private static final TopicRecords RECORDS =
            new TopicRecords(EmbeddedInfra.shared().bootstrapServers());

    private static final String CALLS = "fundingwatch.calls";
    private static final String PUBLISHED = "cluster.fundingwatch.call.published.v1";
    private static final String UPDATED = "cluster.fundingwatch.call.updated.v1";
    private static final String APPROACHING = "cluster.fundingwatch.deadline.approaching.v1";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("funding_watch_reminder_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired DeadlineReminders reminders;

    @Autowired MongoTemplate mongo;

    @Test
    void aCallSeenADayAndAHalfBeforeItsDeadlineGetsTheSevenDayReminderOnceWhateverTheSweeps()
            throws Exception {
        String feed = "region-" + UUID.randomUUID().toString().substring(0, 8);
        Instant deadline = Instant.now().plus(Duration.ofHours(36)).truncatedTo(ChronoUnit.SECONDS);
        String id = FundingCall.idOf(feed, "SOON-1").toString();

        Instant pushed = Instant.now();
        Api.Answer created = push(feed, genericCall("SOON-1", deadline));
        assertThat(created.status()).as(created.body()).isEqualTo(202);

        List<TopicRecords.Received> events = settled(id, 2);
        assertThat(events)
                .extracting(TopicRecords.Received::type)
                .containsExactly(PUBLISHED, APPROACHING);
        TopicRecords.Received reminder = events.get(1);
        assertThat(reminder.subject()).isEqualTo(id);
        JsonNode data = reminder.data();
        assertThat(data.get("callId").asString()).isEqualTo(id);
        assertThat(data.get("title").asString()).isEqualTo("Appel SOON-1");
        assertThat(data.get("programme").asString()).isEqualTo("FEDER Sud 2021-2027");
        assertThat(data.get("url").asString()).isEqualTo("https://www.example.org/aap/SOON-1");
        assertThat(data.get("deadline").asString()).isEqualTo(deadline.toString());
        assertThat(data.get("offset").asString()).isEqualTo("P7D");
        assertThat(data.get("daysLeft").asLong()).isEqualTo(1);
        assertThat(data.get("remainingSeconds").asLong())
                .isBetween(
                        Duration.between(Instant.now(), deadline).toSeconds(),
                        Duration.between(pushed, deadline).toSeconds());

        // The call's own document records what was dealt with and when the next reminder is due.
        Document stored = call(id);
        assertThat(stored.getList("remindersSent", String.class))
                .containsExactly(deadline + "|P7D");
        assertThat(stored.getList("remindersSkipped", String.class))
                .containsExactly(deadline + "|P30D");
        assertThat(stored.getDate("nextReminderAt").toInstant())
                .isEqualTo(deadline.minus(Duration.ofDays(1)));

        // More scheduled sweeps, this instance's sweep run by hand, and two sweepers at once:
        // nothing more.
        await().during(Duration.ofMillis(1_500))
                .atMost(Duration.ofSeconds(10))
                .until(() -> reminders.sendDue() == 0);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(reminders::sendDue);
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(reminders::sendDue);
        assertThat(one.get() + other.get()).isZero();
        assertThat(settled(id, 2))
                .extracting(TopicRecords.Received::type)
                .containsExactly(PUBLISHED, APPROACHING);
    }

    @Test
    void aMovedDeadlineGetsItsOwnReminderAndTheOldOnesKeysAreDropped() throws Exception {
        String feed = "region-" + UUID.randomUUID().toString().substring(0, 8);
        Instant first = Instant.now().plus(Duration.ofHours(36)).truncatedTo(ChronoUnit.SECONDS);
        Instant moved = Instant.now().plus(Duration.ofHours(20)).truncatedTo(ChronoUnit.SECONDS);
        String id = FundingCall.idOf(feed, "MOVED-1").toString();
        assertThat(push(feed, genericCall("MOVED-1", first)).status()).isEqualTo(202);
        settled(id, 2);

        Api.Answer changed = push(feed, genericCall("MOVED-1", moved));
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);

        List<TopicRecords.Received> events = settled(id, 4);
        assertThat(events)
                .extracting(TopicRecords.Received::type)
                .containsExactly(PUBLISHED, APPROACHING, UPDATED, APPROACHING);
        assertThat(events.get(1).data().get("deadline").asString()).isEqualTo(first.toString());
        assertThat(events.get(1).data().get("offset").asString()).isEqualTo("P7D");
        JsonNode again = events.get(3).data();
        assertThat(again.get("deadline").asString()).isEqualTo(moved.toString());
        assertThat(again.get("offset").asString())
                .as("20 hours left: the most imminent")
                .isEqualTo("P1D");
        assertThat(again.get("daysLeft").asLong()).isZero();
        Document stored = call(id);
        assertThat(stored.getList("remindersSent", String.class)).containsExactly(moved + "|P1D");
        assertThat(stored.getList("remindersSkipped", String.class))
                .containsExactly(moved + "|P30D", moved + "|P7D");
        assertThat(stored.get("nextReminderAt")).as("no reminder left").isNull();

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> reminders.sendDue() == 0);
        assertThat(settled(id, 4)).hasSize(4);
    }

    @Test
    void aCallFarFromItsDeadlineWaitsForItsFirstReminderAndIsNotReadByTheSweepBefore()
            throws Exception {
        String feed = "region-" + UUID.randomUUID().toString().substring(0, 8);
        Instant deadline = Instant.now().plus(Duration.ofDays(90)).truncatedTo(ChronoUnit.SECONDS);
        String id = FundingCall.idOf(feed, "LATER-1").toString();
        assertThat(push(feed, genericCall("LATER-1", deadline)).status()).isEqualTo(202);

        Document stored = call(id);
        assertThat(stored.getList("remindersSent", String.class)).isEmpty();
        assertThat(stored.getList("remindersSkipped", String.class)).isEmpty();
        assertThat(stored.getDate("nextReminderAt").toInstant())
                .isEqualTo(deadline.minus(Duration.ofDays(30)));
        long version = stored.getLong("version");

        // scheduled sweeps run meanwhile, and one by hand: not due, so never written
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(10))
                .until(() -> reminders.sendDue() >= 0 && call(id).getLong("version") == version);
        assertThat(settled(id, 1))
                .extracting(TopicRecords.Received::type)
                .containsExactly(PUBLISHED);
    }

    /**
     * The events under {@code key} once there are at least {@code count} and nothing is waiting in
     * an outbox; there must then be exactly {@code count}.
     */
    private List<TopicRecords.Received> settled(String key, int count) {
        await().atMost(WAIT)
                .until(() -> RECORDS.byKey(CALLS).getOrDefault(key, List.of()).size() >= count);
        await().atMost(WAIT)
                .until(
                        () ->
                                mongo.count(
                                                Query.query(
                                                        Criteria.where("outbox.id").exists(true)),
                                                "calls")
                                        == 0);
        List<TopicRecords.Received> events = RECORDS.byKey(CALLS).getOrDefault(key, List.of());
        assertThat(events).as("events under %s", key).hasSize(count);
        return events;
    }

    private Document call(String id) {
        return mongo.findById(id, Document.class, "calls");
    }

    private Api.Answer push(String feed, String body) {
        String token =
                TestIssuer.shared().token("client-" + feed).roles("feed").feedId(feed).sign();
        return new Api(port).post("/api/feeds/" + feed + "/calls", token, body);
    }

    private static String genericCall(String reference, Instant deadline) {
        return """
        {"calls": [{"reference": "%s", "title": "Appel %s", "programme": "FEDER Sud 2021-2027",
         "status": "OPEN", "deadlines": ["%s"], "url": "https://www.example.org/aap/%s"}]}\
        """
                .formatted(reference, reference, deadline, reference);
    }
}
