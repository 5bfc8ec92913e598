package coop.cluster.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
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
 * Load driver for partner suggestions ({@code GET /api/projects/{id}/suggestions}) of a running
 * project-service.
 *
 * <ol>
 *   <li>seeds members into membership-service, as its demo manager, until project-service's
 *       suggestions rank {@code --members} active profiles (10,000 by default; read from its gauge
 *       {@code cluster.project.suggestions.profiles}, so members seeded before count and a second
 *       run seeds nothing); the profiles reach project-service by membership's events only;
 *   <li>starts {@code --projects} projects (20) as the demo member user amina, with needs drawn
 *       from the same vocabulary as the profiles: 1 to 4 competences, 0 to 2 resource types;
 *   <li>warms up, then asks for suggestions paced at {@code --rate} per second (open loop), then
 *       closed loop with {@code --clients} clients; a random project and page (0 to 2, 20 a page)
 *       per request. Prints count, throughput and latency percentiles, and how many members each
 *       project's needs rank.
 * </ol>
 *
 * <p>Run: {@code ./platform bench suggestions [--members 10000] [--rate 100] [--duration 30]} with
 * the platform running.
 */
public final class SuggestionsBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TOTAL = Pattern.compile("\"totalElements\":(\\d+)");
    private static final Pattern PROFILES =
            Pattern.compile(
                    "(?m)^cluster_project_suggestions_profiles(?:\\{[^}]*})?" + " ([0-9.eE+]+)$");

    public static void main(String[] args) throws Exception {
        Map<String, String> options = BenchOptions.parse(args);
        String projectUrl = options.getOrDefault("url", "http://localhost:8082");
        String membershipUrl = options.getOrDefault("membership-url", "http://localhost:8081");
        int members = Integer.parseInt(options.getOrDefault("members", "10000"));
        int projects = Integer.parseInt(options.getOrDefault("projects", "20"));
        int threads = Integer.parseInt(options.getOrDefault("threads", "8"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));
        int clients = Integer.parseInt(options.getOrDefault("clients", "4"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));

        ServiceClient leader =
                ServiceClient.asUser(projectUrl, options.getOrDefault("leader", "amina"));
        long ranked = profiles(leader);
        System.out.printf(
                "Suggestions benchmark against %s: %d profiles wanted, %d ranked now; %d cores"
                        + " here%n",
                projectUrl, members, ranked, Runtime.getRuntime().availableProcessors());
        if (ranked < members) {
            MemberSeeder.seed(
                    ServiceClient.asUser(membershipUrl, "manon"),
                    (int) (members - ranked),
                    threads,
                    seed,
                    "SUGGEST");
            awaitProfiles(leader, members);
        }

        Random random = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            HttpResponse<String> started = leader.send("POST", "/api/projects", project(random, i));
            Matcher id = ID.matcher(started.body());
            if (started.statusCode() != 201 || !id.find()) {
                throw new IllegalStateException(
                        "POST /api/projects answered "
                                + started.statusCode()
                                + ": "
                                + started.body());
            }
            ids.add(id.group(1));
        }
        long sum = 0;
        long most = 0;
        for (String id : ids) {
            HttpResponse<String> first =
                    leader.send("GET", "/api/projects/" + id + "/suggestions?size=1", null);
            Matcher total = TOTAL.matcher(first.body());
            long count =
                    first.statusCode() == 200 && total.find() ? Long.parseLong(total.group(1)) : 0;
            sum += count;
            most = Math.max(most, count);
        }
        System.out.printf(
                "%d projects started; their needs rank %d members on average, at most %d%n",
                ids.size(), sum / ids.size(), most);

        java.util.function.Function<Random, HttpLoad.Probe> ask =
                r -> {
                    int page = r.nextInt(3);
                    return new HttpLoad.Probe(
                            "page " + page,
                            "/api/projects/"
                                    + ids.get(r.nextInt(ids.size()))
                                    + "/suggestions?size=20&page="
                                    + page);
                };
        System.out.printf("Warm-up: %d s closed loop, %d clients%n", warmup, clients);
        HttpLoad.closedLoop(leader, clients, warmup, new Random(seed + 1), ask);
        HttpLoad.Run paced = HttpLoad.paced(leader, rate, duration, new Random(seed + 2), ask);
        HttpLoad.Run saturated =
                HttpLoad.closedLoop(leader, clients, duration, new Random(seed + 3), ask);
        System.out.println();
        System.out.println(paced.summary("suggestions, paced " + rate + "/s", "requests"));
        System.out.println(
                saturated.summary("suggestions, closed loop, " + clients + " clients", "requests"));
        System.out.printf(
                "%nProfiles ranked: %d. Errors: paced %d, closed loop %d%n",
                profiles(leader), paced.errors.get(), saturated.errors.get());
        System.exit(paced.errors.get() + saturated.errors.get() > 0 ? 1 : 0);
    }

    /** A project's needs, from the profiles' vocabulary. */
    private static String project(Random random, int i) {
        List<String> competences = new ArrayList<>(DirectoryData.COMPETENCES);
        java.util.Collections.shuffle(competences, random);
        List<String> types = new ArrayList<>(DirectoryData.RESOURCE_TYPES);
        java.util.Collections.shuffle(types, random);
        StringBuilder needs = new StringBuilder();
        for (String type : types.subList(0, random.nextInt(3))) {
            needs.append(needs.isEmpty() ? "" : ",")
                    .append("{\"type\":\"")
                    .append(type)
                    .append("\",\"description\":\"for the pilot\"}");
        }
        return """
        {"title":"Benchmark project %d","description":"Partner suggestions benchmark","theme":"benchmark",
         "neededCompetences":[%s],"neededResources":[%s]}\
        """
                .formatted(
                        i,
                        String.join(
                                ",",
                                competences.subList(0, 1 + random.nextInt(4)).stream()
                                        .map(c -> "\"" + c + "\"")
                                        .toList()),
                        needs);
    }

    /** The active profiles project-service ranks, from its public Prometheus endpoint. */
    private static long profiles(ServiceClient client) throws Exception {
        HttpResponse<String> response =
                client.http()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create(client.url() + "/actuator/prometheus"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
        Matcher value = PROFILES.matcher(response.body());
        if (response.statusCode() != 200 || !value.find()) {
            throw new IllegalStateException(
                    "no cluster_project_suggestions_profiles at "
                            + client.url()
                            + "/actuator/prometheus (HTTP "
                            + response.statusCode()
                            + ")");
        }
        return (long) Double.parseDouble(value.group(1));
    }

    private static void awaitProfiles(ServiceClient client, long wanted) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MINUTES.toNanos(5);
        long count;
        while ((count = profiles(client)) < wanted) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "project-service ranks "
                                + count
                                + " profiles after 5 minutes, not "
                                + wanted);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
        System.out.printf(
                "project-service ranks %d profiles (%.1f s after the last admission)%n",
                count, (System.nanoTime() - start) / 1e9);
    }
}
