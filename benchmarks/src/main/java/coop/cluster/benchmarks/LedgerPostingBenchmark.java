package coop.cluster.benchmarks;

import com.mongodb.client.model.Filters;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Load driver for the ledger of a running finance-service: balanced journal entries posted per
 * second, beside a raw {@code insertMany} of the very documents the ledger stored, into the same
 * store.
 *
 * <ol>
 *   <li>as finance staff (the demo user farid), posts one opening donation, then {@code --entries}
 *       balanced entries with {@code --clients} clients back to back: three entries in four are
 *       donations from one of 50 sources ({@code 1000} / {@code 4100:S:<source>}), one in four an
 *       administrative expense paid from the bank ({@code 6100} / {@code 1000}), so every entry
 *       goes through the full rules (balance, accounts opened on demand, no overdraft). With {@code
 *       --batch N} (N &gt; 1) the entries go N at a time to {@code POST
 *       /api/finance/ledger/entries/batch}; otherwise one per {@code POST
 *       /api/finance/ledger/entries};
 *   <li>reads back from the store ({@code --mongo}, the finance database) the journal documents the
 *       run wrote, and inserts copies of them (new {@code _id}s, no outbox) with raw {@code
 *       insertMany} in batches of {@code --raw-batch} into a scratch collection, which it then
 *       drops: the store's own ceiling for the same documents;
 *   <li>prints both rates and the posting latency.
 * </ol>
 *
 * <p>Run: {@code ./platform bench ledger [--entries 20000] [--clients 8] [--batch 1]} with the
 * platform running.
 */
public final class LedgerPostingBenchmark {

    public static void main(String[] args) throws Exception {
        PathBench.alone(BenchOptions.parse(args), LedgerPostingBenchmark::run);
    }

    /** Posts the opening donation, then the entries in the measured phase. */
    static PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception {
        String url = options.getOrDefault("url", "http://localhost:8084");
        int entries = Integer.parseInt(options.getOrDefault("entries", "20000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int batch = Math.max(1, Integer.parseInt(options.getOrDefault("batch", "1")));
        int rawBatch =
                Integer.parseInt(
                        options.getOrDefault("raw-batch", String.valueOf(Math.max(batch, 100))));
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        ServiceClient farid = ServiceClient.asUser(url, "farid");
        String run = UUID.randomUUID().toString().substring(0, 8);
        LocalDate today = LocalDate.now();

        System.out.printf(
                "Ledger posting benchmark against %s: %d entries, %d clients, %s; %d cores here%n",
                url,
                entries,
                clients,
                batch > 1 ? "batches of " + batch : "one entry per request",
                Runtime.getRuntime().availableProcessors());
        HttpResponse<String> opening =
                farid.send(
                        "POST",
                        "/api/finance/ledger/entries",
                        entry(
                                "bench-" + run + "-opening",
                                today,
                                "1000",
                                "4100:S:bench-opening",
                                "1000000.00"));
        if (opening.statusCode() != 201) {
            throw new IllegalStateException(
                    "the opening donation answered "
                            + opening.statusCode()
                            + ": "
                            + opening.body());
        }
        long firstSequence = sequence(opening.body()) + 1;

        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < entries; i++) {
            keys.add("bench-" + run + "-" + i);
        }
        PublishedEvents published =
                new PublishedEvents(
                        bootstrap,
                        "finance.ledger",
                        Set.of("cluster.finance.ledger.entry-posted.v1"),
                        keys,
                        PublishedEvents::idempotencyKey);
        phase.begin();
        long start = System.nanoTime();
        Workers.parallel(
                clients,
                "post",
                () -> {
                    List<String> pending = new ArrayList<>();
                    for (int i = next.getAndIncrement(); i < entries; i = next.getAndIncrement()) {
                        String key = "bench-" + run + "-" + i;
                        String body =
                                i % 4 == 3
                                        ? entry(key, today, "6100", "1000", "12.34")
                                        : entry(
                                                key,
                                                today,
                                                "1000",
                                                "4100:S:bench-" + (i % 50),
                                                "25.00");
                        pending.add(body);
                        if (pending.size() == batch || i + clients >= entries) {
                            long t0 = System.nanoTime();
                            HttpResponse<String> answer =
                                    batch > 1
                                            ? farid.send(
                                                    "POST",
                                                    "/api/finance/ledger/entries/batch",
                                                    "{\"entries\":["
                                                            + String.join(",", pending)
                                                            + "]}")
                                            : farid.send(
                                                    "POST",
                                                    "/api/finance/ledger/entries",
                                                    pending.get(0));
                            int expected = batch > 1 ? 200 : 201;
                            synchronized (latency) {
                                latency.recordValue(
                                        Math.min(
                                                System.nanoTime() - t0,
                                                TimeUnit.MINUTES.toNanos(1)));
                            }
                            if (answer.statusCode() != expected && errors.incrementAndGet() <= 5) {
                                System.err.printf(
                                        "posting answered %d: %s%n",
                                        answer.statusCode(), answer.body());
                            }
                            pending.clear();
                        }
                    }
                });
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean all = published.awaitAll(Duration.ofMinutes(2));
        double publishedSeconds = (published.lastNanos() - start) / 1e9;
        published.close();
        phase.end();
        System.out.printf(
                "Posted %d entries in %.1f s: %.0f entries/s, %d errors; latency per request p50"
                        + " %.2f ms, p99 %.2f ms, max %.2f ms%n",
                entries,
                seconds,
                entries / seconds,
                errors.get(),
                ms(latency.getValueAtPercentile(50)),
                ms(latency.getValueAtPercentile(99)),
                ms(latency.getMaxValue()));
        System.out.printf(
                "Published %d entry-posted events, first posting to last event %.2f s = %.0f/s%n",
                published.count(), publishedSeconds, published.count() / publishedSeconds);
        return new PathRun(
                batch > 1 ? "ledger postings, batches of " + batch : "ledger postings",
                "finance-service",
                entries,
                publishedSeconds,
                latency,
                batch,
                all && errors.get() == 0,
                "finance",
                "ledger_journal",
                Filters.gte("_id", firstSequence),
                rawBatch,
                List.of("finance.ledger"));
    }

    private static String entry(
            String key, LocalDate date, String debit, String credit, String amount) {
        return """
        {"idempotencyKey":"%s","date":"%s","description":"benchmark %s","postings":[\
        {"account":"%s","side":"DEBIT","amount":"%s","currency":"EUR"},\
        {"account":"%s","side":"CREDIT","amount":"%s","currency":"EUR"}]}\
        """
                .formatted(key, date, key, debit, amount, credit, amount);
    }

    private static long sequence(String body) {
        java.util.regex.Matcher matcher =
                java.util.regex.Pattern.compile("\"sequence\"\\s*:\\s*(\\d+)").matcher(body);
        if (!matcher.find()) {
            throw new IllegalStateException("no sequence in " + body);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
