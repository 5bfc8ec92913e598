package coop.cluster.plumbing.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The lease and the leased worker over the real wire protocol (the embedded store: single-document
 * atomicity, no transactions): one holder at a time, renewed by its holder, taken over once expired
 * or released, its document's other fields its user's.
 */
@EmbeddedInfraTest
class LeaseIT {

    private static final String DATABASE = "plumbing_lease_it";
    private static final String COLLECTION = "leases";
    private static final Duration TTL = Duration.ofSeconds(30);
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void store() {
        client = MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE));
        mongo = new MongoTemplate(client, DATABASE);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void oneHolderAtATimeRenewedByItTakenOverOnceExpiredOrReleased() {
        String id = UUID.randomUUID().toString();
        MutableClock clock = new MutableClock();
        Lease<Lease.Term> first = Lease.of(mongo, COLLECTION, id, "first", TTL, clock);
        Lease<Lease.Term> second = Lease.of(mongo, COLLECTION, id, "second", TTL, clock);

        assertThat(first.acquire())
                .as("the first grant creates the document")
                .contains(new Lease.Term("first", clock.instant().plus(TTL)));
        assertThat(second.tryAcquire()).as("held by the first").isFalse();
        clock.advance(Duration.ofSeconds(20));
        assertThat(first.acquire())
                .as("its holder renews it")
                .contains(new Lease.Term("first", clock.instant().plus(TTL)));
        clock.advance(Duration.ofSeconds(20));
        assertThat(second.tryAcquire()).as("renewed 20 s ago: still held").isFalse();
        clock.advance(Duration.ofSeconds(11));
        assertThat(second.tryAcquire()).as("expired: taken over").isTrue();
        assertThat(first.tryAcquire()).as("now the second's").isFalse();

        second.release();
        assertThat(first.tryAcquire()).as("released: free at once").isTrue();
        first.release();
        second.release(); // not its own: changes nothing
        Document stored = mongo.findById(id, Document.class, COLLECTION);
        assertThat(stored.getString(Lease.OWNER)).isEqualTo("first");
        assertThat(stored.getDate(Lease.EXPIRES_AT).toInstant()).isEqualTo(Instant.EPOCH);
        assertThat(first.renewEvery()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void theDocumentsOtherFieldsAreCreatedWithItReadWithEachGrantAndNeverChangedByIt() {
        String id = UUID.randomUUID().toString();
        MutableClock clock = new MutableClock();
        Lease<Long> first =
                Lease.of(mongo, COLLECTION, id, "first", TTL, clock)
                        .withExpiryField("leaseUntil")
                        .withInitialFields(Map.of("checkpoint", 0L, "months", List.of()))
                        .reading(document -> ((Number) document.get("checkpoint")).longValue());
        Lease<Long> second =
                Lease.of(mongo, COLLECTION, id, "second", TTL, clock)
                        .withExpiryField("leaseUntil")
                        .withInitialFields(Map.of("checkpoint", 0L, "months", List.of()))
                        .reading(document -> ((Number) document.get("checkpoint")).longValue());

        assertThat(first.acquire()).contains(0L);
        mongo.getCollection(COLLECTION)
                .updateOne(
                        new Document("_id", id),
                        new Document("$set", new Document("checkpoint", 42L)));
        assertThat(first.acquire()).as("renewed, the user's field read as it is").contains(42L);
        assertThat(second.acquire()).isEmpty();
        clock.advance(TTL.plusSeconds(1));
        assertThat(second.acquire()).as("taken over, the user's field kept").contains(42L);
        Document stored = mongo.findById(id, Document.class, COLLECTION);
        assertThat(stored).containsKeys("leaseUntil", "months").doesNotContainKey(Lease.EXPIRES_AT);
        assertThat(stored.getList("months", String.class)).isEmpty();

        // a document its user created without the lease's fields is free
        String unleased = UUID.randomUUID().toString();
        mongo.getCollection(COLLECTION)
                .insertOne(new Document("_id", unleased).append("checkpoint", 7L));
        assertThat(
                        Lease.of(mongo, COLLECTION, unleased, "first", TTL, clock)
                                .withExpiryField("leaseUntil")
                                .reading(
                                        document ->
                                                ((Number) document.get("checkpoint")).longValue())
                                .acquire())
                .contains(7L);
    }

    @Test
    void aLeasedWorkerWorksOnlyWhileItHoldsTheLeaseAndAnotherTakesOverWhenItStops()
            throws Exception {
        String id = UUID.randomUUID().toString();
        Clock clock = Clock.systemUTC();
        List<String> rounds = new CopyOnWriteArrayList<>();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Boolean> secondHeld = new AtomicReference<>();
        Duration every = Duration.ofMillis(300);
        try (MongoClient counted =
                MongoClients.create(
                        MongoClientSettings.builder()
                                .applyConnectionString(
                                        new ConnectionString(
                                                EmbeddedInfra.shared().mongoUri(DATABASE)))
                                .addCommandListener(
                                        new CommandListener() {
                                            @Override
                                            public void commandStarted(CommandStartedEvent event) {
                                                if (event.getCommandName()
                                                        .equals("findAndModify")) {
                                                    attempts.incrementAndGet();
                                                }
                                            }
                                        })
                                .build())) {
            LeasedWorker<Lease.Term> first =
                    worker(
                            Lease.of(mongo, COLLECTION, id, "first", Duration.ofMillis(900), clock),
                            every,
                            rounds,
                            failures,
                            new AtomicReference<>());
            LeasedWorker<Lease.Term> second =
                    worker(
                            Lease.of(
                                    new MongoTemplate(counted, DATABASE),
                                    COLLECTION,
                                    id,
                                    "second",
                                    Duration.ofMillis(900),
                                    clock),
                            every,
                            rounds,
                            failures,
                            secondHeld);
            first.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> rounds.contains("first"));
            second.start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> attempts.get() > 0); // found held
                int before = attempts.get();
                long started = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    second.wakeUp(); // a stand-by's wake-ups cost no lease command: it tries
                    // every retryEvery
                    Thread.sleep(2);
                }
                double tries = (System.nanoTime() - started) / (double) every.toNanos();
                assertThat(attempts.get() - before)
                        .as("lease attempts of the stand-by woken 200 times")
                        .isLessThanOrEqualTo((int) Math.ceil(tries) + 1);
                assertThat(rounds).as("only the holder works").doesNotContain("second");

                first.stop();
                await().atMost(Duration.ofSeconds(10)).until(() -> rounds.contains("second"));
                assertThat(secondHeld.get()).as("told it took the lease").isTrue();
                assertThat(failures).isEmpty();
            } finally {
                first.stop();
                second.stop();
            }
        }
    }

    private static LeasedWorker<Lease.Term> worker(
            Lease<Lease.Term> lease,
            Duration every,
            List<String> rounds,
            List<Throwable> failures,
            AtomicReference<Boolean> held) {
        return new LeasedWorker<>(
                lease,
                new LeasedWorker.Settings(
                        "lease-it-" + lease.owner(),
                        lease.renewEvery(),
                        every,
                        Duration.ofSeconds(5),
                        true),
                new LeasedWorker.Work<>() {

                    @Override
                    public Duration round(Lease.Term term) {
                        rounds.add(term.owner());
                        return Duration.ofMillis(20);
                    }

                    @Override
                    public void leaseChanged(boolean taken) {
                        held.set(taken);
                    }

                    @Override
                    public Duration failed(
                            Throwable failure, int consecutive, Duration failingFor) {
                        failures.add(failure);
                        return Duration.ofMillis(50);
                    }
                });
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-03-02T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
