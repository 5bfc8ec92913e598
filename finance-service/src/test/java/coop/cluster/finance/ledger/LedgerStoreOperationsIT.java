package coop.cluster.finance.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import coop.cluster.finance.FinanceApplication;
import coop.cluster.finance.ledger.domain.ChartOfAccounts;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.infra.testing.EmbeddedInfra;
import coop.cluster.infra.testing.EmbeddedInfraTest;
import coop.cluster.testing.http.Api;
import coop.cluster.testing.http.Api.Answer;
import coop.cluster.testing.security.TestIssuer;
import coop.cluster.testing.store.CountStoreCommands;
import coop.cluster.testing.store.StoreCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a ledger posting costs the store, counted, not estimated: every command finance-service
 * sends is seen by a driver {@link CommandListener} (the one Micrometer's {@code
 * mongodb.driver.commands} meter is fed by sees the same), by collection and command, around 500
 * single postings over HTTP from 8 clients and 500 entries in batches of 100, until the reports'
 * projection has caught up with them. The outbox relay's commands on the journal (its read of the
 * events, its {@code $pull}) are told apart and reported, not counted against the ledger: they are
 * the relay's.
 *
 * <p>The bar ({@code QUALITY.md}): at most 1.5 store operations per business write, everything
 * included; the ledger's own share (the insert, the head, the projection) is held here to at most
 * 1.2 per single posting and 0.2 per entry of a batch.
 */
