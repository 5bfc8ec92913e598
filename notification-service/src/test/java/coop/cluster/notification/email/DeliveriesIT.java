package coop.cluster.notification.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.notification.email.persistence.DeliveryStore;
import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The deliveries and their queue on the real store: many senders claiming at once each get their
 * own delivery, once; and every crash between two of the writes (a delivery without its queue
 * entry, a queue entry whose delivery is done, a lease that ran out while its holder was still
 * sending) ends with each mail sent and marked once.
 */
@EmbeddedInfraTest
class DeliveriesIT {

    private static final int DELIVERIES = 600;
    private static final int CLAIMERS = 16;

    private MongoClient client;
    private MongoTemplate mongo;
    private Deliveries deliveries;
    private final MovableClock clock = new MovableClock();

    @BeforeEach
    void store() {
        String database = "notification_claims_it_" + UUID.randomUUID().toString().substring(0, 8);
        client = MongoClients.create(EmbeddedInfra.shared().mongoUri(database));
        mongo = new MongoTemplate(client, database);
        DeliveryStore store =
                new DeliveryStore(
                        mongo,
                        new coop.cluster.plumbing.consumer.IdempotentEffects(
                                mongo,
                                200,
                                new io.micrometer.core.instrument.simple.SimpleMeterRegistry()));
        store.createIndexes();
        deliveries =
                new Deliveries(
                        store,
                        clock,
                        new EmailSettings(
                                null,
                                null,
                                Duration.ofMinutes(2),
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                null));
    }

    @AfterEach
    void close() {
        mongo.getDb().drop();
        client.close();
    }

