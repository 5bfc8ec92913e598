package coop.cluster.finance.report;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import coop.cluster.finance.ledger.domain.JournalEntry;
import coop.cluster.finance.ledger.domain.Money;
import coop.cluster.finance.ledger.domain.Posting;
import coop.cluster.finance.ledger.persistence.JournalDocuments;
import coop.cluster.finance.ledger.persistence.LedgerJournal;
import coop.cluster.finance.ledger.persistence.StoredEntry;
import coop.cluster.finance.report.domain.PeriodReport;
import coop.cluster.finance.report.domain.ProjectBudget;
import coop.cluster.finance.report.domain.ReportPeriod;
import coop.cluster.finance.report.persistence.LedgerTotals;
import coop.cluster.infra.store.MemoryStoreBackend;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load driver for the public reports over a large journal (issue 7: "a public report over 1M
 * entries in under 2 s", reported against raw {@code insertMany} of the same documents). Not a
 * test: run it by hand, see the "Public reports" section of docs/services/finance-service.md for
 * the command and figures.
 *
 * <ol>
 *   <li>builds {@code --entries} (1,000,000) realistic journal documents (the journal's own BSON
 *       shape, from {@link JournalDocuments}): fees from 200 members, donations from 20 sources,
 *       grants over 5 programmes and 40 projects, partners' contributions and project expenses,
 *       administrative, legal and accounting expenses, in-kind contributions; effective dates over
 *       2024-01..2026-10, in posting order with 5% back-dated up to 60 days;
 *   <li><b>baseline</b>: raw {@code insertMany} of them into {@code ledger_journal}, batches of
 *       10,000;
 *   <li><b>projection</b>: {@link LedgerTotalsProjector} catches up from nothing (its real code
 *       path, batches of {@code --batch}, 5,000 as configured);
 *   <li><b>reports</b>: {@link Reports#compute} for a month, a quarter and a year, {@code --rounds}
 *       times each after a warm-up, JSON included (the service's reads of the totals, the
 *       aggregation and Jackson);
 *   <li><b>naive</b>: what a report would cost without the view: one read of a year's entries from
 *       the journal.
 * </ol>
 *
 * The store is the platform's embedded mongo-java-server (memory backend) in this JVM on loopback,
 * or {@code --mongo mongodb://...} (the database is dropped first).
 */
public final class ReportBenchmark {

    private static final int INSERT_BATCH = 10_000;
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);

    private ReportBenchmark() {}

    public static void main(String[] args) throws Exception {
        // without a logback configuration everything logs at DEBUG, the store and the driver
        // included
        ((ch.qos.logback.classic.Logger)
                        org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        Map<String, String> options = options(args);
        int entries = Integer.parseInt(options.getOrDefault("entries", "1000000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "5000"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
        MongoServer server = null;
        String uri = options.get("mongo");
        if (uri == null) {
            server = new MongoServer(new MemoryStoreBackend());
            InetSocketAddress address = server.bind(); // loopback, a free port
            uri = "mongodb://127.0.0.1:" + address.getPort();
        }
        System.out.printf(
                Locale.ROOT,
                "report benchmark: %,d entries, projection batches of %,d, store %s, %d cores,"
                        + " max heap %,d MB%n",
                entries,
                batch,
                server == null ? uri : "embedded (memory backend, loopback)",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20);
        try (MongoClient client = MongoClients.create(uri)) {
            client.getDatabase("bench_reports").drop();
            MongoTemplate mongo = new MongoTemplate(client, "bench_reports");
            run(mongo, entries, batch, rounds);
        } finally {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    private static void run(MongoTemplate mongo, int entries, int batch, int rounds) {
        long started = System.nanoTime();
        List<Document> documents = journal(entries);
        System.out.printf(
                Locale.ROOT,
                "generated %,d journal documents in %.1f s%n",
                entries,
                seconds(started));

        MongoCollection<Document> journal = mongo.getCollection(LedgerJournal.JOURNAL);
        started = System.nanoTime();
        for (int from = 0; from < documents.size(); from += INSERT_BATCH) {
            journal.insertMany(
                    documents.subList(from, Math.min(documents.size(), from + INSERT_BATCH)));
        }
        double insertSeconds = seconds(started);
        documents = null; // the store has them; let the heap go
        System.out.printf(
                Locale.ROOT,
                "baseline  raw insertMany            %,10d entries in %7.1f s = %,8.0f entries/s%n",
                entries,
                insertSeconds,
                entries / insertSeconds);

        LedgerTotals totals = new LedgerTotals(mongo);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        LedgerTotalsProjector projector =
                new LedgerTotalsProjector(
                        totals,
                        batch,
                        Duration.ofMillis(500),
                        Duration.ofSeconds(15),
                        Clock.systemUTC(),
                        meters,
                        false);
        started = System.nanoTime();
        long projected = 0;
        for (int passed; (passed = projector.pass()) > 0; ) {
            projected += passed;
        }
        double projectionSeconds = seconds(started);
        System.out.printf(
                Locale.ROOT,
                "projection catch-up from nothing   %,10d entries in %7.1f s = %,8.0f entries/s"
                        + "  (%.2f x the raw insertMany rate); checkpoint %,d, %d month buckets%n",
                projected,
                projectionSeconds,
                projected / projectionSeconds,
                insertSeconds / projectionSeconds,
                totals.state().checkpoint(),
                totals.state().months().size());
        started = System.nanoTime();
        int again = projector.pass();
        System.out.printf(
                Locale.ROOT,
                "projection pass when caught up     %,10d entries in %7.1f ms%n",
                again,
                seconds(started) * 1000);

        ObjectMapper json = JsonMapper.builder().findAndAddModules().build();
        Reports reports =
                new Reports(
                        totals,
                        projector,
                        null,
                        PeriodSeals.NONE,
                        (from, to) -> budgets(),
                        null,
                        json,
                        Clock.systemUTC(),
                        EUR,
                        Duration.ofSeconds(20));
        for (String periodId : List.of("2026-03", "2026-Q1", "2025")) {
            ReportPeriod period = ReportPeriod.parse(periodId);
            for (int warmUp = 0; warmUp < 3; warmUp++) {
                json.writeValueAsString(reports.compute(period));
            }
            double[] millis = new double[rounds];
            PeriodReport report = null;
            int bytes = 0;
            for (int round = 0; round < rounds; round++) {
                long start = System.nanoTime();
                report = reports.compute(period);
                bytes = json.writeValueAsString(report).length();
                millis[round] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(millis);
            System.out.printf(
                    Locale.ROOT,
                    "report %-8s (%2d months read)     p50 %7.1f ms  max %7.1f ms over %d rounds;"
                            + " income %s, expenses %s, %d projects, %,d bytes of JSON%n",
                    periodId,
                    period.months().size(),
                    millis[rounds / 2],
                    millis[rounds - 1],
                    rounds,
                    report.income().total(),
                    report.expenses().total(),
                    report.projects().size(),
                    bytes);
        }

        started = System.nanoTime();
        Query year =
                Query.query(Criteria.where("effectiveDate").gte("2025-01-01").lte("2025-12-31"));
        year.fields().include("effectiveDate").include("postings");
        year.cursorBatchSize(
                5_000); // one reply for a whole year would pass the driver's 48 MB limit
        long read = mongo.stream(year, Document.class, LedgerJournal.JOURNAL).count();
        System.out.printf(
                Locale.ROOT,
                "naive: read one year's entries from the journal (no aggregation): %,d entries"
                        + " in %.1f s%n",
                read,
                seconds(started));
    }

    /**
     * The journal: entries in posting order, effective dates marching through the period, 5%
     * back-dated.
     */
    private static List<Document> journal(int entries) {
        SplittableRandom random = new SplittableRandom(7);
        List<Document> documents = new ArrayList<>(entries);
        long days = LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay();
        Instant postedAt = Instant.parse("2024-01-01T08:00:00Z");
        for (int i = 0; i < entries; i++) {
            long day = FIRST_DAY.toEpochDay() + days * i / entries;
            if (random.nextInt(100) < 5) {
                day = Math.max(FIRST_DAY.toEpochDay(), day - random.nextInt(60));
            }
            LocalDate date = LocalDate.ofEpochDay(day);
            JournalEntry entry = entry(i, date, random);
            documents.add(
                    JournalDocuments.toDocument(
                            new StoredEntry(i + 1, entry, postedAt.plusSeconds(i))));
        }
        return documents;
    }

    private static JournalEntry entry(int i, LocalDate date, SplittableRandom random) {
        Money amount = Money.of(BigDecimal.valueOf(100 + random.nextInt(500_000), 2), EUR);
        String member = "m-" + random.nextInt(200);
        int projectIndex = random.nextInt(40);
        String project = "p-" + projectIndex;
        String partner =
                "m-" + (projectIndex * 5 + random.nextInt(5)) % 200; // five partners per project
        String[] pair =
                switch (random.nextInt(12)) {
                    case 0, 1, 2 -> new String[] {"1000", "4000:M:" + member};
                    case 3 -> new String[] {"1000", "4100:S:source-" + random.nextInt(20)};
                    case 4 ->
                            new String[] {
                                "1000", "4200:P:prog-" + random.nextInt(5) + ":J:" + project
                            };
                    case 5 -> new String[] {"1000", "2500:J:" + project + ":M:" + partner};
                    case 6 -> new String[] {"6400:J:" + project, "1000"};
                    case 7 -> new String[] {"6100", "1000"};
                    case 8 -> new String[] {"6200", "1000"};
                    case 9 -> new String[] {"6300", "1000"};
                    case 10 -> new String[] {"9000:M:" + member, "9900:M:" + member};
                    default -> new String[] {"1000", "4100"};
                };
        return JournalEntry.of(
                "bench-" + i,
                "bench-key-" + i,
                date,
                "Benchmark entry " + i,
                List.of(Posting.debit(pair[0], amount), Posting.credit(pair[1], amount)));
    }

    private static List<ProjectBudget> budgets() {
        List<ProjectBudget> budgets = new ArrayList<>();
        for (int p = 0; p < 40; p += 2) {
            budgets.add(
                    new ProjectBudget(
                            "p-" + p,
                            List.of(
                                    new ProjectBudget.Pledge(
                                            "m-" + p, Money.of("250000.00", "EUR")))));
        }
        return budgets;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options are --name value: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