@EmbeddedInfraTest
@SpringBootTest(
        classes = {FinanceApplication.class, CountStoreCommands.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class LedgerStoreOperationsIT {

    @Autowired StoreCommands commands;

    private static final String DATABASE = "finance_ledger_store_ops_it";
    private static final String ENTRIES = "/api/finance/ledger/entries";
    private static final Set<String> LEDGER_COLLECTIONS =
            Set.of(
                    LedgerJournal.JOURNAL,
                    LedgerJournal.HEADS,
                    LedgerTotals.BUCKETS,
                    LedgerTotals.STATE);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> EmbeddedInfra.shared().mongoUri(DATABASE));
        TestIssuer.shared().register(registry);
    }

    @LocalServerPort int port;

    @Autowired Bookkeeping ledger;

    @Test
    void aPostingCostsTheStoreAtMostOneInsertAndItsShareOfBatchedWork() throws Exception {
        Api api = new Api(port);
        String finance = TestIssuer.shared().token("fred").roles("finance").sign();
        try (MongoClient outside = MongoClients.create(EmbeddedInfra.shared().mongoUri(DATABASE))) {
            // warm up: the ledger loaded, the projection's state and bucket in place
            for (int i = 0; i < 20; i++) {
                assertThat(
                                api.post(ENTRIES, finance, donation(UUID.randomUUID().toString()))
                                        .status())
                        .isEqualTo(201);
            }
            awaitProjected(outside);

            Map<String, Long> before = commands.snapshot();
            long started = System.nanoTime();
            int singles = 500;
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int c = 0; c < 8; c++) {
                    done.add(
                            clients.submit(
                                    () -> {
                                        while (next.getAndIncrement() < singles) {
                                            Answer answer =
                                                    api.post(
                                                            ENTRIES,
                                                            finance,
                                                            donation(UUID.randomUUID().toString()));
                                            assertThat(answer.status())
                                                    .as(answer.body())
                                                    .isEqualTo(201);
                                        }
                                        return null;
                                    }));
                }
                for (Future<?> future : done) {
                    future.get(5, TimeUnit.MINUTES);
                }
            } finally {
                clients.shutdownNow();
            }
            awaitProjected(outside);
            Map<String, Long> single = commands.since(before);
            double seconds = (System.nanoTime() - started) / 1e9;

            before = commands.snapshot();
            int batches = 5;
            int perBatch = 100;
            for (int b = 0; b < batches; b++) {
                StringBuilder body = new StringBuilder("{\"entries\":[");
                for (int i = 0; i < perBatch; i++) {
                    body.append(i == 0 ? "" : ",").append(donation(UUID.randomUUID().toString()));
                }
                Answer answer = api.post(ENTRIES + "/batch", finance, body.append("]}").toString());
                assertThat(answer.status()).as(answer.body()).isEqualTo(200);
                assertThat(answer.json().get("posted").asInt()).isEqualTo(perBatch);
            }
            awaitProjected(outside);
            Map<String, Long> batched = commands.since(before);

            double singleShare =
                    print(
                            String.format(
                                    "500 single postings, 8 clients, %.1f s to projected", seconds),
                            single,
                            singles);
            double batchShare =
                    print(batches + " batches of " + perBatch, batched, batches * perBatch);
            long groups = single.getOrDefault(LedgerJournal.JOURNAL + "/insert", 0L);
            assertThat(groups)
                    .as(
                            "at most one insert per posting: concurrent postings go in one (group"
                                    + " commit)")
                    .isBetween(1L, (long) singles);
            assertThat(batched.getOrDefault(LedgerJournal.JOURNAL + "/insert", 0L))
                    .as("one insert per batch")
                    .isEqualTo(batches);
            // what does not depend on this machine's speed: nothing read per posting, the head
            // moved by its tick,
            // the projection in passes at least 200 ms apart, each of a few commands
            long passes = single.getOrDefault(LedgerTotals.STATE + "/findAndModify", 0L);
            assertThat(passes)
                    .as("projection passes")
                    .isLessThanOrEqualTo((long) (seconds / 0.2) + 3);
            assertThat(single.getOrDefault(LedgerJournal.JOURNAL + "/find", 0L))
                    .as(
                            "no journal read per posting: "
                                    + "the projection's, one per pass, and a group's probe")
                    .isLessThanOrEqualTo(passes + groups);
            assertThat(single.getOrDefault(LedgerJournal.HEADS + "/update", 0L))
                    .as("the head, once a second at most")
                    .isLessThanOrEqualTo((long) seconds + 2);
            assertThat(
                            single.getOrDefault(LedgerTotals.BUCKETS + "/find", 0L)
                                    + single.getOrDefault(LedgerTotals.BUCKETS + "/update", 0L)
                                    + single.getOrDefault(LedgerTotals.STATE + "/update", 0L))
                    .as("a bucket and the checkpoint per pass")
                    .isLessThanOrEqualTo(3 * passes);
            // the rest, whatever this machine's speed: nothing but the insert per posting, one per
            // batch
            assertThat(Math.round(singleShare * singles) - timeBound(single))
                    .as(
                            "the ledger's store commands per single posting besides the"
                                + " projection's passes, the groups' probes and the head's tick")
                    .isLessThanOrEqualTo(singles);
            assertThat(Math.round(batchShare * batches * perBatch) - timeBound(batched))
                    .as(
                            "the ledger's store commands per batch besides the projection's passes"
                                    + " and the head's tick")
                    .isLessThanOrEqualTo(batches);
        }
    }

    /**
     * The ledger's commands whose number depends on time, not on postings: the projection's (its
     * state, its buckets, its journal read per pass) and the head's (its tick).
     */
    private static long timeBound(Map<String, Long> counted) {
        long bound = 0;
        for (Map.Entry<String, Long> count : counted.entrySet()) {
            String key = count.getKey();
            if (key.endsWith("(relay)")) {
                continue;
            }
            if (key.startsWith(LedgerTotals.STATE + "/")
                    || key.startsWith(LedgerTotals.BUCKETS + "/")
                    || key.startsWith(LedgerJournal.HEADS + "/")
                    || key.equals(LedgerJournal.JOURNAL + "/find")) {
                bound += count.getValue();
            }
        }
        return bound;
    }

    /**
     * Prints the breakdown per entry; answers the ledger's share (the relay's commands left out).
     */
    private static double print(String title, Map<String, Long> counted, int entries) {
        StringBuilder out =
                new StringBuilder(
                        "store commands per entry, " + title + " (" + entries + " entries):\n");
        long ours = 0;
        for (Map.Entry<String, Long> count : new TreeMap<>(counted).entrySet()) {
            String collection = count.getKey().substring(0, count.getKey().indexOf('/'));
            boolean relay = count.getKey().endsWith("(relay)");
            if (LEDGER_COLLECTIONS.contains(collection) && !relay) {
                ours += count.getValue();
            }
            out.append(
                    String.format(
                            "  %-40s %7d  %.3f%n",
                            count.getKey(), count.getValue(), count.getValue() / (double) entries));
        }
        double share = ours / (double) entries;
        out.append(
                String.format(
                        "  ledger's own (journal, head, projection; relay excluded): %.3f per"
                                + " entry%n",
                        share));
        System.out.print(out);
        return share;
    }

    /**
     * Waits until the projection covers the whole journal, read through a client of its own (not
     * counted).
     */
    private static void awaitProjected(MongoClient outside) {
        var database = outside.getDatabase(DATABASE);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            Document last =
                                    database.getCollection(LedgerJournal.JOURNAL)
                                            .find()
                                            .sort(new Document("_id", -1))
                                            .limit(1)
                                            .first();
                            Document state =
                                    database.getCollection(LedgerTotals.STATE)
                                            .find(new Document("_id", "ledger-totals"))
                                            .first();
                            return last != null
                                    && state != null
                                    && ((Number) state.get("checkpoint")).longValue()
                                            >= ((Number) last.get("_id")).longValue();
                        });
    }

    private static String donation(String key) {
        return """
        {"idempotencyKey":"%s","date":"2026-03-14","description":"Donation","postings":[
         {"account":"%s","side":"DEBIT","amount":"1.00","currency":"EUR"},
         {"account":"%s","side":"CREDIT","amount":"1.00","currency":"EUR"}]}\
        """
                .formatted(key, ChartOfAccounts.BANK, ChartOfAccounts.DONATIONS);
    }
}
