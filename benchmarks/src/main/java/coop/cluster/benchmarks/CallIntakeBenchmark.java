package coop.cluster.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * End to end for funding calls: feed batches pushed to a running funding-watch-service (as the demo
 * feed {@code eu-ft-portal}, with its client-credentials token), each call read, normalised,
 * checked against what is stored (new: stored and published), matched against every member profile,
 * group, forming project and watch, and published with its opportunities. A call counts once its
 * {@code call.published} is read back from Kafka: that event and its {@code opportunity.matched}
 * events are stored in the same write, so by then it was matched.
 *
 * <ol>
 *   <li>makes sure funding-watch matches against {@code --members} member profiles (10,000 by
 *       default; read from its gauge {@code cluster.fundingwatch.matching.targets{kind="member"}}),
 *       seeding members through membership-service as its demo manager if there are fewer: profiles
 *       reach funding-watch by membership's events only;
 *   <li>pushes {@code --calls} new calls (20,000) in batches of {@code --batch} (500), {@code
 *       --clients} (2) batches at a time; titles and keywords drawn from the members' competence
 *       vocabulary, a description of ~1,500 characters, a deadline next year;
 *   <li>then pushes the same batches again (nothing is new: dedupe only) and reports both.
 * </ol>
 *
 * <p>Run: {@code ./platform bench calls [--calls 20000] [--batch 500] [--clients 2]} with the
 * platform running.
 */
public final class CallIntakeBenchmark {

    private static final String FEED = "eu-ft-portal";
    private static final Pattern MEMBERS =
            Pattern.compile(
                    "(?m)^cluster_fundingwatch_matching_targets\\{[^}]*kind=\"member\"[^}]*}"
                            + " ([0-9.eE+]+)$");
    private static final Pattern OPPORTUNITIES =
            Pattern.compile("(?m)^cluster_fundingwatch_opportunities_total\\{[^}]*} ([0-9.eE+]+)$");

    public static void main(String[] args) throws Exception {
        PathBench.alone(BenchOptions.parse(args), CallIntakeBenchmark::run);
    }

    /**
     * Makes sure of the member profiles, then pushes the new calls in the measured phase; then the
     * same again (dedupe only), outside it.
     */
    static PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception {
        String url = options.getOrDefault("url", "http://localhost:8083");
        String membershipUrl = options.getOrDefault("membership-url", "http://localhost:8081");
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        int members = Integer.parseInt(options.getOrDefault("members", "10000"));
        int calls = Integer.parseInt(options.getOrDefault("calls", "20000"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "500"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "2"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));
        String feedTokenCommand = System.getenv("FEED_TOKEN_COMMAND");
        if (feedTokenCommand == null || feedTokenCommand.isBlank()) {
            throw new IllegalArgumentException(
                    "set FEED_TOKEN_COMMAND, a command printing the feed's token");
        }
        ServiceClient feed = ServiceClient.withTokenCommand(url, feedTokenCommand);
        // the service's own metrics, not through the gateway (which does not expose them)
        ServiceClient metrics =
                ServiceClient.withTokenCommand(
                        options.getOrDefault("metrics-url", url), feedTokenCommand);

        long profiles = gauge(metrics, MEMBERS);
        System.out.printf(
                "Call intake benchmark against %s: %d member profiles wanted, %d matched against"
                        + " now; %d cores here%n",
                url, members, profiles, Runtime.getRuntime().availableProcessors());
        if (profiles < members) {
            MemberSeeder.seed(
                    ServiceClient.asUser(membershipUrl, "manon"),
                    (int) (members - profiles),
                    8,
                    seed,
                    "CALLS");
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while ((profiles = gauge(metrics, MEMBERS)) < members && System.nanoTime() < deadline) {
                Thread.sleep(1_000);
            }
            System.out.printf("funding-watch matches against %d member profiles%n", profiles);
        }

        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        Random random = new Random(seed);
        List<String> bodies = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int from = 0; from < calls; from += batch) {
            StringBuilder body = new StringBuilder("{\"calls\":[");
            for (int i = from; i < Math.min(calls, from + batch); i++) {
                String reference = "BENCH-" + run + "-" + i;
                ids.add(callId(reference));
                body.append(i == from ? "" : ",").append(call(random, reference));
            }
            bodies.add(body.append("]}").toString());
        }
        long opportunitiesBefore = gauge(metrics, OPPORTUNITIES);

