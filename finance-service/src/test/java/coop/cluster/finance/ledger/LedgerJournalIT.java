package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.domain.Balances;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.LedgerViolation;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ledger over the real Mongo wire protocol (mongo-java-server: single-document atomicity, no
 * transactions): the journal's unique {@code _id} sequence is what keeps it sound under concurrent
 * writers.
 */
@EmbeddedInfraTest
@SpringBootTest(classes = FinanceApplication.class)
class LedgerJournalIT {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String BANK = ChartOfAccounts.BANK;
    private static final String DONATIONS = ChartOfAccounts.DONATIONS;
    private static final String ADMIN = ChartOfAccounts.ADMINISTRATIVE_EXPENSES;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri("finance_ledger_it"));
        TestIssuer.shared().register(registry);
    }

    @Autowired MongoTemplate mongo;

    @Autowired LedgerJournal journal;

    @Autowired Bookkeeping wired;

    @Autowired MeterRegistry meters;

    @Autowired EventFactory events;

    Bookkeeping ledger;

    @BeforeEach
    void emptyStore() {
        mongo.remove(new Query(), LedgerJournal.JOURNAL);
        mongo.remove(new Query(), LedgerJournal.HEADS);
        ledger = restarted();
    }

    /** A new service instance over the same database: nothing in memory. */
    private Bookkeeping restarted() {
        return new Bookkeeping(journal, events, meters);
    }

    @Test
    void postsEntriesAtSequences1And2AndKeepsAmountsAsDecimalStrings() {
        double postedBefore = count("posted");

        PostedEntry funding = ledger.post(fund("1000.00"));
        PostedEntry spending = ledger.post(spend("s-1", "12.34"));

        assertThat(new PostedEntry(funding.sequence(), funding.entry(), funding.replayed()))
                .isEqualTo(new PostedEntry(1, fund("1000.00"), false));
        assertThat(funding.asStored())
                .as("what the answer shows is what the journal holds")
                .contains(ledger.entry(1).orElseThrow());
        assertThat(spending.sequence()).isEqualTo(2);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("987.66"));
        assertThat(ledger.entries(1, 10)).extracting(LedgerEntry::sequence).containsExactly(1L, 2L);
        assertThat(ledger.entries(2, 10))
                .singleElement()
                .satisfies(entry -> assertThat(entry.entry()).isEqualTo(spend("s-1", "12.34")));
        Document stored = mongo.findById(2L, Document.class, LedgerJournal.JOURNAL);
        assertThat(stored.getString("idempotencyKey")).isEqualTo("key-s-1");
        assertThat(stored.getList("postings", Document.class))
                .extracting(posting -> posting.get("amount"))
                .containsOnly("12.34");
        assertThat(head().getLong("sequence")).isEqualTo(2L);
        assertThat(count("posted") - postedBefore).isEqualTo(2);
        assertThat(wired).as("the Spring bean").isNotNull();
    }

    @Test
    void theSameKeyWithTheSameContentIsAReplayThatWritesNothing() {
        ledger.post(fund("1000.00"));
        PostedEntry first = ledger.post(spend("s-1", "10.00"));
        double replayedBefore = count("replayed");

        JournalEntry retry =
                new JournalEntry(
                        "s-1-retry",
                        "key-s-1",
                        DAY,
                        "spend s-1",
                        spend("s-1", "10.00").postings(),
                        null,
                        List.of());
        PostedEntry again = ledger.post(retry);
        PostedEntry elsewhere = restarted().post(retry);

        assertThat(again).isEqualTo(new PostedEntry(first.sequence(), first.entry(), true));
        assertThat(elsewhere).isEqualTo(again);
        assertThat(journalCount()).isEqualTo(2);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("990.00"));
        assertThat(count("replayed") - replayedBefore).isEqualTo(2);
    }

    @Test
    void theSameKeyWithOtherContentIsRefused() {
        ledger.post(fund("1000.00"));
        ledger.post(spend("s-1", "10.00"));
        double refusedBefore = count("refused");

        JournalEntry other =
                JournalEntry.of(
                        "s-2",
                        "key-s-1",
                        DAY,
                        "spend s-1",
                        List.of(
                                Posting.debit(ADMIN, eur("11.00")),
                                Posting.credit(BANK, eur("11.00"))));

        assertViolation(() -> ledger.post(other), "idempotency-conflict");
        assertViolation(() -> restarted().post(other), "idempotency-conflict");
        assertThat(journalCount()).isEqualTo(2);
        assertThat(count("refused") - refusedBefore).isEqualTo(2);
    }

    @Test
    void anEntryThatWouldOverdrawTheBankIsRefusedAndNothingIsWritten() {
        ledger.post(fund("1000.00"));
        Document headBefore = head();

        assertViolation(() -> ledger.post(spend("s-1", "1000.01")), "account-would-go-negative");

        assertThat(journalCount()).isEqualTo(1);
        assertThat(head()).isEqualTo(headBefore);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("1000.00"));
        assertThat(ledger.post(spend("s-2", "1000.00")).sequence())
                .as("the refusal took no sequence")
                .isEqualTo(2);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("0.00"));
    }

    @Test
    void balancesAfterARestartAreTheSameAndPostingGoesOn() {
        ledger.post(fund("1000.00"));
        for (int i = 1; i <= 5; i++) {
            ledger.post(spend("s-" + i, "1" + i + ".00"));
        }
        Balances before = ledger.balances();

        assertThat(restarted().balances()).as("from the head").isEqualTo(before);
        mongo.remove(new Query(), LedgerJournal.HEADS);
        Bookkeeping restarted = restarted();
        assertThat(restarted.balances()).as("from the journal alone").isEqualTo(before);
        assertThat(head().getLong("sequence")).as("the head is rebuilt").isEqualTo(6L);

        assertThat(restarted.post(spend("s-6", "1.00")).sequence()).isEqualTo(7);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("934.00"));
        assertThat(ledger.post(spend("s-7", "1.00")).sequence())
                .as("the first instance catches up")
                .isEqualTo(8);
    }

    @Test
    void aHeadLaggingTheJournalStillGivesTheRightBalances() {
        ledger.post(fund("1000.00"));
        ledger.flushHead(); // the tick's work: the head after entry 1
        Document stale = head();
        ledger.post(spend("s-1", "100.00"));
        ledger.post(spend("s-2", "200.00"));
        Balances truth = ledger.balances();
        assertThat(truth.balance(BANK)).isEqualTo(eur("700.00"));

        // rewind: the head goes back to the state after entry 1, with a newer version
        mongo.remove(new Query(), LedgerJournal.HEADS);
        mongo.insert(new Document(stale).append("version", 99L), LedgerJournal.HEADS);
        assertThat(head().getLong("sequence")).isEqualTo(1L);

        assertThat(ledger.balances()).isEqualTo(truth);
        assertThat(head().getLong("sequence")).as("reading moves the head forward").isEqualTo(3L);

        mongo.remove(new Query(), LedgerJournal.HEADS);
        mongo.insert(new Document(stale).append("version", 99L), LedgerJournal.HEADS);
        Bookkeeping restarted = restarted();
        assertThat(restarted.balances()).isEqualTo(truth);
        assertViolation(() -> restarted.post(spend("s-3", "700.01")), "account-would-go-negative");
        assertThat(restarted.post(spend("s-3", "700.00")).sequence()).isEqualTo(4);
        assertThat(restarted().balances().balance(BANK)).isEqualTo(eur("0.00"));
    }

    @Test
    void concurrentWritersNeverOverdrawAndTakeEverySequenceOnce() throws Exception {
        ledger.post(fund("1000.00"));
        int threads = 8;
        int attemptsEach = 25;
        List<Bookkeeping> instances = List.of(restarted(), restarted(), restarted(), restarted());
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger overdrawn = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        double conflictsBefore = meters.counter(Bookkeeping.CONFLICTS_METRIC).count();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Bookkeeping instance = instances.get(thread % instances.size());
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int i = 0; i < attemptsEach; i++) {
                                        try {
                                            PostedEntry posted =
                                                    instance.post(
                                                            spend("t" + thread + "-" + i, "10.00"));
                                            assertThat(posted.replayed()).isFalse();
                                            accepted.incrementAndGet();
                                        } catch (LedgerViolation violation) {
                                            if (violation
                                                    .code()
                                                    .equals("account-would-go-negative")) {
                                                overdrawn.incrementAndGet();
                                            } else {
                                                unexpected.add(violation);
                                            }
                                        } catch (RuntimeException | AssertionError other) {
                                            unexpected.add(other);
                                        }
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        System.out.printf(
                "ledger concurrency: %d sequence conflicts retried%n",
                (long) (meters.counter(Bookkeeping.CONFLICTS_METRIC).count() - conflictsBefore));
        assertThat(unexpected).isEmpty();
        assertThat(accepted.get()).isEqualTo(100);
        assertThat(overdrawn.get()).isEqualTo(100);
        assertThat(journalCount()).as("the funding entry and 100 spendings").isEqualTo(101);
        List<Long> sequences =
                mongo
                        .find(
                                new Query().with(Sort.by("_id")),
                                Document.class,
                                LedgerJournal.JOURNAL)
                        .stream()
                        .map(document -> document.getLong("_id"))
                        .toList();
        assertThat(sequences)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, 101).boxed().toList());

        Money bank = eur("0.00");
        for (LedgerEntry entry : restarted().entries(1, 1000)) {
            for (Posting posting : entry.entry().postings()) {
                if (posting.accountCode().equals(BANK)) {
                    bank = bank.add(posting.signedAmount());
                }
            }
            assertThat(bank.isNegative()).as("bank after entry %d", entry.sequence()).isFalse();
        }
        assertThat(bank).isEqualTo(eur("0.00"));
        assertThat(restarted().balances().balance(BANK)).isEqualTo(eur("0.00"));
        for (Bookkeeping instance : instances) {
            assertThat(instance.balances().balance(BANK)).isEqualTo(eur("0.00"));
        }
        mongo.remove(new Query(), LedgerJournal.HEADS);
        assertThat(restarted().balances().balance(ChartOfAccounts.ADMINISTRATIVE_EXPENSES))
                .isEqualTo(eur("1000.00"));
    }

    /**
     * Group commit: many threads of one instance posting the same keys at once. Each key is posted
     * once, at one sequence, and every other posting of it is answered as its replay, with that
     * sequence, whichever group it went in.
     */
    @Test
    void concurrentPostingsOfTheSameKeysInOneInstanceArePostedOnceAndReplayedToTheRest()
            throws Exception {
        ledger.post(fund("1000.00"));
        int threads = 8;
        int keys = 30;
        java.util.Map<String, java.util.Set<Long>> sequencesByKey =
                new java.util.concurrent.ConcurrentHashMap<>();
        AtomicInteger firsts = new AtomicInteger();
        List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    for (int k = 0; k < keys; k++) {
                                        try {
                                            PostedEntry posted =
                                                    ledger.post(spend("same-" + k, "1.00"));
                                            sequencesByKey
                                                    .computeIfAbsent(
                                                            "same-" + k,
                                                            key ->
                                                                    java.util.concurrent
                                                                            .ConcurrentHashMap
                                                                            .newKeySet())
                                                    .add(posted.sequence());
                                            if (!posted.replayed()) {
                                                firsts.incrementAndGet();
                                            }
                                        } catch (RuntimeException other) {
                                            unexpected.add(other);
                                        }
                                    }
                                    return null;
                                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(unexpected).isEmpty();
        assertThat(firsts.get()).as("postings answered as the first of their key").isEqualTo(keys);
        assertThat(sequencesByKey)
                .hasSize(keys)
                .allSatisfy((key, sequences) -> assertThat(sequences).hasSize(1));
        assertThat(journalCount())
                .as("the funding entry and one entry per key")
                .isEqualTo(1 + keys);
        assertThat(restarted().balances().balance(BANK)).isEqualTo(eur("970.00"));
    }

    /**
     * Two instances over one journal, taking turns: each posts on its own view without reading the
     * journal first, and finds out from the sequence it fails to take that the other wrote; a
     * refusal decided on a view the other instance has moved past is decided again, and so is an
     * acceptance.
     */
    @Test
    void twoInstancesTakingTurnsPostOnTheJournalAsItIsNotAsTheyLastSawIt() {
        Bookkeeping a = ledger;
        Bookkeeping b = restarted();
        double conflictsBefore = meters.counter(Bookkeeping.CONFLICTS_METRIC).count();

        assertThat(a.post(fund("1000.00")).sequence()).isEqualTo(1);
        assertThat(b.post(spend("s-1", "100.00")).sequence())
                .as("b loads the journal first")
                .isEqualTo(2);
        assertThat(a.post(spend("s-2", "100.00")).sequence())
                .as("a loses 2 to b, reads on")
                .isEqualTo(3);
        assertThat(b.post(spend("s-3", "100.00")).sequence()).as("b loses 3 to a").isEqualTo(4);
        assertThat(b.post(spend("s-4", "600.00")).sequence())
                .as("b's own view is current")
                .isEqualTo(5);

        // a's view (bank 800) would accept; the journal (bank 100) refuses
        assertViolation(() -> a.post(spend("s-5", "750.00")), "account-would-go-negative");
        assertThat(
                        b.post(
                                        JournalEntry.of(
                                                "fund-2",
                                                "key-fund-2",
                                                DAY,
                                                "More funding",
                                                List.of(
                                                        Posting.debit(BANK, eur("500.00")),
                                                        Posting.credit(DONATIONS, eur("500.00")))))
                                .sequence())
                .isEqualTo(6);
        // a's view (bank 100) would refuse; the journal (bank 600) accepts
        assertThat(a.post(spend("s-6", "300.00")).sequence()).isEqualTo(7);
        // b's view has no s-6: it tries 7, fails, reads on and answers the replay
        PostedEntry replay = b.post(spend("s-6", "300.00"));
        assertThat(replay.replayed()).isTrue();
        assertThat(replay.sequence()).isEqualTo(7);
        assertViolation(
                () ->
                        b.post(
                                JournalEntry.of(
                                        "s-7",
                                        "key-s-6",
                                        DAY,
                                        "spend s-6",
                                        List.of(
                                                Posting.debit(ADMIN, eur("1.00")),
                                                Posting.credit(BANK, eur("1.00"))))),
                "idempotency-conflict");

        assertThat(meters.counter(Bookkeeping.CONFLICTS_METRIC).count() - conflictsBefore)
                .as("a lost 2 and 4 (s-5), b lost 3 and 7")
                .isEqualTo(4);
        assertThat(
                        mongo.find(
                                new Query().with(Sort.by("_id")),
                                Document.class,
                                LedgerJournal.JOURNAL))
                .extracting(document -> document.getLong("_id"))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(a.balances().balance(BANK)).isEqualTo(eur("300.00"));
        assertThat(b.balances()).isEqualTo(a.balances());
        mongo.remove(new Query(), LedgerJournal.HEADS);
        assertThat(restarted().balances()).isEqualTo(a.balances());
    }

    /**
     * The head is not written per posting: a tick moves it, once, to what the instance wrote, only
     * when it moved.
     */
    @Test
    void theHeadFollowsThePostingsByTicksNotPerPosting() {
        ledger.post(fund("1000.00"));
        ledger.post(spend("s-1", "1.00"));
        ledger.post(spend("s-2", "2.00"));
        assertThat(head()).as("no head write per posting").isNull();

        ledger.flushHead();
        assertThat(head().getLong("sequence")).isEqualTo(3L);
        long version = head().getLong("version");
        ledger.flushHead();
        assertThat(head().getLong("version"))
                .as("nothing written when nothing moved")
                .isEqualTo(version);

        Bookkeeping other = restarted();
        assertThat(other.balances()).as("served from the head").isEqualTo(ledger.balances());
        other.post(spend("s-3", "3.00"));
        ledger.flushHead();
        assertThat(head().getLong("sequence"))
                .as("never moved back, nor by an instance that only read")
                .isEqualTo(3L);
        other.flushHead();
        assertThat(head().getLong("sequence")).isEqualTo(4L);
        assertThat(ledger.balances().balance(BANK)).isEqualTo(eur("994.00"));
    }

    private static JournalEntry fund(String amount) {
        return JournalEntry.of(
                "fund",
                "key-fund",
                DAY,
                "Funding",
                List.of(Posting.debit(BANK, eur(amount)), Posting.credit(DONATIONS, eur(amount))));
    }

    private static JournalEntry spend(String id, String amount) {
        return JournalEntry.of(
                id,
                "key-" + id,
                DAY,
                "spend " + id,
                List.of(Posting.debit(ADMIN, eur(amount)), Posting.credit(BANK, eur(amount))));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private long journalCount() {
        return mongo.count(new Query(), LedgerJournal.JOURNAL);
    }

    private Document head() {
        return mongo.findOne(
                Query.query(Criteria.where("_id").is(LedgerJournal.HEAD_ID)),
                Document.class,
                LedgerJournal.HEADS);
    }

    private double count(String outcome) {
        return meters.counter(Bookkeeping.ENTRIES_METRIC, "outcome", outcome).count();
    }

    private static void assertViolation(
            org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String code) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        LedgerViolation.class,
                        violation -> assertThat(violation.code()).isEqualTo(code));
    }
}
