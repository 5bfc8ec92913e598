package coop.cluster.benchmarks;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load driver for the members directory ({@code GET /api/directory}) of a running
 * membership-service.
 *
 * <ol>
 *   <li>seeds members until the directory holds {@code --members} (10,000 by default): varied
 *       profiles from a seeded RNG ({@link DirectoryData}), each applied ({@code POST
 *       /api/members/applications}) then admitted ({@code POST /api/members/{id}/admit}) by {@code
 *       --threads} clients; members already in the directory count, so a second run seeds nothing;
 *   <li>waits until the directory's total reaches the target (the index follows the store by
 *       polling);
 *   <li>warms up, then runs the search mix paced at {@code --rate} per second (open loop: latency
 *       counts from the time a search was due, so a slow answer delays nobody's measurement), then
 *       closed loop with {@code --clients} clients back to back (saturation). Prints count,
 *       throughput, p50/p90/p99/max, overall and per kind of search.
 * </ol>
 *
 * <p>Run: {@code ./platform bench directory [--members 10000] [--rate 100] [--duration 30]} with
 * the platform running; it logs in as the demo manager. Directly: {@code TOKEN=... java ...
 * DirectoryBenchmark --url http://localhost:8081}. {@code TOKEN_COMMAND} (a shell command printing
 * a token) replaces {@code TOKEN} and is re-run every 10 minutes, as the demo issuer's tokens live
 * 15.
 */
public final class DirectoryBenchmark {

    private static final Pattern TOTAL = Pattern.compile("\"totalElements\":(\\d+)");

    private final ServiceClient client;

    private DirectoryBenchmark(ServiceClient client) {
        this.client = client;
    }

    private static HttpLoad.Probe search(Random random) {
        DirectoryData.Search search = DirectoryData.search(random);
        return new HttpLoad.Probe(search.kind(), "/api/directory?" + search.query());
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        String url = options.getOrDefault("url", "http://localhost:8081");
        int members = Integer.parseInt(options.getOrDefault("members", "10000"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        DirectoryBenchmark bench =
                new DirectoryBenchmark(new ServiceClient(url, options.get("token")));
        long before = bench.total();
        System.out.printf(
                "Directory benchmark against %s: %d members wanted, %d in the directory; %d cores"
                        + " here%n",
                url, members, before, Runtime.getRuntime().availableProcessors());
        if (before < members) {
            MemberSeeder.seed(bench.client, (int) (members - before), threads, seed, "BENCH");
        }
        bench.awaitTotal(members);

        System.out.printf("Warm-up: %d s closed loop, %d clients%n", warmup, clients);
        HttpLoad.closedLoop(
                bench.client, clients, warmup, new Random(seed + 1), DirectoryBenchmark::search);
        List<String> lines = new ArrayList<>();
        HttpLoad.Run paced =
                HttpLoad.paced(
                        bench.client,
                        rate,
                        duration,
                        new Random(seed + 2),
                        DirectoryBenchmark::search);
        lines.add(paced.summary("searches, paced " + rate + "/s", "searches"));
        HttpLoad.Run saturated =
                HttpLoad.closedLoop(
                        bench.client,
                        clients,
                        duration,
                        new Random(seed + 3),
                        DirectoryBenchmark::search);
        lines.add(saturated.summary("searches, closed loop, " + clients + " clients", "searches"));
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("By kind of search, paced run:");
        paced.byKind()
                .forEach((kind, run) -> System.out.println(run.summary("  " + kind, "searches")));
        System.out.printf(
                "%nErrors: paced %d, closed loop %d%n", paced.errors.get(), saturated.errors.get());
        System.exit(paced.errors.get() + saturated.errors.get() > 0 ? 1 : 0);
    }

    /**
     * Waits until the directory holds {@code wanted} members; prints how long the index took to
     * catch up.
     */
    private void awaitTotal(long wanted) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long total;
        while ((total = total()) < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the directory holds " + total + " members after 5 minutes, not " + wanted);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        System.out.printf(
                "The directory holds %d members (%.1f s after the last admission)%n",
                total, (System.nanoTime() - start) / 1e9);
    }

    private long total() throws Exception {
        HttpResponse<String> response = client.send("GET", "/api/directory?size=1", null);
        Matcher total = TOTAL.matcher(response.body());
        if (response.statusCode() != 200 || !total.find()) {
            throw new IllegalStateException(
                    "GET /api/directory answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
        return Long.parseLong(total.group(1));
    }
}
