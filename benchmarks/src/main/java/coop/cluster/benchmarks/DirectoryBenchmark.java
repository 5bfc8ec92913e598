package coop.cluster.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Load driver for the members directory ({@code GET /api/directory}) of a running membership-service.
 *
 * <ol>
 *   <li>seeds members until the directory holds {@code --members} (10,000 by default): varied profiles from a
 *       seeded RNG ({@link DirectoryData}), each applied ({@code POST /api/members/applications}) then admitted
 *       ({@code POST /api/members/{id}/admit}) by {@code --threads} clients; members already in the directory
 *       count, so a second run seeds nothing;</li>
 *   <li>waits until the directory's total reaches the target (the index follows the store by polling);</li>
 *   <li>warms up, then runs the search mix paced at {@code --rate} per second (open loop: latency counts from the
 *       time a search was due, so a slow answer delays nobody's measurement), then closed loop with
 *       {@code --clients} clients back to back (saturation). Prints count, throughput, p50/p90/p99/max, overall
 *       and per kind of search.</li>
 * </ol>
 *
 * <p>Run: {@code ./platform bench directory [--members 10000] [--rate 100] [--duration 30]} with the platform
 * running; it logs in as the demo manager. Directly: {@code TOKEN=... java ... DirectoryBenchmark --url
 * http://localhost:8081}. {@code TOKEN_COMMAND} (a shell command printing a token) replaces {@code TOKEN} and is
 * re-run every 10 minutes, as the demo issuer's tokens live 15.
 */
public final class DirectoryBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOTAL = Pattern.compile("\"totalElements\":(\\d+)");

    private final ServiceClient client;
    private final HttpClient http;

    private DirectoryBenchmark(ServiceClient client) {
        this.client = client;
        this.http = client.http();
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
        DirectoryBenchmark bench = new DirectoryBenchmark(new ServiceClient(url, options.get("token")));
        long before = bench.total();
        System.out.printf("Directory benchmark against %s: %d members wanted, %d in the directory; %d cores here%n",
                url, members, before, Runtime.getRuntime().availableProcessors());
        if (before < members) {
            bench.seed((int) (members - before), threads, seed);
        }
        bench.awaitTotal(members);

        System.out.printf("Warm-up: %d s closed loop, %d clients%n", warmup, clients);
        bench.closedLoop(clients, warmup, new Random(seed + 1));
        List<String> lines = new ArrayList<>();
        Run paced = bench.paced(rate, duration, new Random(seed + 2));
        lines.add(paced.summary("searches, paced " + rate + "/s"));
        Run saturated = bench.closedLoop(clients, duration, new Random(seed + 3));
        lines.add(saturated.summary("searches, closed loop, " + clients + " clients"));
        System.out.println();
        lines.forEach(System.out::println);
        System.out.println();
        System.out.println("By kind of search, paced run:");
        paced.byKind().forEach((kind, run) -> System.out.println(run.summary("  " + kind)));
        System.out.printf("%nErrors: paced %d, closed loop %d%n", paced.errors.get(), saturated.errors.get());
        System.exit(paced.errors.get() + saturated.errors.get() > 0 ? 1 : 0);
    }

    /** Applies and admits {@code count} new members, {@code threads} at a time. */
    private void seed(int count, int threads, long seed) throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Run latencies = new Run();
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(Thread.ofPlatform().name("seed-" + t).start(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    // one RNG per member: the same member gets the same profile whichever thread seeds it
                    String profile = DirectoryData.profile(new Random(seed * 1_000_003 + i), "BENCH-" + run + "-" + i);
                    try {
                        long t0 = System.nanoTime();
                        HttpResponse<String> applied = client.send("POST", "/api/members/applications", profile);
                        Matcher id = ID.matcher(applied.body());
                        if (applied.statusCode() != 201 || !id.find()) {
                            fail(failed, "apply", applied);
                            continue;
                        }
                        HttpResponse<String> admitted = client.send("POST", "/api/members/" + id.group(1) + "/admit", "{}");
                        if (admitted.statusCode() != 200) {
                            fail(failed, "admit", admitted);
                            continue;
                        }
                        latencies.record("seed", t0, System.nanoTime());
                        int n = done.incrementAndGet();
                        if (n % 1000 == 0) {
                            System.out.printf("  seeded %d/%d (%.0f members/s)%n", n, count,
                                    n / ((System.nanoTime() - start) / 1e9));
                        }
                    } catch (IOException e) {
                        failed.incrementAndGet();
                        System.err.println("seed: " + e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("Seeded %d members in %.1f s (%.0f/s, apply + admit p99 %.1f ms), %d failed%n", done.get(),
                seconds, done.get() / seconds, latencies.all.getValueAtPercentile(99) / 1e6, failed.get());
    }

    private static void fail(AtomicInteger failed, String what, HttpResponse<String> response) {
        if (failed.incrementAndGet() <= 5) {
            System.err.printf("%s answered %d: %s%n", what, response.statusCode(), response.body());
        }
    }

    /** Waits until the directory holds {@code wanted} members; prints how long the index took to catch up. */
    private void awaitTotal(long wanted) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long total;
        while ((total = total()) < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the directory holds " + total + " members after 5 minutes, not "
                        + wanted);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
        System.out.printf("The directory holds %d members (%.1f s after the last admission)%n", total,
                (System.nanoTime() - start) / 1e9);
    }

    private long total() throws Exception {
        HttpResponse<String> response = client.send("GET", "/api/directory?size=1", null);
        Matcher total = TOTAL.matcher(response.body());
        if (response.statusCode() != 200 || !total.find()) {
            throw new IllegalStateException("GET /api/directory answered " + response.statusCode() + ": "
                    + response.body());
        }
        return Long.parseLong(total.group(1));
    }

    /** Searches due at a fixed rate, sent asynchronously; latency from when each was due. */
    private Run paced(int rate, int seconds, Random random) throws InterruptedException {
        Run run = new Run();
        int count = rate * seconds;
        CountDownLatch done = new CountDownLatch(count);
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + (long) (i * (1e9 / rate));
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            DirectoryData.Search search = DirectoryData.search(random);
            http.sendAsync(client.request("GET", "/api/directory?" + search.query(), null),
                            HttpResponse.BodyHandlers.ofInputStream())
                    .whenComplete((response, error) -> {
                        long end = System.nanoTime();
                        if (error != null || response.statusCode() != 200 || !drain(response.body())) {
                            run.error(search, response, error);
                        } else {
                            run.record(search.kind(), due, end);
                        }
                        done.countDown();
                    });
        }
        done.await(2, TimeUnit.MINUTES);
        return run;
    }

    /** {@code clients} clients, each sending its next search when the previous one is answered. */
    private Run closedLoop(int clients, int seconds, Random seeds) throws InterruptedException {
        Run run = new Run();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seeds.nextLong());
            threads.add(Thread.ofPlatform().name("search-" + c).start(() -> {
                while (System.nanoTime() < end) {
                    DirectoryData.Search search = DirectoryData.search(random);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<InputStream> response = http.send(
                                client.request("GET", "/api/directory?" + search.query(), null),
                                HttpResponse.BodyHandlers.ofInputStream());
                        if (response.statusCode() != 200 || !drain(response.body())) {
                            run.error(search, response, null);
                        } else {
                            run.record(search.kind(), t0, System.nanoTime());
                        }
                    } catch (IOException e) {
                        run.error(search, null, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return run;
    }

    private static boolean drain(InputStream body) {
        try (body) {
            body.transferTo(java.io.OutputStream.nullOutputStream());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The latencies of one run, overall and by kind of search. */
    private static final class Run {

        final Histogram all = histogram();
        final Map<String, Histogram> kinds = new ConcurrentHashMap<>();
        final AtomicLong firstStart = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastEnd = new AtomicLong(Long.MIN_VALUE);
        final AtomicInteger errors = new AtomicInteger();

        private static Histogram histogram() {
            return new ConcurrentHistogram(TimeUnit.SECONDS.toNanos(60), 3);
        }

        void record(String kind, long startNanos, long endNanos) {
            long latency = Math.max(0, endNanos - startNanos);
            all.recordValue(latency);
            kinds.computeIfAbsent(kind, k -> histogram()).recordValue(latency);
            firstStart.accumulateAndGet(startNanos, Math::min);
            lastEnd.accumulateAndGet(endNanos, Math::max);
        }

        void error(DirectoryData.Search search, HttpResponse<?> response, Throwable error) {
            if (errors.incrementAndGet() <= 5) {
                System.err.printf("search %s failed: %s%n", search.query(),
                        error != null ? error : "HTTP " + response.statusCode());
            }
        }

        Map<String, Run> byKind() {
            Map<String, Run> runs = new TreeMap<>();
            kinds.forEach((kind, histogram) -> {
                Run run = new Run();
                run.all.add(histogram);
                run.firstStart.set(firstStart.get());
                run.lastEnd.set(lastEnd.get());
                runs.put(kind, run);
            });
            return runs;
        }

        String summary(String name) {
            double seconds = (lastEnd.get() - firstStart.get()) / 1e9;
            long count = all.getTotalCount();
            return "%-44s %7d searches %7.0f/s   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms"
                    .formatted(name, count, count / seconds, ms(all.getValueAtPercentile(50)),
                            ms(all.getValueAtPercentile(90)), ms(all.getValueAtPercentile(99)),
                            ms(all.getMaxValue()));
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
