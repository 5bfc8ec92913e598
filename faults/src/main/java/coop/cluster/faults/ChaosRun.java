package coop.cluster.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault run: business operations through the gateway, each causing work in another service,
 * while every process of the platform is killed with SIGKILL in turn and started again; then exact
 * checks, from the services' stores and the topics, that nothing acknowledged was lost and nothing
 * was done twice ({@link ChaosChecks}).
 *
 * <p>The operations, mixed in every ten scenarios: three applications, each admitted at once
 * (membership → finance member accounts, funding-watch profiles, project-service's member view);
 * five ledger postings (finance's journal → {@code finance.ledger} → the report projections); one
 * feed push of five new funding calls (funding-watch: calls, matches); one project started, opened,
 * with two invitations, one accepted and one declined (project-service). Each is sent as a real
 * client would: with an {@code Idempotency-Key} where the API takes one, and again after a failure
 * that passes (no connection, 429, 502–504), after a lost answer too; a conditional step whose
 * retry finds it done (409) is read back to see that it is.
 *
 * <p>Run: {@code ./platform chaos [--operations 100000] [--clients 12]} against {@code ./platform
 * run}; a smaller {@code --operations} gives a quick check in minutes. {@code ChaosRunIT} runs a
 * small one in the suite. Exit code 0 when every check held.
 */
public final class ChaosRun {

    /**
     * Killed in this order, spread over the run: every service, the issuer, the broker, the store,
     * the gateway.
     */
    static final List<String> DEFAULT_KILLS =
            List.of(
                    "membership-service",
                    "project-service",
                    "funding-watch-service",
                    "finance-service",
                    "notification-service",
                    "auth-server",
                    "kafka",
                    "mongo",
                    "gateway");

    /**
     * The same processes, the services and the issuer two at a time (killed together, restarted
     * together): the suite's shorter run, and a harsher one for the services, whose peers are down
     * with them.
     */
    static final List<String> PAIRED_KILLS =
            List.of(
                    "membership-service+project-service",
                    "funding-watch-service+finance-service",
                    "notification-service+auth-server",
                    "kafka",
                    "mongo",
                    "gateway");

    static final String BRABANT = "22222222-2222-4222-8222-222222222222";
    static final String DELTA = "33333333-3333-4333-8333-333333333333";
    static final String FEED = "eu-ft-portal";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

    /**
     * @param operations at least this many business operations are sent (more while a kill is still
     *     recovering)
     * @param kills the processes killed, in order, at even steps of the operations
     * @param outage how long a killed process stays down before its restart is asked for
     * @param lagLimit the longest consumer lag may take to return to 0 after the last restart and
     *     operation
     * @param tokens user name to a fresh access token ({@code feed} is the feed client)
     */
    record Options(
            java.net.URI gateway,
            String bootstrap,
            String store,
            PlatformState state,
            int operations,
            int clients,
            List<String> kills,
            Duration outage,
            Duration lagLimit,
            Function<String, String> tokens) {}

    /** One kill: the process, when, how long until it answered again. */
    record Kill(
            String process,
            int afterOperations,
            double downSeconds,
            double upAfterRestartSeconds) {}

    /**
     * What the load did: the acknowledged operations and those never answered, by kind, for the
     * checks.
     */
    static final class Ledger {
        final Map<String, String> applications =
                new ConcurrentHashMap<>(); // registration -> member id
        final Set<String> unansweredApplications = ConcurrentHashMap.newKeySet();
        final Set<String> admitted = ConcurrentHashMap.newKeySet();
        final Set<String> unansweredAdmissions = ConcurrentHashMap.newKeySet();
        final Set<String> postings = ConcurrentHashMap.newKeySet(); // idempotency keys
        final Set<String> unansweredPostings = ConcurrentHashMap.newKeySet();
        final Set<String> calls =
                ConcurrentHashMap.newKeySet(); // references of acknowledged pushes
        final Set<String> unansweredCalls = ConcurrentHashMap.newKeySet();
        final Map<String, String> projects = new ConcurrentHashMap<>(); // title -> project id
        final Set<String> unansweredProjects = ConcurrentHashMap.newKeySet();
        final Map<String, String> invitations =
                new ConcurrentHashMap<>(); // invitation id -> ACCEPTED / DECLINED / PENDING
        final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
        final List<String> refused = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger operations = new AtomicInteger();
        final AtomicInteger acknowledged = new AtomicInteger();
        final AtomicInteger unanswered = new AtomicInteger();
        final AtomicInteger verifiedByReading = new AtomicInteger();
        final AtomicInteger replayed = new AtomicInteger();

        void count(String kind) {
            byKind.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private final Options options;
    private final String run =
            Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    private final ChaosClient client;
    private final Ledger ledger = new Ledger();
    private final AtomicInteger scenarios = new AtomicInteger();
    private final List<Kill> kills = Collections.synchronizedList(new ArrayList<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private volatile long lastRestartNanos;

    ChaosRun(Options options) {
        this.options = options;
        this.client = new ChaosClient(options.gateway(), options.tokens(), Duration.ofMinutes(4));
    }

    public static void main(String[] args) throws Exception {
        coop.cluster.infra.support.InfraLogging.useInfraConfiguration();
        Map<String, String> o = StoreCrashDrill.parse(args);
        Path runDir = Path.of(o.getOrDefault("run-dir", "run")).toAbsolutePath().normalize();
        String userTokens = o.getOrDefault("token-command", System.getenv("USER_TOKEN_COMMAND"));
        String feedToken =
                o.getOrDefault("feed-token-command", System.getenv("FEED_TOKEN_COMMAND"));
        if (userTokens == null || !userTokens.contains("%s") || feedToken == null) {
            throw new IllegalArgumentException(
                    "give --token-command (a shell command printing the access token of "
                            + "the user %s) and --feed-token-command (printing the feed client's)");
        }
        Options options =
                new Options(
                        java.net.URI.create(o.getOrDefault("gateway", "http://127.0.0.1:8080")),
                        o.getOrDefault("bootstrap", "127.0.0.1:9092"),
                        o.getOrDefault("store", "mongodb://127.0.0.1:27017"),
                        new PlatformState(runDir),
                        Integer.parseInt(o.getOrDefault("operations", "100000")),
                        Integer.parseInt(o.getOrDefault("clients", "12")),
                        o.containsKey("kills") ? List.of(o.get("kills").split(",")) : DEFAULT_KILLS,
                        Duration.ofSeconds(Long.parseLong(o.getOrDefault("outage-seconds", "3"))),
                        Duration.ofSeconds(
                                Long.parseLong(o.getOrDefault("lag-limit-seconds", "30"))),
                        user ->
                                Shell.output(
                                        "feed".equals(user)
                                                ? feedToken
                                                : userTokens.replace("%s", user)));
        ChaosChecks.Result result = new ChaosRun(options).run();
        System.out.println(result.report());
        System.exit(result.passed() ? 0 : 1);
    }

    ChaosChecks.Result run() throws Exception {
        say(
                "chaos run %s: at least %d operations through %s with %d clients; killing %s",
                run, options.operations(), options.gateway(), options.clients(), options.kills());
        try (EventTally events =
                new EventTally(options.bootstrap(), ChaosChecks.TOPICS, List.of())) {
            long started = System.nanoTime();
            Thread killer = Thread.ofPlatform().name("chaos-killer").start(this::killEveryProcess);
            Thread progress =
                    Thread.ofPlatform()
                            .name("chaos-progress")
                            .daemon()
                            .start(() -> progress(started));
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                workers.add(
                        Thread.ofPlatform().name("chaos-client-" + c).start(() -> work(killer)));
            }
            for (Thread worker : workers) {
                worker.join();
            }
            killer.join();
            progress.interrupt();
            long loadEnded = System.nanoTime();
            double seconds = (loadEnded - started) / 1e9;
            say(
                    "load done: %d operations in %.0f s (%.0f/s), %d acknowledged, %d unanswered;"
                            + " checking",
                    ledger.operations.get(),
                    seconds,
                    ledger.operations.get() / seconds,
                    ledger.acknowledged.get(),
                    ledger.unanswered.get());
            ChaosChecks checks = new ChaosChecks(options, run, ledger, events, client);
            return checks.check(
                    List.copyOf(kills),
                    Math.max(lastRestartNanos, loadEnded),
                    seconds,
                    List.copyOf(problems));
        }
    }

    /** Every 30 s: how far the load is, so a long run shows it is moving. */
    private void progress(long started) {
        try {
            while (true) {
                Thread.sleep(30_000);
                double seconds = (System.nanoTime() - started) / 1e9;
                say(
                        "%d operations in %.0f s (%.0f/s): %d acknowledged, %d unanswered, %d"
                                + " refused; %d kills done",
                        ledger.operations.get(),
                        seconds,
                        ledger.operations.get() / seconds,
                        ledger.acknowledged.get(),
                        ledger.unanswered.get(),
                        ledger.refused.size(),
                        kills.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A client: scenarios one after the other until enough operations were sent and every kill is
     * over.
     */
    private void work(Thread killer) {
        try {
            while (ledger.operations.get() < options.operations() || killer.isAlive()) {
                int n = scenarios.getAndIncrement();
                switch (n % 10) {
                    case 0, 1, 2 -> applyAndAdmit(n);
                    case 7 -> pushCalls(n);
                    case 8 -> project(n);
                    default -> post(n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            problems.add("a client stopped: " + e);
            say("client stopped: %s", e);
        }
    }

    private void applyAndAdmit(int n) throws InterruptedException {
        String registration = "CHAOS-" + run + "-" + n;
        ChaosClient.Answer applied =
                operation(
                        "application",
                        "manon",
                        "POST",
                        "/api/members/applications",
                        """
                        {"legalName":"Chaos %s %d","registrationNumber":"%s","country":"BE","region":"BE10",\
                        "organisationType":"SME","sizeBand":"SMALL","competences":["chaos %s %d"]}\
                        """
                                .formatted(run, n, registration, run, n),
                        "apply-" + registration,
                        Set.of(200, 201),
                        null);
        if (applied.status() == ChaosClient.UNANSWERED) {
            ledger.unansweredApplications.add(registration);
            return;
        }
        if (!done(applied)) {
            return;
        }
        String member = group(ID, applied.body());
        ledger.applications.put(registration, member);
        ChaosClient.Answer admitted =
                operation(
                        "admission",
                        "manon",
                        "POST",
                        "/api/members/" + member + "/admit",
                        "{\"reason\":\"chaos run\"}",
                        null,
                        Set.of(200),
                        () -> "ACTIVE".equals(statusAt("manon", "/api/members/" + member)));
        if (admitted.status() == ChaosClient.UNANSWERED) {
            ledger.unansweredAdmissions.add(member);
        } else if (done(admitted)) {
            ledger.admitted.add(member);
        }
    }

    private void post(int n) throws InterruptedException {
        String key = "chaos-" + run + "-" + n;
        ChaosClient.Answer posted =
                operation(
                        "posting",
                        "farid",
                        "POST",
                        "/api/finance/ledger/entries",
                        """
                        {"idempotencyKey":"%s","date":"%s","description":"chaos donation %d","postings":[\
                        {"account":"1000","side":"DEBIT","amount":"10.00","currency":"EUR"},\
                        {"account":"4100:S:chaos-%s-%d","side":"CREDIT","amount":"10.00","currency":"EUR"}]}\
                        """
                                .formatted(
                                        key,
                                        java.time.LocalDate.now(java.time.ZoneOffset.UTC),
                                        n,
                                        run,
                                        n % 40),
                        key,
                        Set.of(200, 201),
                        null);
        if (posted.status() == ChaosClient.UNANSWERED) {
            ledger.unansweredPostings.add(key);
        } else if (done(posted)) {
            ledger.postings.add(key);
        }
    }

    private void pushCalls(int n) throws InterruptedException {
        List<String> references = new ArrayList<>();
        StringBuilder body = new StringBuilder("{\"calls\":[");
        for (int i = 0; i < 5; i++) {
            String reference = "CHAOS-" + run + "-" + n + "-" + i;
            references.add(reference);
            // about the competence of a member applied a moment ago: a match or two per call, not
            // thousands
            int member = Math.max(0, n - 10 * (1 + i));
            body.append(i == 0 ? "" : ",")
                    .append(
                            """
                            {"reference":"%s","title":"Chaos call %s","programme":"Chaos Programme",\
                            "description":"A call for partners in chaos %s %d, to test the platform while it is killed.",\
                            "keywords":["chaos %s %d"],"kind":"GRANT","status":"OPEN","deadlines":["%s"],\
                            "eligibleCountries":[]}\
                            """
                                    .formatted(
                                            reference,
                                            reference,
                                            run,
                                            member,
                                            run,
                                            member,
                                            Instant.now().plus(Duration.ofDays(200))));
        }
        body.append("]}");
        ChaosClient.Answer pushed =
                operation(
                        "feed push",
                        "feed",
                        "POST",
                        "/api/feeds/" + FEED + "/calls",
                        body.toString(),
                        null,
                        Set.of(200, 201, 202),
                        null);
        if (pushed.status() == ChaosClient.UNANSWERED) {
            ledger.unansweredCalls.addAll(references);
        } else if (done(pushed)) {
            ledger.calls.addAll(references);
        }
    }

    private void project(int n) throws InterruptedException {
        String title = "Chaos " + run + " " + n;
        ChaosClient.Answer started =
                operation(
                        "project start",
                        "amina",
                        "POST",
                        "/api/projects",
                        """
                        {"title":"%s","description":"A project started during the chaos run","theme":"chaos"}\
                        """
                                .formatted(title),
                        "start-" + run + "-" + n,
                        Set.of(200, 201),
                        null);
        if (started.status() == ChaosClient.UNANSWERED) {
            ledger.unansweredProjects.add(title);
            return;
        }
        if (!done(started)) {
            return;
        }
        String project = group(ID, started.body());
        ledger.projects.put(title, project);
        ChaosClient.Answer opened =
                operation(
                        "project open",
                        "amina",
                        "POST",
                        "/api/projects/" + project + "/open",
                        null,
                        null,
                        Set.of(200),
                        () -> "FORMING".equals(statusAt("amina", "/api/projects/" + project)));
        if (!done(opened)) {
            return;
        }
        String brabant = invite(project, BRABANT);
        String delta = invite(project, DELTA);
        if (brabant != null) {
            answer(brabant, "bruno", "accept", "ACCEPTED");
        }
        if (delta != null) {
            answer(delta, "delphine", "decline", "DECLINED");
        }
    }

    /** The invitation's id, or null when it was not made (or cannot be known). */
    private String invite(String project, String member) throws InterruptedException {
        String path = "/api/projects/" + project + "/invitations";
        ChaosClient.Answer invited =
                operation(
                        "invitation",
                        "amina",
                        "POST",
                        path,
                        "{\"memberId\":\"" + member + "\",\"role\":\"chaos partner\"}",
                        null,
                        Set.of(201),
                        () -> invitationTo(project, member) != null);
        if (!done(invited)) {
            return null;
        }
        String id =
                ID.matcher(invited.body()).find()
                        ? group(ID, invited.body())
                        : invitationTo(project, member);
        if (id != null) {
            ledger.invitations.put(id, "PENDING");
        }
        return id;
    }

    private void answer(String invitation, String user, String verb, String status)
            throws InterruptedException {
        ChaosClient.Answer answered =
                operation(
                        "invitation " + verb,
                        user,
                        "POST",
                        "/api/invitations/" + invitation + "/" + verb,
                        "{\"message\":\"chaos\"}",
                        null,
                        Set.of(200),
                        () -> status.equals(statusAt(user, "/api/invitations/" + invitation)));
        if (done(answered)) {
            ledger.invitations.put(invitation, status);
        }
    }

    private String invitationTo(String project, String member) {
        try {
            ChaosClient.Answer list =
                    client.get("amina", "/api/projects/" + project + "/invitations?size=50");
            Matcher item =
                    Pattern.compile(
                                    "\\{\"id\":\"([0-9a-f-]{36})\",\"projectId\":\""
                                            + project
                                            + "\",[^{}]*\"memberId\":\""
                                            + member
                                            + "\"")
                            .matcher(list.body());
            return item.find() ? item.group(1) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private String statusAt(String user, String path) {
        try {
            ChaosClient.Answer read = client.get(user, path);
            return read.status() == 200 ? group(STATUS, read.body()) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * One business operation: sent (and sent again) until answered. An answer in {@code ok}
     * acknowledges it; a 409 to a retried conditional step is acknowledged when {@code doneAlready}
     * reads it done (the lost answer's request went through); any other answer is a refusal, which
     * the run reports.
     */
    private ChaosClient.Answer operation(
            String kind,
            String user,
            String method,
            String path,
            String body,
            String key,
            Set<Integer> ok,
            java.util.function.BooleanSupplier doneAlready)
            throws InterruptedException {
        ledger.operations.incrementAndGet();
        ledger.count(kind);
        ChaosClient.Answer answer = client.send(user, method, path, body, key);
        if (ok.contains(answer.status())) {
            ledger.acknowledged.incrementAndGet();
            if (answer.header("Idempotent-Replayed").isPresent()) {
                ledger.replayed.incrementAndGet();
            }
            return answer;
        }
        if (answer.status() == ChaosClient.UNANSWERED) {
            ledger.unanswered.incrementAndGet();
            return answer;
        }
        if (answer.status() == 409
                && answer.attempts() > 1
                && doneAlready != null
                && doneAlready.getAsBoolean()) {
            ledger.acknowledged.incrementAndGet();
            ledger.verifiedByReading.incrementAndGet();
            // acknowledged, but this answer is a problem, not the thing done: read it back where it
            // is needed
            return new ChaosClient.Answer(
                    ok.iterator().next(), "", answer.raw(), answer.attempts());
        }
        String refusal =
                kind
                        + " "
                        + method
                        + " "
                        + path
                        + " -> "
                        + answer.status()
                        + " after "
                        + answer.attempts()
                        + " attempt(s): "
                        + answer.body().substring(0, Math.min(300, answer.body().length()));
        ledger.refused.add(refusal);
        if (ledger.refused.size() <= 10) {
            say("refused: %s", refusal);
        }
        return answer;
    }

    private static boolean done(ChaosClient.Answer answer) {
        return answer.status() >= 200 && answer.status() < 300;
    }

    private static String group(Pattern pattern, String body) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            throw new IllegalStateException("no " + pattern + " in " + body);
        }
        return m.group(1);
    }

    /**
     * Kills each entry of the kill list in turn, at even steps of the operations, and waits for it
     * to answer again. An entry {@code a+b} kills the processes named together and has them
     * restarted together.
     */
    private void killEveryProcess() {
        List<String> order = options.kills();
        for (int k = 0; k < order.size(); k++) {
            int threshold = (k + 1) * options.operations() / (order.size() + 1);
            try {
                while (ledger.operations.get() < threshold) {
                    Thread.sleep(50);
                }
                kills.addAll(killAndRestart(List.of(order.get(k).split("\\+"))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                problems.add("killing " + order.get(k) + " failed: " + e.getMessage());
                say("killing %s failed: %s", order.get(k), e);
            }
        }
    }

    private List<Kill> killAndRestart(List<String> names) throws InterruptedException {
        int at = ledger.operations.get();
        long killedAt = System.nanoTime();
        Map<String, PlatformState.Process> killed = new LinkedHashMap<>();
        for (String name : names) {
            PlatformState.Process process = options.state().process(name);
            PlatformState.killHard(process);
            killed.put(name, process);
            say("killed %s (pid %d, SIGKILL) after %d operations", name, process.pid(), at);
        }
        Thread.sleep(options.outage().toMillis());
        long restartAt = System.nanoTime();
        names.forEach(options.state()::requestRestart);
        long deadline = restartAt + Duration.ofMinutes(4).toNanos();
        Map<String, Long> upAt = new LinkedHashMap<>();
        while (upAt.size() < names.size()) {
            for (String name : names) {
                if (!upAt.containsKey(name) && answersAgain(name, killed.get(name).pid())) {
                    upAt.put(name, System.nanoTime());
                    say(
                            "%s answers again %.1f s after the restart request",
                            name, (upAt.get(name) - restartAt) / 1e9);
                }
            }
            if (upAt.size() < names.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            names.stream().filter(n -> !upAt.containsKey(n)).toList()
                                    + " did not answer within 4 minutes of the restart request");
                }
                Thread.sleep(200);
            }
        }
        lastRestartNanos = System.nanoTime();
        return names.stream()
                .map(
                        name ->
                                new Kill(
                                        name,
                                        at,
                                        (restartAt - killedAt) / 1e9,
                                        (upAt.get(name) - restartAt) / 1e9))
                .toList();
    }

    /**
     * True when a new process of that name (another pid than the killed one's) answers its health
     * check or port.
     */
    private boolean answersAgain(String name, long killedPid) {
        PlatformState.Process now = options.state().processes().get(name);
        return now != null
                && now.pid() != killedPid
                && (now.hasHttpHealth()
                        ? PlatformState.isUp(now)
                        : coop.cluster.infra.support.NetworkPorts.isListening(
                                "127.0.0.1", now.port()));
    }

    static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[chaos] " + format + "%n", args);
        System.out.flush();
    }

    /** The kills per process, in order. */
    static Map<String, Integer> killsPerProcess(List<Kill> kills) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        kills.forEach(k -> counts.merge(k.process(), 1, Integer::sum));
        return counts;
    }
}
