package coop.cluster.finance.period;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.Bookkeeping;
import coop.cluster.finance.ledger.ClosedPeriod;
import coop.cluster.finance.ledger.LedgerClosings;
import coop.cluster.finance.ledger.LedgerEntry;
import coop.cluster.finance.ledger.PostedEntry;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.domain.Seal;
import coop.cluster.finance.ledger.domain.SealChain;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Closing, sealing and verifying on the real store (mongo-java-server over the wire: no
 * transactions): the closing is a journal record at the next sequence, so it serialises with
 * postings from any instance; the seal chain is recomputed from the stored documents and finds a
 * document changed behind the ledger's back.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class)
class PeriodJournalIT {

    /** "Today" for these tests: the second quarter of 2026 is under way. */
    private static final Clock JUNE_15 =
            Clock.fixed(
                    LocalDate.of(2026, 6, 15).atStartOfDay().toInstant(ZoneOffset.UTC),
                    ZoneOffset.UTC);

    private static final String BANK = ChartOfAccounts.BANK;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_periods_it"));
        TestIssuer.shared().register(registry);
    }

    @Autowired MongoTemplate mongo;

    @Autowired LedgerJournal journal;

    @Autowired EventFactory events;

    @Autowired MeterRegistry meters;

    Bookkeeping ledger;
    Periods periods;

    @BeforeEach
    void emptyStore() {
        mongo.remove(new Query(), LedgerJournal.JOURNAL);
        mongo.remove(new Query(), LedgerJournal.HEADS);
        ledger = instance();
        periods = new Periods(new LedgerClosings(ledger), events, JUNE_15, meters);
    }

    private Bookkeeping instance() {
        return new Bookkeeping(journal, events, meters);
    }

    @Test
    void closingSealsThePeriodRefusesItsDatesAndIsIdempotent() {
        PostedEntry january = ledger.post(donation("jan", "2026-01-10", "100.00"));
        PostedEntry february = ledger.post(donation("feb", "2026-02-20", "50.00"));
        PostedEntry april = ledger.post(donation("apr", "2026-04-02", "7.00"));
        double closedBefore = meters.counter(Periods.CLOSED_METRIC).count();

        ClosedPeriod q1 = periods.close("2026-Q1", "fred");

        Seal seal = q1.seal();
        assertThat(q1.replayed()).isFalse();
        assertThat(q1.sequence()).isEqualTo(4);
        assertThat(seal.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(seal.to()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(seal.previousHash()).isEqualTo(Seal.GENESIS);
        assertThat(seal.entryCount()).isEqualTo(2);
        assertThat(seal.firstSequence()).isEqualTo(january.sequence());
        assertThat(seal.lastSequence()).isEqualTo(february.sequence());
        assertThat(seal.hash())
                .isEqualTo(
                        Seal.of(
                                        Seal.GENESIS,
                                        "2026-Q1",
                                        seal.from(),
                                        seal.to(),
                                        List.of(
                                                coop.cluster.finance.ledger.domain.CanonicalEntry
                                                        .of(1, january.entry()),
                                                coop.cluster.finance.ledger.domain.CanonicalEntry
                                                        .of(2, february.entry())))
                                .hash());
        Document stored = mongo.findById(4L, Document.class, LedgerJournal.JOURNAL);
        assertThat(stored.getString("kind")).isEqualTo("period-close");
        assertThat(stored.getString("sealHash")).isEqualTo(seal.hash());
        assertThat(stored.getString("previousHash")).isEqualTo(Seal.GENESIS);
        assertThat(stored.get("entryCount")).isEqualTo(2);
        assertThat(stored.getString("closedBy")).isEqualTo("fred");
        assertThat(stored.getList("outbox", Document.class))
                .as("the event went with the insert, or is published")
                .hasSizeLessThanOrEqualTo(1);
        assertThat(meters.counter(Periods.CLOSED_METRIC).count() - closedBefore).isEqualTo(1);

        ClosedPeriod again = periods.close("2026-Q1", "mia");
        assertThat(again.replayed()).isTrue();
        assertThat(again.seal()).isEqualTo(seal);
        assertThat(again.closedBy()).isEqualTo("fred");
        assertThat(mongo.count(new Query(), LedgerJournal.JOURNAL))
                .as("nothing written again")
                .isEqualTo(4);

        assertViolation(() -> ledger.post(donation("late", "2026-03-31", "1.00")), "period-closed");
        assertViolation(
                () -> instance().post(donation("late", "2026-03-31", "1.00")), "period-closed");
        assertViolation(
                () ->
                        ledger.post(
                                february.entry()
                                        .reversal("feb-r", "key-feb-r", LocalDate.of(2026, 3, 1))),
                "period-closed");
        assertThat(
                        ledger.post(
                                        february.entry()
                                                .reversal(
                                                        "feb-r",
                                                        "key-feb-r",
                                                        LocalDate.of(2026, 4, 3)))
                                .sequence())
                .as("a reversal dated in the open period")
                .isEqualTo(5);
        assertThat(ledger.post(donation("jan", "2026-01-10", "100.00")).replayed())
                .as("a retry of an entry already posted is still a replay")
                .isTrue();

        assertViolation(() -> periods.close("2026-02", "fred"), "period-already-closed");
        assertProblem(() -> periods.close("2026-06", "fred"), "period-not-ended");
        assertProblem(() -> periods.close("2026-Q2", "fred"), "period-not-ended");
        assertProblem(() -> periods.close("2026-13", "fred"), "period-id-invalid");

        ClosedPeriod aprilClosed = periods.close("2026-04", "fred");
        assertThat(aprilClosed.seal().from()).isEqualTo(LocalDate.of(2026, 4, 1));
        assertThat(aprilClosed.seal().previousHash()).isEqualTo(seal.hash());
        assertThat(aprilClosed.seal().entryCount()).isEqualTo(2);
        assertThat(aprilClosed.seal().firstSequence()).isEqualTo(april.sequence());
        assertThat(aprilClosed.seal().lastSequence()).isEqualTo(5);

        assertThat(ledger.entries(1, 100))
                .as("entries only")
                .extracting(LedgerEntry::sequence)
                .containsExactly(1L, 2L, 3L, 5L);
        assertThat(periods.closedPeriods())
                .extracting(closed -> closed.seal().periodId())
                .containsExactly("2026-Q1", "2026-04");
        assertThat(periods.seal("2026-Q1")).contains(seal);
        assertThat(periods.seal("2026-03")).isEmpty();
        assertThat(periods.period("2026-03").status()).isEqualTo(Periods.Status.COVERED);
        assertThat(periods.period("2026-03").coveredBy())
                .map(closed -> closed.seal().periodId())
                .contains("2026-Q1");
        assertThat(periods.period("2026-05").status()).isEqualTo(Periods.Status.OPEN);
        assertThat(periods.closedThrough()).contains(LocalDate.of(2026, 4, 30));
        assertThat(instance().closedThrough())
                .as("a new instance learns it from the journal")
                .contains(LocalDate.of(2026, 4, 30));
        assertThat(instance().balances().balance(BANK)).isEqualTo(eur("107.00"));
        assertThat(periods.verify())
                .isEqualTo(new SealChain.Verification(true, 2, java.util.Optional.empty()));
    }

    @Test
    void verificationFindsADocumentChangedInTheStoreAtItsPeriod() {
        ledger.post(donation("jan", "2026-01-10", "100.00"));
        PostedEntry february = ledger.post(donation("feb", "2026-02-20", "50.00"));
        PostedEntry april = ledger.post(donation("apr", "2026-04-02", "7.00"));
        Seal q1 = periods.close("2026-Q1", "fred").seal();
        Seal aprilSeal = periods.close("2026-04", "fred").seal();
        ledger.post(donation("may", "2026-05-02", "1.00"));
        assertThat(periods.verify().valid()).isTrue();
        long timedBefore = meters.timer(Periods.VERIFY_METRIC).count();

        // an amount changed behind the ledger's back (the entry no longer even balances)
        tamper(february.sequence(), new Update().set("postings.0.amount", "500.00"));
        SealChain.Verification changed = periods.verify();
        assertThat(changed.valid()).isFalse();
        assertThat(changed.periodsChecked()).isEqualTo(1);
        assertThat(changed.firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId()).isEqualTo("2026-Q1");
                            assertThat(broken.storedHash()).isEqualTo(q1.hash());
                            assertThat(broken.expectedHash())
                                    .isNotEqualTo(q1.hash())
                                    .matches("[0-9a-f]{64}");
                            assertThat(broken.reason()).isEqualTo(SealChain.SEAL_MISMATCH);
                        });
        tamper(february.sequence(), new Update().set("postings.0.amount", "50.00"));
        assertThat(periods.verify().valid()).as("restored").isTrue();

        tamper(april.sequence(), new Update().set("description", "Donation (edited)"));
        assertThat(periods.verify().firstBreak())
                .map(SealChain.Break::periodId)
                .contains("2026-04");
        tamper(april.sequence(), new Update().set("description", "Donation apr"));

        tamper(april.sequence(), new Update().set("effectiveDate", "2026-04-03"));
        assertThat(periods.verify().firstBreak())
                .map(SealChain.Break::periodId)
                .contains("2026-04");
        tamper(april.sequence(), new Update().set("effectiveDate", "2026-04-02"));
        assertThat(periods.verify().valid()).isTrue();

        Document removed =
                mongo.findById(february.sequence(), Document.class, LedgerJournal.JOURNAL);
        mongo.remove(
                Query.query(Criteria.where("_id").is(february.sequence())), LedgerJournal.JOURNAL);
        assertThat(periods.verify().firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId()).isEqualTo("2026-Q1");
                            assertThat(broken.reason()).isEqualTo(SealChain.ENTRY_COUNT_MISMATCH);
                        });
        mongo.insert(removed, LedgerJournal.JOURNAL);

        mongo.insert(
                new Document(removed)
                        .append("_id", 100L)
                        .append("entryId", "forged")
                        .append("idempotencyKey", "forged"),
                LedgerJournal.JOURNAL);
        assertThat(periods.verify().firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId())
                                    .as("an entry dated in a closed period, added after it")
                                    .isEqualTo("2026-Q1");
                            assertThat(broken.reason()).isEqualTo(SealChain.ENTRY_AFTER_CLOSING);
                        });
        mongo.remove(Query.query(Criteria.where("_id").is(100L)), LedgerJournal.JOURNAL);
        assertThat(periods.verify().valid()).isTrue();

        Document q1Closing = closingOf("2026-Q1");
        tamper(q1Closing.getLong("_id"), new Update().set("sealHash", "f".repeat(64)));
        assertThat(periods.verify().firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId()).isEqualTo("2026-Q1");
                            assertThat(broken.storedHash()).isEqualTo("f".repeat(64));
                            assertThat(broken.expectedHash()).isEqualTo(q1.hash());
                        });
        tamper(q1Closing.getLong("_id"), new Update().set("sealHash", q1.hash()));
        tamper(closingOf("2026-04").getLong("_id"), new Update().set("previousHash", Seal.GENESIS));
        assertThat(periods.verify().firstBreak())
                .hasValueSatisfying(
                        broken -> {
                            assertThat(broken.periodId()).isEqualTo("2026-04");
                            assertThat(broken.reason()).isEqualTo(SealChain.PREVIOUS_HASH_MISMATCH);
                            assertThat(broken.storedHash()).isEqualTo(aprilSeal.hash());
                        });
        assertThat(meters.timer(Periods.VERIFY_METRIC).count() - timedBefore).isEqualTo(10);
    }

    @Test
    void postingsRacingAClosingFromOtherInstancesNeverLandInTheClosedPeriodAfterIt()
            throws Exception {
        ledger.post(donation("seed", "2026-03-01", "1.00"));
        List<Bookkeeping> instances = List.of(instance(), instance(), instance());
        int threads = 6;
        int afterClosing = 5;
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger marchAttempts = new AtomicInteger(1);
        AtomicBoolean closedYet = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
        ClosedPeriod march;
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Bookkeeping instance = instances.get(thread % instances.size());
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    int left = afterClosing;
                                    for (int i = 0; left > 0 && i < 2_000; i++) {
                                        if (closedYet.get()) {
                                            left--;
                                        }
                                        boolean inMarch = i % 4 != 3;
                                        String day =
                                                inMarch
                                                        ? "2026-03-" + (10 + i % 20)
                                                        : "2026-04-0" + (1 + i % 5);
                                        if (inMarch) {
                                            marchAttempts.incrementAndGet();
                                        }
                                        try {
                                            instance.post(
                                                    donation("t" + thread + "-" + i, day, "1.00"));
                                        } catch (LedgerViolation violation) {
                                            if (violation.code().equals("period-closed")) {
                                                refused.add(day);
                                            } else {
                                                unexpected.add(violation);
                                            }
                                        } catch (RuntimeException other) {
                                            unexpected.add(other);
                                        }
                                    }
                                    return null;
                                }));
            }
            Bookkeeping closer = instance();
            Periods closing = new Periods(new LedgerClosings(closer), events, JUNE_15, meters);
            Future<ClosedPeriod> closed =
                    pool.submit(
                            () -> {
                                start.await();
                                await().atMost(Duration.ofSeconds(60))
                                        .pollInterval(Duration.ofMillis(5))
                                        .until(
                                                () ->
                                                        mongo.count(
                                                                        new Query(),
                                                                        LedgerJournal.JOURNAL)
                                                                >= 20);
                                try {
                                    return closing.close("2026-03", "fred");
                                } finally {
                                    closedYet.set(true);
                                }
                            });
            start.countDown();
            march = closed.get(120, TimeUnit.SECONDS);
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).isEmpty();
        assertThat(refused)
                .as("postings after the closing are refused")
                .isNotEmpty()
                .allSatisfy(day -> assertThat(day).startsWith("2026-03"));
        List<Document> records =
                mongo.find(new Query().with(Sort.by("_id")), Document.class, LedgerJournal.JOURNAL);
        long closedAt = march.sequence();
        long marchBefore =
                records.stream()
                        .filter(
                                document ->
                                        document.getLong("_id") < closedAt
                                                && document.getString("effectiveDate") != null
                                                && document.getString("effectiveDate")
                                                        .startsWith("2026-03"))
                        .count();
        assertThat(records)
                .filteredOn(document -> document.getLong("_id") > closedAt)
                .extracting(document -> document.getString("effectiveDate"))
                .as("nothing dated in March after the closing")
                .allSatisfy(day -> assertThat(day).startsWith("2026-04"));
        assertThat(march.seal().entryCount()).isEqualTo(marchBefore);
        assertThat(records)
                .extracting(document -> document.getLong("_id"))
                .containsExactlyElementsOf(
                        java.util.stream.LongStream.rangeClosed(1, records.size())
                                .boxed()
                                .toList());
        assertThat(marchBefore + refused.size())
                .as("every March posting was either sealed or refused")
                .isEqualTo(marchAttempts.get());
        assertThat(periods.verify().valid()).isTrue();
    }

    private Document closingOf(String periodId) {
        return mongo.findOne(
                Query.query(Criteria.where("periodId").is(periodId)),
                Document.class,
                LedgerJournal.JOURNAL);
    }

    private void tamper(long sequence, Update update) {
        assertThat(
                        mongo.updateFirst(
                                        Query.query(Criteria.where("_id").is(sequence)),
                                        update,
                                        LedgerJournal.JOURNAL)
                                .getMatchedCount())
                .isEqualTo(1);
    }

    private static JournalEntry donation(String id, String date, String amount) {
        return JournalEntry.of(
                id + "-" + UUID.nameUUIDFromBytes(id.getBytes()).toString().substring(0, 8),
                "key-" + id,
                LocalDate.parse(date),
                "Donation " + id,
                List.of(
                        Posting.debit(BANK, eur(amount)),
                        Posting.credit(ChartOfAccounts.DONATIONS, eur(amount))));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private static void assertViolation(ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        LedgerViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(code));
    }

    private static void assertProblem(ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ProblemException.class,
                        problem -> assertThat(problem.code()).isEqualTo(code));
    }
}