        phase.begin();
        Result first = push(feed, bodies, clients, bootstrap, ids, true);
        phase.end();
        long opportunities = gauge(metrics, OPPORTUNITIES) - opportunitiesBefore;
        Result again = push(feed, bodies, clients, bootstrap, ids, false);

        System.out.println();
        System.out.println(
                first.summary(
                        "new calls (ingest, normalise, dedupe, match, publish)", calls, batch));
        System.out.printf(
                "  opportunities matched: %d (%.1f per call)%n",
                opportunities, opportunities / (double) calls);
        System.out.println(
                again.summary(
                        "the same calls again (dedupe only, nothing published)", calls, batch));
        return new PathRun(
                "funding calls with matching",
                "funding-watch-service",
                calls,
                first.seconds(),
                first.batches(),
                batch,
                first.errors + again.errors == 0 && first.published >= calls,
                "funding_watch",
                "calls",
                com.mongodb.client.model.Filters.in("_id", ids),
                batch,
                List.of("fundingwatch.calls", "fundingwatch.opportunities"));
    }

    record Result(double seconds, int published, int errors, Histogram batches) {

        String summary(String what, int calls, int batch) {
            return "%-58s %6d calls in %6.1f s = %7.0f calls/s   batches of %d: p50 %7.1f ms  p99 %7.1f ms   %d errors%s"
                    .formatted(
                            what,
                            calls,
                            seconds,
                            calls / seconds,
                            batch,
                            batches.getValueAtPercentile(50) / 1e6,
                            batches.getValueAtPercentile(99) / 1e6,
                            errors,
                            published >= 0 ? ", %d published".formatted(published) : "");
        }
    }

    /**
     * Pushes every batch, {@code clients} at a time. With {@code awaitPublished}, the time runs
     * until the last call's {@code call.published} is read back; otherwise until the last answer.
     */
    private static Result push(
            ServiceClient feed,
            List<String> bodies,
            int clients,
            String bootstrap,
            Set<String> ids,
            boolean awaitPublished)
            throws Exception {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toNanos(5), 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        try (PublishedEvents published =
                new PublishedEvents(
                        bootstrap,
                        "fundingwatch.calls",
                        Set.of("cluster.fundingwatch.call.published.v1"),
                        awaitPublished ? ids : Set.of())) {
            long start = System.nanoTime();
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                workers.add(
                        Thread.ofPlatform()
                                .name("push-" + c)
                                .start(
                                        () -> {
                                            for (int i = next.getAndIncrement();
                                                    i < bodies.size();
                                                    i = next.getAndIncrement()) {
                                                long t0 = System.nanoTime();
                                                try {
                                                    HttpResponse<String> answer =
                                                            feed.http()
                                                                    .send(
                                                                            HttpRequest.newBuilder(
                                                                                            URI
                                                                                                    .create(
                                                                                                            feed
                                                                                                                            .url()
                                                                                                                    + "/api/feeds/"
                                                                                                                    + FEED
                                                                                                                    + "/calls"))
                                                                                    .timeout(
                                                                                            Duration
                                                                                                    .ofMinutes(
                                                                                                            5))
                                                                                    .header(
                                                                                            "Authorization",
                                                                                            "Bearer"
                                                                                                + " "
                                                                                                    + feed
                                                                                                            .token())
                                                                                    .header(
                                                                                            "Content-Type",
                                                                                            "application/json")
                                                                                    .POST(
                                                                                            HttpRequest
                                                                                                    .BodyPublishers
                                                                                                    .ofString(
                                                                                                            bodies
                                                                                                                    .get(
                                                                                                                            i),
                                                                                                            StandardCharsets
                                                                                                                    .UTF_8))
                                                                                    .build(),
                                                                            HttpResponse
                                                                                    .BodyHandlers
                                                                                    .ofString());
                                                    if (answer.statusCode() != 202
                                                            && answer.statusCode() != 200) {
                                                        if (errors.incrementAndGet() <= 5) {
                                                            System.err.printf(
                                                                    "push answered %d: %s%n",
                                                                    answer.statusCode(),
                                                                    answer.body());
                                                        }
                                                    }
                                                } catch (Exception e) {
                                                    errors.incrementAndGet();
                                                    System.err.println("push: " + e);
                                                }
                                                latency.recordValue(
                                                        Math.min(
                                                                System.nanoTime() - t0,
                                                                TimeUnit.MINUTES.toNanos(5)));
                                            }
                                        }));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long end = System.nanoTime();
            if (awaitPublished) {
                if (!published.awaitAll(Duration.ofMinutes(5))) {
                    System.err.printf(
                            "only %d of %d calls were published within 5 minutes%n",
                            published.count(), ids.size());
                }
                end = Math.max(end, published.lastNanos());
            }
            return new Result(
                    (end - start) / 1e9,
                    awaitPublished ? published.count() : -1,
                    errors.get(),
                    latency);
        }
    }

    /**
     * funding-watch's id for a call of the feed: a name-based UUID of the feed and the reference.
     */
    static String callId(String reference) {
        return UUID.nameUUIDFromBytes(
                        ("funding-call\u0000" + FEED + "\u0000" + reference)
                                .getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    /** A call in the generic format, about two or three competences of the members' vocabulary. */
    private static String call(Random random, String reference) {
        List<String> about = new ArrayList<>();
        for (int i = 0; i < 2 + random.nextInt(2); i++) {
            about.add(
                    DirectoryData.COMPETENCES.get(
                            random.nextInt(DirectoryData.COMPETENCES.size())));
        }
        StringBuilder description = new StringBuilder();
        while (description.length() < 1_500) {
            description
                    .append("Proposals should advance ")
                    .append(about.get(random.nextInt(about.size())))
                    .append(" and show results at scale, with end users involved from the start. ")
                    .append("Small and medium-sized enterprises are expected to take part. ");
        }
        String[] countries = {"BE", "FR", "DE", "NL", "IT", "ES", "MA", "TN"};
        String eligible =
                random.nextInt(4) == 0
                        ? "[\"" + countries[random.nextInt(countries.length)] + "\"]"
                        : "[]";
        return """
        {"reference":"%s","title":"Advancing %s and %s","programme":"Benchmark Programme",\
        "description":"%s","keywords":[%s],"kind":"%s","status":"OPEN",\
        "deadlines":["%s"],"eligibleCountries":%s}\
        """
                .formatted(
                        reference,
                        about.get(0),
                        about.get(1),
                        description,
                        String.join(",", about.stream().map(a -> "\"" + a + "\"").toList()),
                        random.nextInt(5) == 0 ? "TENDER" : "GRANT",
                        Instant.now().plus(Duration.ofDays(365)),
                        eligible);
    }

    /**
     * A gauge or counter of funding-watch's public Prometheus endpoint; 0 when it is not there yet.
     */
    private static long gauge(ServiceClient client, Pattern pattern) throws Exception {
        HttpResponse<String> response =
                client.http()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(client.url() + "/actuator/prometheus"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(
                    "GET "
                            + client.url()
                            + "/actuator/prometheus answered "
                            + response.statusCode());
        }
        Matcher value = pattern.matcher(response.body());
        long sum = 0;
        while (value.find()) {
            sum += (long) Double.parseDouble(value.group(1));
        }
        return sum;
    }
}
