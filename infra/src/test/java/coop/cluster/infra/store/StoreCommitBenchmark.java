package coop.cluster.infra.store;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;

/**
 * Acknowledged inserts per second and their latency, with 1, 4, 16 and 64 concurrent clients, for
 * each durability: {@code fsync} and {@code commit} (group commit), and {@code none}, the store as
 * it was (answers at once, H2 writes every 200 ms), the raw baseline. The store runs as the
 * launcher runs it (its own JVM, {@code -Xmx384m}, serial GC) on a new file in a temporary
 * directory; the clients are MongoDB driver threads in this JVM. Figures in docs/store.md.
 *
 * <pre>
 * ./platform store bench [--seconds 5] [--clients 1,4,16,64] [--dir /tmp]
 * </pre>
 */
public final class StoreCommitBenchmark {

    private static final List<String> STORE_JVM_OPTIONS =
            List.of(
                    "-Xms32m",
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-XX:+ExitOnOutOfMemoryError");

    private record Result(double perSecond, double p50Millis, double p99Millis) {}

    public static void main(String[] args) throws Exception {
        int seconds = 5;
        int[] clientCounts = {1, 4, 16, 64};
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--clients" ->
                        clientCounts =
                                Arrays.stream(args[++i].split(","))
                                        .mapToInt(Integer::parseInt)
                                        .toArray();
                case "--dir" -> base = Path.of(args[++i]);
                default ->
                        throw new IllegalArgumentException(
                                "usage: StoreCommitBenchmark [--seconds 5] [--clients 1,4,16,64]"
                                        + " [--dir DIR]");
            }
        }
        Path dir = Files.createTempDirectory(base, "store-bench");
        Map<String, Map<Integer, Result>> results = new LinkedHashMap<>();
        for (String durability : List.of("none", "commit", "fsync")) {
            Path file = dir.resolve(durability + ".mv");
            int port = NetworkPorts.freePort();
            ChildJvm store =
                    ChildJvm.builder(MongoStoreMain.class)
                            .name("store-bench-" + durability)
                            .noDefaultJvmOptions()
                            .jvmOptions(STORE_JVM_OPTIONS.toArray(String[]::new))
                            .args(
                                    "--port",
                                    Integer.toString(port),
                                    "--file",
                                    file.toString(),
                                    "--durability",
                                    durability)
                            .start();
            try {
                store.awaitOutput(MongoStoreMain.READY_MARKER, Duration.ofSeconds(60));
                Map<Integer, Result> byClients = new LinkedHashMap<>();
                for (int clients : clientCounts) {
                    Result r = run("mongodb://127.0.0.1:" + port, clients, seconds);
                    byClients.put(clients, r);
                    System.out.printf(
                            "%-7s %3d clients: %7.0f inserts/s, p50 %6.2f ms, p99 %6.2f ms%n",
                            durability, clients, r.perSecond(), r.p50Millis(), r.p99Millis());
                }
                results.put(durability, byClients);
            } finally {
                store.stop();
            }
        }
        System.out.println();
        System.out.println(
                "| clients | none (old: no wait) | commit | fsync | commit / none | fsync / none"
                        + " |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (int clients : clientCounts) {
            Result none = results.get("none").get(clients);
            Result commit = results.get("commit").get(clients);
            Result fsync = results.get("fsync").get(clients);
            System.out.printf(
                    "| %d | %s | %s | %s | %.2f | %.2f |%n",
                    clients,
                    cell(none),
                    cell(commit),
                    cell(fsync),
                    commit.perSecond() / none.perSecond(),
                    fsync.perSecond() / none.perSecond());
        }
        System.out.println("(inserts/s, p50 / p99 ms)");
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }

    private static String cell(Result r) {
        return String.format("%.0f/s, %.2f / %.2f ms", r.perSecond(), r.p50Millis(), r.p99Millis());
    }

    /**
     * {@code clients} threads inserting ~1 KB documents for a 1 s warm-up, then {@code seconds}
     * measured.
     */
    private static Result run(String uri, int clients, int seconds) throws Exception {
        try (MongoClient client =
                MongoClients.create(
                        MongoClientSettings.builder()
                                .applyConnectionString(
                                        new ConnectionString(
                                                uri + "/?maxPoolSize=" + (clients + 2)))
                                .build())) {
            MongoCollection<Document> c = client.getDatabase("bench").getCollection("c" + clients);
            String padding = "x".repeat(900);
            AtomicBoolean measuring = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            List<long[]> latencies = new ArrayList<>();
            int[] counts = new int[clients];
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                long[] mine = new long[200_000];
                latencies.add(mine);
                int id = t;
                threads.add(
                        Thread.ofPlatform()
                                .start(
                                        () -> {
                                            int n = 0;
                                            for (long i = 0; !stop.get(); i++) {
                                                long start = System.nanoTime();
                                                c.insertOne(
                                                        new Document("_id", id + "-" + i)
                                                                .append("status", "applied")
                                                                .append("padding", padding));
                                                if (measuring.get() && n < mine.length) {
                                                    mine[n++] = System.nanoTime() - start;
                                                }
                                            }
                                            counts[id] = n;
                                        }));
            }
            Thread.sleep(1000);
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
            measuring.set(false);
            long elapsed = System.nanoTime() - start;
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            int total = Arrays.stream(counts).sum();
            long[] all = new long[total];
            int at = 0;
            for (int t = 0; t < clients; t++) {
                System.arraycopy(latencies.get(t), 0, all, at, counts[t]);
                at += counts[t];
            }
            Arrays.sort(all);
            return new Result(total * 1e9 / elapsed, percentile(all, 0.50), percentile(all, 0.99));
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }
}
