package coop.cluster.benchmarks;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.function.Function;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The two ways the read benchmarks load a service: paced (open loop, requests due at a fixed rate,
 * latency counted from when each was due, so a slow answer delays nobody's measurement) and closed
 * loop (clients back to back: saturation). Each request is a {@link Probe}: a kind, for the
 * per-kind figures, and a path.
 */
final class HttpLoad {

    /** One GET: its kind and its path with the query. */
    record Probe(String kind, String path) {}

    private HttpLoad() {}

    static Run paced(
            ServiceClient client,
            int rate,
            int seconds,
            Random random,
            Function<Random, Probe> next)
            throws InterruptedException {
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
            Probe probe = next.apply(random);
            client.http()
                    .sendAsync(
                            client.request("GET", probe.path(), null),
                            HttpResponse.BodyHandlers.ofInputStream())
                    .whenComplete(
                            (response, error) -> {
                                long end = System.nanoTime();
                                if (error != null
                                        || response.statusCode() != 200
                                        || !drain(response.body())) {
                                    run.error(probe, response, error);
                                } else {
                                    run.record(probe.kind(), due, end);
                                }
                                done.countDown();
                            });
        }
        done.await(2, TimeUnit.MINUTES);
        return run;
    }

    static Run closedLoop(
            ServiceClient client,
            int clients,
            int seconds,
            Random seeds,
            Function<Random, Probe> next)
            throws InterruptedException {
        Run run = new Run();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Random random = new Random(seeds.nextLong());
            threads.add(
                    Thread.ofPlatform()
                            .name("load-" + c)
                            .start(
                                    () -> {
                                        while (System.nanoTime() < end) {
                                            Probe probe = next.apply(random);
                                            long t0 = System.nanoTime();
                                            try {
                                                HttpResponse<InputStream> response =
                                                        client.http()
                                                                .send(
                                                                        client.request(
                                                                                "GET",
                                                                                probe.path(),
                                                                                null),
                                                                        HttpResponse.BodyHandlers
                                                                                .ofInputStream());
                                                if (response.statusCode() != 200
                                                        || !drain(response.body())) {
                                                    run.error(probe, response, null);
                                                } else {
                                                    run.record(probe.kind(), t0, System.nanoTime());
                                                }
                                            } catch (IOException e) {
                                                run.error(probe, null, e);
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

    /** The latencies of one run, overall and by kind. */
    static final class Run {

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

        void error(Probe probe, HttpResponse<?> response, Throwable error) {
            if (errors.incrementAndGet() <= 5) {
                System.err.printf(
                        "GET %s failed: %s%n",
                        probe.path(), error != null ? error : "HTTP " + response.statusCode());
            }
        }

        Map<String, Run> byKind() {
            Map<String, Run> runs = new TreeMap<>();
            kinds.forEach(
                    (kind, histogram) -> {
                        Run run = new Run();
                        run.all.add(histogram);
                        run.firstStart.set(firstStart.get());
                        run.lastEnd.set(lastEnd.get());
                        runs.put(kind, run);
                    });
            return runs;
        }

        /** One line: count, throughput, p50/p90/p99/max; {@code unit} names what was counted. */
        String summary(String name, String unit) {
            double seconds = (lastEnd.get() - firstStart.get()) / 1e9;
            long count = all.getTotalCount();
            return "%-44s %7d %-8s %7.0f/s   p50 %6.2f ms   p90 %6.2f ms   p99 %6.2f ms   max %7.2f ms"
                    .formatted(
                            name,
                            count,
                            unit,
                            count / seconds,
                            ms(all.getValueAtPercentile(50)),
                            ms(all.getValueAtPercentile(90)),
                            ms(all.getValueAtPercentile(99)),
                            ms(all.getMaxValue()));
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }
}
