package coop.cluster.benchmarks;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Seeds members into a running membership-service as its manager: varied profiles from a seeded RNG
 * ({@link DirectoryData}), each applied ({@code POST /api/members/applications}) then admitted
 * ({@code POST /api/members/{id}/admit}), {@code threads} at a time. Not measured as a benchmark;
 * its rate is printed.
 */
final class MemberSeeder {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private MemberSeeder() {}

    /**
     * @return how many were admitted
     */
    static int seed(ServiceClient membership, int count, int threads, long seed, String prefix)
            throws InterruptedException {
        String run = prefix + "-" + Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(1), 3);
        long start = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(
                    Thread.ofPlatform()
                            .name("seed-" + t)
                            .start(
                                    () -> {
                                        for (int i = next.getAndIncrement();
                                                i < count;
                                                i = next.getAndIncrement()) {
                                            // one RNG per member: the same member gets the same
                                            // profile whichever thread seeds it
                                            String profile =
                                                    DirectoryData.profile(
                                                            new Random(seed * 1_000_003 + i),
                                                            run + "-" + i);
                                            try {
                                                long t0 = System.nanoTime();
                                                HttpResponse<String> applied =
                                                        membership.send(
                                                                "POST",
                                                                "/api/members/applications",
                                                                profile);
                                                Matcher id = ID.matcher(applied.body());
                                                if (applied.statusCode() != 201 || !id.find()) {
                                                    fail(failed, "apply", applied);
                                                    continue;
                                                }
                                                HttpResponse<String> admitted =
                                                        membership.send(
                                                                "POST",
                                                                "/api/members/"
                                                                        + id.group(1)
                                                                        + "/admit",
                                                                "{}");
                                                if (admitted.statusCode() != 200) {
                                                    fail(failed, "admit", admitted);
                                                    continue;
                                                }
                                                latency.recordValue(
                                                        Math.min(
                                                                System.nanoTime() - t0,
                                                                TimeUnit.MINUTES.toNanos(1)));
                                                int n = done.incrementAndGet();
                                                if (n % 1000 == 0) {
                                                    System.out.printf(
                                                            "  seeded %d/%d (%.0f members/s)%n",
                                                            n,
                                                            count,
                                                            n
                                                                    / ((System.nanoTime() - start)
                                                                            / 1e9));
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
        System.out.printf(
                "Seeded %d members in %.1f s (%.0f/s, apply + admit p99 %.1f ms), %d failed%n",
                done.get(),
                seconds,
                done.get() / seconds,
                latency.getValueAtPercentile(99) / 1e6,
                failed.get());
        return done.get();
    }

    private static void fail(AtomicInteger failed, String what, HttpResponse<String> response) {
        if (failed.incrementAndGet() <= 5) {
            System.err.printf("%s answered %d: %s%n", what, response.statusCode(), response.body());
        }
    }
}
