package coop.cluster.benchmarks;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Load driver for invitation answers in a running project-service: how many answers invitees give
 * per second, each counted only once its {@code invitation.accepted} or {@code invitation.declined}
 * event is on the broker.
 *
 * <ol>
 *   <li>as the demo member user amina (Atlas Agritech), starts and opens {@code --answers}/2
 *       projects and invites Brabant Photonics and Delta Mecatronique to each (not measured);
 *   <li>starts reading {@code project.invitations} from its end, then answers every invitation with
 *       {@code --clients} clients back to back, in a shuffled order: bruno accepts Brabant's (its
 *       organisation joins the project: a second write, {@code partner.joined}), delphine declines
 *       Delta's;
 *   <li>prints the answers given per second, the answers <em>published</em> per second (first
 *       answer sent to the last answer event read), the latency by kind, and each event's lag after
 *       its 200.
 * </ol>
 *
 * <p>Run: {@code ./platform bench invitations [--answers 10000] [--clients 16]} with the platform
 * running.
 */
public final class InvitationAnswersBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    private static final String DELTA = "33333333-3333-4333-8333-333333333333";

    /** An invitation to answer: its id and whether it is accepted. */
    private record Pending(String id, boolean accept) {}

    public static void main(String[] args) throws Exception {
        PathBench.alone(BenchOptions.parse(args), InvitationAnswersBenchmark::run);
    }

    /** Starts the projects and sends the invitations, then answers them in the measured phase. */
    static PathRun run(Map<String, String> options, MeasuredPhase phase) throws Exception {
        String url = options.getOrDefault("url", "http://localhost:8082");
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        int answers = Integer.parseInt(options.getOrDefault("answers", "10000"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "16"));
        long seed = Long.parseLong(options.getOrDefault("seed", "11"));
        ServiceClient amina = ServiceClient.asUser(url, "amina");
        ServiceClient bruno = ServiceClient.asUser(url, "bruno");
        ServiceClient delphine = ServiceClient.asUser(url, "delphine");

        System.out.printf(
                "Invitation answers benchmark against %s (broker %s): %d answers, %d clients; %d"
                        + " cores here%n",
                url, bootstrap, answers, clients, Runtime.getRuntime().availableProcessors());
        List<Pending> pending = invite(amina, answers / 2, Math.min(clients, SETUP_CLIENTS));
        Collections.shuffle(pending, new Random(seed));
        Set<String> ids = Set.copyOf(pending.stream().map(Pending::id).toList());
        try (PublishedEvents published =
                new PublishedEvents(
                        bootstrap,
                        "project.invitations",
                        Set.of(
                                "cluster.project.invitation.accepted.v1",
                                "cluster.project.invitation.declined.v1"),
                        ids)) {
            phase.begin();
            TimedWrites answered = answer(pending, clients, bruno, delphine);
            boolean all = published.awaitAll(Duration.ofMinutes(2));
            phase.end();
            Histogram lag = answered.lag(published);
            Histogram accepted = answered.latency("accept");
            Histogram declined = answered.latency("decline");
            int ok = pending.size() - answered.errors.get();
            System.out.println();
            System.out.printf(
                    "Answers given:      %6d in %6.2f s = %6.0f/s   errors %d%n",
                    ok, answered.seconds(), ok / answered.seconds(), answered.errors.get());
            System.out.printf(
                    "  accepted          p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                    ms(accepted.getValueAtPercentile(50)),
                    ms(accepted.getValueAtPercentile(99)),
                    ms(accepted.getMaxValue()));
            System.out.printf(
                    "  declined          p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                    ms(declined.getValueAtPercentile(50)),
                    ms(declined.getValueAtPercentile(99)),
                    ms(declined.getMaxValue()));
            double publishedSeconds = (published.lastNanos() - answered.start) / 1e9;
            System.out.printf(
                    "Answers published:  %6d events, first answer to last event %6.2f s ="
                            + " %6.0f/s%n",
                    published.count(), publishedSeconds, published.count() / publishedSeconds);
            System.out.printf(
                    "Event lag after the 200: p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms%n",
                    ms(lag.getValueAtPercentile(50)),
                    ms(lag.getValueAtPercentile(99)),
                    ms(lag.getMaxValue()));
            boolean complete = all && answered.errors.get() == 0;
            if (!complete) {
                System.out.printf(
                        "INCOMPLETE: %d of %d answer events seen, %d answer errors%n",
                        published.count(), pending.size(), answered.errors.get());
            }
            Histogram latency = accepted.copy();
            latency.add(declined);
            return new PathRun(
                    "invitation answers",
                    "project-service",
                    pending.size(),
                    publishedSeconds,
                    latency,
                    1,
                    complete,
                    "project",
                    "invitations",
                    com.mongodb.client.model.Filters.in("_id", ids),
                    100,
                    List.of("project.invitations", "project.projects"));
        }
    }

    /**
     * Clients that make the projects and invitations before the measured phase: a few, so that the
     * set-up does not overrun the gateway's time limits on a small shared machine (with two
     * instances of each service).
     */
    private static final int SETUP_CLIENTS = 4;

    /** Starts and opens {@code projects} projects and invites both organisations to each. */
    private static List<Pending> invite(ServiceClient leader, int projects, int clients)
            throws InterruptedException {
        List<Pending> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        Workers.parallel(
                clients,
                "invite",
                () -> {
                    for (int i = next.getAndIncrement(); i < projects; i = next.getAndIncrement()) {
                        String project =
                                id(
                                        leader.send(
                                                "POST",
                                                "/api/projects",
                                                "{\"title\":\"Invitations benchmark "
                                                        + i
                                                        + "\",\"theme\":\"benchmark\"}"),
                                        201);
                        check(leader.send("POST", "/api/projects/" + project + "/open", null), 200);
                        for (String member : List.of(BRABANT, DELTA)) {
                            String invitation =
                                    id(
                                            leader.send(
                                                    "POST",
                                                    "/api/projects/" + project + "/invitations",
                                                    "{\"memberId\":\""
                                                            + member
                                                            + "\",\"role\":\"partner\"}"),
                                            201);
                            pending.add(new Pending(invitation, member.equals(BRABANT)));
                        }
                        if ((i + 1) % 1000 == 0) {
                            System.out.printf(
                                    "  %d/%d projects with their invitations%n", i + 1, projects);
                        }
                    }
                });
        System.out.printf(
                "Started %d projects and sent %d invitations in %.1f s%n",
                projects, pending.size(), (System.nanoTime() - start) / 1e9);
        return new ArrayList<>(pending);
    }

    private static TimedWrites answer(
            List<Pending> pending, int clients, ServiceClient bruno, ServiceClient delphine)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        TimedWrites answered = new TimedWrites();
        Workers.parallel(
                clients,
                "answer",
                () -> {
                    for (int i = next.getAndIncrement();
                            i < pending.size();
                            i = next.getAndIncrement()) {
                        Pending invitation = pending.get(i);
                        long t0 = System.nanoTime();
                        if (invitation.accept()) {
                            answered.record(
                                    "accept",
                                    invitation.id(),
                                    t0,
                                    bruno.send(
                                            "POST",
                                            "/api/invitations/" + invitation.id() + "/accept",
                                            "{\"message\":\"yes\"}"),
                                    200);
                        } else {
                            answered.record(
                                    "decline",
                                    invitation.id(),
                                    t0,
                                    delphine.send(
                                            "POST",
                                            "/api/invitations/" + invitation.id() + "/decline",
                                            "{\"message\":\"not this year\"}"),
                                    200);
                        }
                    }
                });
        return answered;
    }

    private static String id(HttpResponse<String> response, int expected) {
        check(response, expected);
        Matcher id = ID.matcher(response.body());
        if (!id.find()) {
            throw new IllegalStateException("no id in " + response.body());
        }
        return id.group(1);
    }

    private static void check(HttpResponse<String> response, int expected) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    response.request().method()
                            + " "
                            + response.request().uri()
                            + " answered "
                            + response.statusCode()
                            + ": "
                            + response.body());
        }
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }
}
