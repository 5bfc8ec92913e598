package coop.cluster.benchmarks;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Load driver for admissions in a running membership-service: how many applicants a manager's
 * clients admit per second, each admission counted only once its {@code member.admitted} event is
 * on the broker.
 *
 * <ol>
 *   <li>files {@code --applicants} applications (5,000 by default; not measured);
 *   <li>starts reading {@code membership.members} from its end, then admits them all with {@code
 *       --clients} concurrent clients ({@code POST /api/members/{id}/admit}), back to back;
 *   <li>prints the admissions answered per second, the admissions <em>published</em> per second
 *       (from the first admit sent to the last {@code admitted} event read), the admit latency
 *       percentiles, and how long each event took to reach the broker after its 200 (the outbox
 *       relay's lag).
 * </ol>
 *
 * <p>Run: {@code ./platform bench admissions [--applicants 5000] [--clients 16]} with the platform
 * running. Directly: {@code TOKEN=... java ... AdmissionsBenchmark --url http://localhost:8081
 * --bootstrap 127.0.0.1:9092}.
 */
public final class AdmissionsBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final String ADMITTED = "cluster.membership.member.admitted.v1";

    private final ServiceClient client;

    private AdmissionsBenchmark(ServiceClient client) {
        this.client = client;
    }

    public static void main(String[] args) throws Exception {
        PathBench.alone(BenchOptions.parse(args), AdmissionsBenchmark::run);
    }

    /** Files the applications, then admits them in the measured phase. */
    static PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception {
        String url = options.getOrDefault("url", "http://localhost:8081");
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        int applicants = Integer.parseInt(options.getOrDefault("applicants", "5000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        AdmissionsBenchmark bench =
                new AdmissionsBenchmark(new ServiceClient(url, options.get("token")));

        System.out.printf(
                "Admissions benchmark against %s (broker %s): %d applicants, %d clients; %d cores"
                        + " here%n",
                url, bootstrap, applicants, clients, Runtime.getRuntime().availableProcessors());
        List<String> ids = bench.apply(applicants, clients, seed);
        try (PublishedEvents published =
                new PublishedEvents(
                        bootstrap, "membership.members", Set.of(ADMITTED), Set.copyOf(ids))) {
            phase.begin();
            TimedWrites admitted = bench.admit(ids, clients);
            boolean all = published.awaitAll(Duration.ofMinutes(2));
            phase.end();
            double answered = ids.size() / admitted.seconds();
            double publishedSeconds = (published.lastNanos() - admitted.start) / 1e9;
            Histogram lag = admitted.lag(published);
            Histogram latency = admitted.latency("admit");
            System.out.println();
            System.out.printf(
                    "Admissions answered:  %6d in %6.2f s = %6.0f/s   p50 %6.2f ms   p99 %6.2f ms  "
                            + " max %7.2f ms   errors %d%n",
                    ids.size() - admitted.errors.get(),
                    admitted.seconds(),
                    answered,
                    ms(latency.getValueAtPercentile(50)),
                    ms(latency.getValueAtPercentile(99)),
                    ms(latency.getMaxValue()),
                    admitted.errors.get());
            System.out.printf(
                    "Admissions published: %6d events, first admit to last event %6.2f s ="
                            + " %6.0f/s%n",
                    published.count(), publishedSeconds, published.count() / publishedSeconds);
            System.out.printf(
                    "Event lag after the 200: p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                    ms(lag.getValueAtPercentile(50)),
                    ms(lag.getValueAtPercentile(99)),
                    ms(lag.getMaxValue()));
            boolean complete = all && admitted.errors.get() == 0;
            if (!complete) {
                System.out.printf(
                        "INCOMPLETE: %d of %d admitted events seen, %d admit errors%n",
                        published.count(), ids.size(), admitted.errors.get());
            }
            return new PathRun(
                    "admissions",
                    "membership-service",
                    ids.size(),
                    publishedSeconds,
                    latency,
                    1,
                    complete,
                    "membership",
                    "members",
                    com.mongodb.client.model.Filters.in("_id", ids),
                    100,
                    List.of("membership.members"));
        }
    }

    /** Files {@code count} applications; returns their ids. */
    private List<String> apply(int count, int clients, long seed) throws InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        List<String> ids = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        Workers.parallel(
                clients,
                "apply",
                () -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        String profile =
                                DirectoryData.profile(
                                        new Random(seed * 1_000_003 + i), "ADMIT-" + run + "-" + i);
                        HttpResponse<String> applied =
                                client.send("POST", "/api/members/applications", profile);
                        Matcher id = ID.matcher(applied.body());
                        if (applied.statusCode() != 201 || !id.find()) {
                            throw new IllegalStateException(
                                    "apply answered "
                                            + applied.statusCode()
                                            + ": "
                                            + applied.body());
                        }
                        ids.add(id.group(1));
                    }
                });
        System.out.printf(
                "Filed %d applications in %.1f s%n", ids.size(), (System.nanoTime() - start) / 1e9);
        return ids;
    }

    private TimedWrites admit(List<String> ids, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        TimedWrites admitted = new TimedWrites();
        Workers.parallel(
                clients,
                "admit",
                () -> {
                    for (int i = next.getAndIncrement();
                            i < ids.size();
                            i = next.getAndIncrement()) {
                        String id = ids.get(i);
                        long t0 = System.nanoTime();
                        admitted.record(
                                "admit",
                                id,
                                t0,
                                client.send(
                                        "POST",
                                        "/api/members/" + id + "/admit",
                                        "{\"reason\":\"benchmark\"}"),
                                200);
                    }
                });
        return admitted;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
