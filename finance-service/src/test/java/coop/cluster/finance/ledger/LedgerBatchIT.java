package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.Bookkeeping.BatchOutcome;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Batches of entries on the real store: each entry decided on its own and the accepted ones written
 * in one ordered insert, sound under writers racing for the same sequences; and the batch over
 * HTTP.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = FinanceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerBatchIT {

    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String BANK = ChartOfAccounts.BANK;
    private static final String BATCH = "/api/finance/ledger/entries/batch";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add(
                "spring.mongodb.uri",
                () -> EmbeddedInfra.shared().mongoUri("finance_ledger_batch_it"));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired MongoTemplate mongo;

    @Autowired LedgerJournal journal;

    @Autowired EventFactory events;

    @Autowired MeterRegistry meters;

    @Autowired Bookkeeping wired;

    private String run;

    @BeforeEach
    void runId() {
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachEntryIsDecidedOnItsOwnAndALaterOneSeesTheEarlierOnes() {
        Bookkeeping ledger = new Bookkeeping(journal, events, meters);
        Money bankBefore = ledger.balances().balance(BANK);
        List<BatchOutcome> outcomes =
                ledger.postAll(
                        List.of(
                                donation("a", "100.00"),
                                spend(
                                        "b",
                                        bankBefore
                                                .add(Money.of("100.01", "EUR"))
                                                .amount()
                                                .toPlainString()), // one cent too far
                                spend("c", "40.00"),
                                donation(
                                        "a",
                                        "100.00"), // the same key and content again, within the
                                // batch
                                JournalEntry.of(
                                        run + "-d",
                                        run + "-c",
                                        DAY,
                                        "other content under c's key",
                                        List.of(
                                                Posting.debit(BANK, Money.of("1.00", "EUR")),
                                                Posting.credit(
                                                        "4100:S:other",
                                                        Money.of("1.00", "EUR"))))));

        assertThat(outcomes).hasSize(5);
        assertThat(outcomes.get(0).posted().replayed()).isFalse();
        assertThat(outcomes.get(1).refused().code()).isEqualTo("account-would-go-negative");
        assertThat(outcomes.get(2).posted().sequence())
                .isEqualTo(outcomes.get(0).posted().sequence() + 1);
        assertThat(outcomes.get(3).posted().replayed()).isTrue();
        assertThat(outcomes.get(3).posted().sequence())
                .isEqualTo(outcomes.get(0).posted().sequence());
        assertThat(outcomes.get(4).refused().code()).isEqualTo("idempotency-conflict");
        assertThat(ledger.balances().balance(BANK))
                .isEqualTo(bankBefore.add(Money.of("60.00", "EUR")));
        assertThat(ledger.balances().balance("4100:S:" + run)).isEqualTo(Money.of("100.00", "EUR"));

        // the same batch again: what was posted is replayed, what was refused is refused again
        List<BatchOutcome> again =
                new Bookkeeping(journal, events, meters)
                        .postAll(List.of(donation("a", "100.00"), spend("c", "40.00")));
        assertThat(again).allSatisfy(outcome -> assertThat(outcome.posted().replayed()).isTrue());
        assertThat(ledger.balances().balance(BANK))
                .isEqualTo(bankBefore.add(Money.of("60.00", "EUR")));
    }

    @Test
    void aSequenceTakenInTheMiddleOfABatchKeepsTheStoredPrefixAndDecidesTheRestAgain() {
        Bookkeeping ledger = new Bookkeeping(journal, events, meters);
        long last = ledger.entries(1, Integer.MAX_VALUE).size();
        // another writer took the second sequence the batch will ask for (and is still writing the
        // first)
        JournalEntry foreign = donation("foreign", "5.00");
        journal.append(
                new coop.cluster.finance.ledger.persistence.StoredEntry(
                        last + 2, foreign, java.time.Instant.now()),
                events.create(
                        coop.cluster.finance.ledger.events.EntryPosted.AGGREGATE,
                        foreign.id(),
                        coop.cluster.finance.ledger.events.EntryPosted.of(
                                last + 2, foreign, java.time.Instant.now())));
        double conflicts = meters.counter(Bookkeeping.CONFLICTS_METRIC).count();

        List<BatchOutcome> outcomes =
                ledger.postAll(
                        List.of(
                                donation("p1", "1.00"),
                                donation("p2", "2.00"),
                                donation("p3", "3.00")));

        assertThat(meters.counter(Bookkeeping.CONFLICTS_METRIC).count()).isGreaterThan(conflicts);
        // the first was stored by the insert that failed on the second: decided again, it is a
        // replay
        assertThat(outcomes.get(0).posted().sequence()).isEqualTo(last + 1);
        assertThat(outcomes.get(0).posted().replayed()).isTrue();
        assertThat(outcomes.get(1).posted().sequence()).isEqualTo(last + 3);
        assertThat(outcomes.get(2).posted().sequence()).isEqualTo(last + 4);
        assertThat(new Bookkeeping(journal, events, meters).balances().balance("4100:S:" + run))
                .isEqualTo(Money.of("11.00", "EUR"));
    }

    @Test
    void writersRacingWithBatchesTakeEverySequenceOnceAndNeverOverdraw() throws Exception {
        List<Bookkeeping> instances =
                List.of(
                        new Bookkeeping(journal, events, meters),
                        new Bookkeeping(journal, events, meters),
                        new Bookkeeping(journal, events, meters));
        long firstBefore = journal.after(0, Integer.MAX_VALUE).size();
        Money bankBefore = instances.get(0).balances().balance(BANK);
        instances.get(0).postAll(List.of(donation("fund", "300.00")));
        int writers = 6;
        int batches = 5;
        int size = 20;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<List<BatchOutcome>>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(
                    pool.submit(
                            () -> {
                                go.await();
                                List<BatchOutcome> all = new ArrayList<>();
                                for (int b = 0; b < batches; b++) {
                                    int batch = b;
                                    all.addAll(
                                            instances
                                                    .get(writer % instances.size())
                                                    .postAll(
                                                            IntStream.range(0, size)
                                                                    .mapToObj(
                                                                            i ->
                                                                                    spend(
                                                                                            "w"
                                                                                                    + writer
                                                                                                    + "-"
                                                                                                    + batch
                                                                                                    + "-"
                                                                                                    + i,
                                                                                            "1.00"))
                                                                    .toList()));
                                }
                                return all;
                            }));
        }
        go.countDown();
        long accepted = 0;
        long overdrawn = 0;
        for (Future<List<BatchOutcome>> future : done) {
            for (BatchOutcome outcome : future.get(120, TimeUnit.SECONDS)) {
                if (outcome.refused() != null) {
                    assertThat(outcome.refused().code()).isEqualTo("account-would-go-negative");
                    overdrawn++;
                } else {
                    assertThat(outcome.posted().replayed()).isFalse();
                    accepted++;
                }
            }
        }
        pool.shutdownNow();

        long funds = 300 + bankBefore.amount().longValue();
        assertThat(accepted).isEqualTo(Math.min(funds, writers * batches * size));
        assertThat(accepted + overdrawn).isEqualTo(writers * batches * size);
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
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(1, firstBefore + 1 + accepted).boxed().toList());
        Bookkeeping fresh = new Bookkeeping(journal, events, meters);
        assertThat(fresh.balances().balance(BANK))
                .isEqualTo(
                        bankBefore
                                .add(Money.of("300.00", "EUR"))
                                .subtract(Money.of(accepted + ".00", "EUR")));
        assertThat(fresh.balances().trialBalance().values())
                .allSatisfy(sum -> assertThat(sum.isZero()).isTrue());
    }

    @Test
    void overHttpEachEntryHasItsResultAndAMalformedBatchPostsNothing() {
        Api api = new Api(port);
        String finance = TestIssuer.shared().token("fred").roles("finance").sign();
        String body =
                "{\"entries\":["
                        + json(run + "-h1", "1000", "4100:S:http", "10.00")
                        + ","
                        + json(run + "-h2", "1000", "4100:S:http", "10.001")
                        + ","
                        + json(run + "-h3", "6100", "1000", "4.00")
                        + "]}";

        Answer answer = api.post(BATCH, finance, body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode results = answer.json().get("results");
        assertThat(answer.json().get("posted").asInt()).isEqualTo(2);
        assertThat(answer.json().get("refused").asInt()).isEqualTo(1);
        assertThat(results.get(0).get("status").asString()).isEqualTo("posted");
        assertThat(results.get(1).get("status").asString()).isEqualTo("refused");
        assertThat(results.get(1).at("/problem/code").asString()).isEqualTo("amount-too-precise");
        assertThat(results.get(1).at("/problem/status").asInt()).isEqualTo(422);
        assertThat(results.get(2).get("sequence").asLong())
                .isEqualTo(results.get(0).get("sequence").asLong() + 1);
        Answer entry =
                api.get(
                        "/api/finance/ledger/entries/" + results.get(2).get("sequence").asLong(),
                        finance);
        assertThat(entry.at("/idempotencyKey")).isEqualTo(run + "-h3");

        // the donations account's total holds its sub-accounts' balances, its own balance only its
        // own postings
        JsonNode balances = api.get("/api/finance/ledger/balances", finance).json();
        JsonNode donations = null;
        JsonNode http = null;
        for (JsonNode account : balances.get("accounts")) {
            if (account.get("code").asString().equals("4100")) {
                donations = account;
            } else if (account.get("code").asString().equals("4100:S:http")) {
                http = account;
            }
        }
        assertThat(http.get("total").asString()).isEqualTo(http.get("balance").asString());
        assertThat(new java.math.BigDecimal(donations.get("total").asString()))
                .isGreaterThanOrEqualTo(new java.math.BigDecimal(http.get("balance").asString()))
                .isGreaterThan(new java.math.BigDecimal(donations.get("balance").asString()));

        Answer replay = api.post(BATCH, finance, body);
        assertThat(replay.json().get("replayed").asInt()).isEqualTo(2);
        assertThat(replay.json().at("/results/0/sequence").asLong())
                .isEqualTo(results.get(0).get("sequence").asLong());

        long before = mongo.count(new Query(), LedgerJournal.JOURNAL);
        Answer noKey =
                api.post(
                        BATCH,
                        finance,
                        "{\"entries\":["
                                + json(run + "-k1", "1000", "4100:S:http", "1.00")
                                + ","
                                + json(null, "1000", "4100:S:http", "1.00")
                                + "]}");
        assertThat(noKey.status()).isEqualTo(400);
        assertThat(noKey.at("/type")).endsWith("/batch-idempotency-key-required");
        Answer repeated =
                api.post(
                        BATCH,
                        finance,
                        "{\"entries\":["
                                + json(run + "-k2", "1000", "4100:S:http", "1.00")
                                + ","
                                + json(run + "-k2", "1000", "4100:S:http", "1.00")
                                + "]}");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(repeated.at("/type")).endsWith("/batch-idempotency-key-repeated");
        assertThat(api.post(BATCH, finance, "{\"entries\":[]}").status()).isEqualTo(400);
        assertThat(mongo.count(new Query(), LedgerJournal.JOURNAL)).isEqualTo(before);

        String manager = TestIssuer.shared().token("mia").roles("manager").sign();
        String member =
                TestIssuer.shared()
                        .token("amy")
                        .roles("member")
                        .memberId(UUID.randomUUID().toString())
                        .sign();
        assertThat(api.post(BATCH, manager, body).status()).isEqualTo(403);
        assertThat(api.post(BATCH, member, body).status()).isEqualTo(403);
        assertThat(api.post(BATCH, null, body).status()).isEqualTo(401);
    }

    private JournalEntry donation(String name, String amount) {
        return JournalEntry.of(
                run + "-" + name,
                run + "-" + name,
                DAY,
                "donation " + name,
                List.of(
                        Posting.debit(BANK, Money.of(amount, "EUR")),
                        Posting.credit("4100:S:" + run, Money.of(amount, "EUR"))));
    }

    private JournalEntry spend(String name, String amount) {
        return JournalEntry.of(
                run + "-" + name,
                run + "-" + name,
                DAY,
                "spend " + name,
                List.of(
                        Posting.debit(
                                ChartOfAccounts.ADMINISTRATIVE_EXPENSES, Money.of(amount, "EUR")),
                        Posting.credit(BANK, Money.of(amount, "EUR"))));
    }

    private static String json(String key, String debit, String credit, String amount) {
        return """
        {%s"date":"2026-03-14","description":"batch","postings":[\
        {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},\
        {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
        """
                .formatted(
                        key == null ? "" : "\"idempotencyKey\":\"" + key + "\",",
                        debit,
                        amount,
                        credit,
                        amount);
    }
}