    @Test
    void everyPendingDeliveryGoesToExactlyOneOfManyConcurrentClaimers() throws Exception {
        for (int i = 0; i < DELIVERIES; i++) {
            String id = UUID.randomUUID().toString();
            deliveries.add(
                    id,
                    "event-" + id,
                    "person-" + i,
                    "claims-" + i + "@example.org",
                    Kind.INVOICE_OVERDUE,
                    new Rendered("Claim " + i, "summary", "text", "<p>html</p>"),
                    null);
        }
        Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
        ExecutorService claimers = Executors.newFixedThreadPool(CLAIMERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < CLAIMERS; c++) {
            String owner = "claimer-" + c;
            counts.add(
                    claimers.submit(
                            () -> {
                                start.await();
                                int claimed = 0;
                                Optional<Delivery> next;
                                while ((next = deliveries.claim(owner)).isPresent()) {
                                    Delivery delivery = next.get();
                                    claimedBy
                                            .computeIfAbsent(
                                                    delivery.id(),
                                                    id ->
                                                            new java.util.concurrent
                                                                    .CopyOnWriteArrayList<>())
                                            .add(owner + " (claims " + delivery.claims() + ")");
                                    assertThat(deliveries.markSent(delivery, owner))
                                            .as("%s marks %s sent", owner, delivery.id())
                                            .isTrue();
                                    claimed++;
                                }
                                return claimed;
                            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get(2, TimeUnit.MINUTES);
        }
        claimers.shutdown();

        Map<String, List<String>> claimedTwice = new java.util.TreeMap<>();
        claimedBy.forEach(
                (id, owners) -> {
                    if (owners.size() > 1) {
                        claimedTwice.put(id, owners);
                    }
                });
        assertThat(claimedTwice).as("deliveries handed to more than one claimer").isEmpty();
        assertThat(total).isEqualTo(DELIVERIES);
        assertThat(deliveries.count(Deliveries.SENT)).isEqualTo(DELIVERIES);
        assertThat(claimedBy.values())
                .as("each claimed at its first claim")
                .allSatisfy(owners -> assertThat(owners.getFirst()).endsWith("(claims 1)"));
        assertThat(deliveries.queued()).as("queue entries left").isZero();
    }

    @Test
    void claimsOfBatchesByManyConcurrentSendersHandEachDeliveryToOneOfThem() throws Exception {
        List<String> added = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            added.add(add("batch-" + i));
        }
        Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(CLAIMERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> counts = new ArrayList<>();
        for (int c = 0; c < CLAIMERS; c++) {
            String owner = "sender-" + c;
            counts.add(
                    senders.submit(
                            () -> {
                                start.await();
                                int claimed = 0;
                                List<Delivery> batch;
                                while (!(batch = deliveries.claim(owner, 10)).isEmpty()) {
                                    assertThat(batch).hasSizeLessThanOrEqualTo(10);
                                    batch.forEach(
                                            d ->
                                                    claimedBy
                                                            .computeIfAbsent(
                                                                    d.id(),
                                                                    id ->
                                                                            new java.util.concurrent
                                                                                    .CopyOnWriteArrayList<>())
                                                            .add(owner));
                                    assertThat(deliveries.markSent(batch, owner))
                                            .as("held by %s", owner)
                                            .containsExactlyInAnyOrderElementsOf(
                                                    batch.stream().map(Delivery::id).toList());
                                    claimed += batch.size();
                                }
                                return claimed;
                            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> count : counts) {
            total += count.get(2, TimeUnit.MINUTES);
        }
        senders.shutdown();

        assertThat(claimedBy).allSatisfy((id, owners) -> assertThat(owners).as(id).hasSize(1));
        assertThat(claimedBy.keySet()).containsExactlyInAnyOrderElementsOf(added);
        assertThat(total).isEqualTo(DELIVERIES);
        assertThat(deliveries.count(Deliveries.SENT)).isEqualTo(DELIVERIES);
        assertThat(deliveries.queued()).isZero();
    }

    @Test
    void aBatchMarkSentMarksOnlyWhatItsOwnerStillHolds() {
        String lost = add("lost-lease");
        String kept = add("kept-lease");
        List<Delivery> batch = deliveries.claim("slow", 10);
        assertThat(batch).extracting(Delivery::id).containsExactlyInAnyOrder(lost, kept);
        // the slow sender's leases run out; another takes one of them over
        clock.advance(Duration.ofMinutes(3));
        Delivery taken = deliveries.claim("other").orElseThrow();
        String stillSlows = taken.id().equals(lost) ? kept : lost;
        // the slow sender takes its other one back before marking (as after a retry)
        assertThat(deliveries.claim("slow").map(Delivery::id)).contains(stillSlows);

        assertThat(deliveries.markSent(batch, "slow")).containsExactly(stillSlows);
        assertThat(deliveries.state(lost)).contains(Deliveries.SENT);
        assertThat(deliveries.state(kept)).contains(Deliveries.SENT);
        assertThat(deliveries.markSent(taken, "other"))
                .as("the new holder's entry is its own to remove")
                .isTrue();
        assertThat(deliveries.queued()).isZero();
    }

    @Test
    void aDeliveryWhoseQueueEntryWasLostIsQueuedAgainByTheRedeliveredEvent() {
        String id = add("lost-entry");
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), DeliveryStore.QUEUE);
        assertThat(deliveries.claim("worker")).as("nothing queued").isEmpty();

        assertThat(add(id, "lost-entry")).as("the redelivered event inserts nothing").isFalse();
        Delivery claimed = deliveries.claim("worker").orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(deliveries.markSent(claimed, "worker")).isTrue();
        assertThat(add(id, "lost-entry")).isFalse();
        assertThat(deliveries.queued()).as("a sent delivery is not queued again").isZero();
    }

    @Test
    void pendingDeliveriesOfAStoreWithoutQueueAreQueuedAtStart() {
        String id = UUID.randomUUID().toString();
        // as the service wrote them before the queue: the message and the lease on the delivery
        // itself
        mongo.insert(
                new org.bson.Document("_id", id)
                        .append("eventId", "e")
                        .append("personId", "p")
                        .append("kind", "invoice-overdue")
                        .append("to", "old@example.org")
                        .append("subject", "Old")
                        .append("text", "t")
                        .append("html", "h")
                        .append("messageId", "<" + id + "@x>")
                        .append("state", Deliveries.PENDING)
                        .append("claims", 0)
                        .append("leaseUntil", new java.util.Date(0)),
                DeliveryStore.COLLECTION);
        mongo.insert(
                new org.bson.Document("_id", "done").append("state", Deliveries.SENT),
                DeliveryStore.COLLECTION);

        assertThat(deliveries.requeuePending()).isEqualTo(1);
        assertThat(deliveries.requeuePending()).as("a second start").isZero();
        assertThat(deliveries.claim("worker").map(Delivery::to)).contains("old@example.org");
    }

    @Test
    void aQueueEntryWhoseDeliveryIsDoneIsDroppedAtItsClaim() {
        String sent = add("done-before");
        Delivery first = deliveries.claim("worker").orElseThrow();
        // the mark of the delivery landed, the crash came before the queue entry went
        mongo.updateFirst(
                org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is(sent)),
                new org.springframework.data.mongodb.core.query.Update()
                        .set("state", Deliveries.SENT),
                DeliveryStore.COLLECTION);
        clock.advance(Duration.ofMinutes(3));
        String next = add("next");

        assertThat(deliveries.claim("worker").map(Delivery::id)).contains(next);
        assertThat(first.id()).isEqualTo(sent);
        assertThat(deliveries.queued()).as("only the claimed one is left").isEqualTo(1);
    }

    @Test
    void aLeaseThatRanOutIsTakenOverAndTheFirstHoldersMarkChangesNothing() {
        String id = add("slow-holder");
        Delivery slow = deliveries.claim("slow").orElseThrow();
        assertThat(deliveries.claim("other")).as("held").isEmpty();

        clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        Delivery taken = deliveries.claim("other").orElseThrow();
        assertThat(taken.id()).isEqualTo(id);
        assertThat(taken.claims()).isEqualTo(2);
        assertThat(deliveries.markSent(taken, "other")).isTrue();
        assertThat(deliveries.markSent(slow, "slow")).as("the lost lease").isFalse();
        assertThat(deliveries.release(slow, "slow", clock.instant(), "late")).isFalse();
        assertThat(deliveries.state(id)).contains(Deliveries.SENT);
        assertThat(deliveries.queued()).isZero();
    }

    @Test
    void aReleasedClaimRestsUntilItsTime() {
        String id = add("rests");
        Delivery claimed = deliveries.claim("worker").orElseThrow();
        assertThat(
                        deliveries.release(
                                claimed, "worker", clock.instant().plusSeconds(30), "SMTP down"))
                .isTrue();
        assertThat(deliveries.claim("worker")).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        Delivery again = deliveries.claim("worker").orElseThrow();
        assertThat(again.id()).isEqualTo(id);
        assertThat(again.claims()).isEqualTo(2);
        assertThat(deliveries.markFailed(again, "worker", "given up")).isTrue();
        assertThat(deliveries.state(id)).contains(Deliveries.FAILED);
        assertThat(deliveries.queued()).isZero();
    }

    private String add(String subject) {
        String id = UUID.randomUUID().toString();
        assertThat(add(id, subject)).isTrue();
        return id;
    }

    private boolean add(String id, String subject) {
        return deliveries.add(
                id,
                "event-" + id,
                "person",
                subject + "@example.org",
                Kind.INVOICE_OVERDUE,
                new Rendered(subject, "summary", "text", "<p>html</p>"),
                null);
    }

    /** A clock the tests move forward, so that leases run out without waiting. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
