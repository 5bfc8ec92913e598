package coop.cluster.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store-crash drill, against a running platform: membership applications are filed through the
 * gateway by a few concurrent clients while the store is killed with SIGKILL (as a power cut or an
 * OOM kill would end it) and started again by the launcher, once or several times. Then it checks
 * what a user is promised:
 *
 * <ul>
 *   <li>every application answered 201 is still there ({@code GET /api/members/{id}} answers 200):
 *       none lost;
 *   <li>each has exactly one {@code member.applied} event on {@code membership.members}: one event
 *       id, never two (a record of the same id read twice, a relay re-send after the crash, is
 *       counted apart: consumers drop it);
 *   <li>finance-service opened its member account from that event (the event crossed the broker and
 *       was consumed);
 *   <li>every process with a health check (the authorization server, the services, the gateway) is
 *       UP again within {@code --health-limit} (30 s) of the store's return.
 * </ul>
 *
 * <p>Writes refused while the store is down must be refusals (503, or 429 from the gateway's rate
 * limit), never a 500.
 *
 * <p>Run: {@code ./platform fault store [--writes 600] [--clients 4] [--kills 1] [--outage-seconds
 * 5]} with the platform running ({@code ./platform run}). Exit code 0 when every check held. {@code
 * StoreCrashDrillIT} runs it in the test suite against a platform it starts.
 */
public final class StoreCrashDrill {

    static final String STORE = "mongo";
    static final String APPLIED = "cluster.membership.member.applied.v1";
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    /**
     * @param gateway the gateway's base URL
     * @param bootstrap the broker's bootstrap servers
     * @param state the running platform's launcher files
     * @param writes how many applications must be acknowledged (201) in all
     * @param clients concurrent clients
     * @param kills how many times the store is killed; kill k comes once {@code k * writes / (kills
     *     + 1)} writes were acknowledged
     * @param outage how long the store stays down before the restart is requested
     * @param healthLimit the longest a process may take to be UP again after the store is back
     * @param tokens user name to bearer token (a manager files and reads applications, a finance
     *     user reads member accounts)
     */
    record Options(
            URI gateway,
            String bootstrap,
            PlatformState state,
            int writes,
            int clients,
            int kills,
            Duration outage,
            Duration healthLimit,
            String manager,
            String financeUser,
            Function<String, String> tokens) {}

    /** One kill and the recovery after it. */
    record Recovery(
            int ackedBeforeKill,
            double storeDownSeconds,
            double storeBackAfterRestartSeconds,
            double healthySecondsAfterStoreBack,
            List<String> notUpInTime) {}

    /** What the drill saw. {@link #passed()} is the verdict. */
    record Result(
            int sent,
            int acknowledged,
            Map<Integer, Integer> refusedByStatus,
            int transportErrors,
            int lost,
            int withoutEvent,
            int duplicated,
            int redelivered,
            int withoutFinanceAccount,
            List<Recovery> recoveries,
            Duration healthLimit,
            List<String> problems) {

        boolean passed() {
            return problems.isEmpty();
        }

        String report() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Applications sent %d, acknowledged (201) %d, refused %s, transport"
                                    + " errors %d%n",
                            sent,
                            acknowledged,
                            refusedByStatus,
                            transportErrors));
            for (int i = 0; i < recoveries.size(); i++) {
                Recovery r = recoveries.get(i);
                out.append(
                        String.format(
                                Locale.ROOT,
                                "Kill %d after %d acknowledged: store down %.1f s, accepting %.1f s"
                                    + " after the restart request, every process UP %.1f s after"
                                    + " the store was back%s%n",
                                i + 1,
                                r.ackedBeforeKill(),
                                r.storeDownSeconds(),
                                r.storeBackAfterRestartSeconds(),
                                r.healthySecondsAfterStoreBack(),
                                r.notUpInTime().isEmpty()
                                        ? ""
                                        : " (not UP in time: " + r.notUpInTime() + ")"));
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Acknowledged writes lost %d, without their event %d, with two events"
                                + " %d, event records read twice (same id) %d, without a finance"
                                + " member account %d%n",
                            lost,
                            withoutEvent,
                            duplicated,
                            redelivered,
                            withoutFinanceAccount));
            out.append(
                    passed()
                            ? "STORE CRASH DRILL PASSED"
                            : "STORE CRASH DRILL FAILED: " + String.join("; ", problems));
            return out.toString();
        }
    }

    private final Options options;
    private final HttpClient http =
            HttpClient.newBuilder()
                    .connectTimeout(Duration.ofSeconds(5))
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
    private final String run =
            Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    private final AtomicInteger sequence = new AtomicInteger();
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger transportErrors = new AtomicInteger();
    private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong pauseUntil = new AtomicLong();

    StoreCrashDrill(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        coop.cluster.infra.support.InfraLogging.useInfraConfiguration();
        Map<String, String> o = parse(args);
        Path runDir = Path.of(o.getOrDefault("run-dir", "run")).toAbsolutePath().normalize();
        String tokenCommand = o.getOrDefault("token-command", System.getenv("USER_TOKEN_COMMAND"));
        if (tokenCommand == null || !tokenCommand.contains("%s")) {
            throw new IllegalArgumentException(
                    "give --token-command (or USER_TOKEN_COMMAND), a shell command printing "
                            + "the access token of the user %s, e.g. \"scripts/token.sh %s demo\"");
        }
        Options options =
                new Options(
                        URI.create(o.getOrDefault("gateway", "http://127.0.0.1:8080")),
                        o.getOrDefault("bootstrap", "127.0.0.1:9092"),
                        new PlatformState(runDir),
                        Integer.parseInt(o.getOrDefault("writes", "600")),
                        Integer.parseInt(o.getOrDefault("clients", "4")),
                        Integer.parseInt(o.getOrDefault("kills", "1")),
                        Duration.ofSeconds(Long.parseLong(o.getOrDefault("outage-seconds", "5"))),
                        Duration.ofSeconds(
                                Long.parseLong(o.getOrDefault("health-limit-seconds", "30"))),
                        o.getOrDefault("manager", "manon"),
                        o.getOrDefault("finance-user", "farid"),
                        user -> Shell.output(tokenCommand.replace("%s", user)));
        Result result = new StoreCrashDrill(options).run();
        System.out.println(result.report());
        System.exit(result.passed() ? 0 : 1);
    }

    Result run() throws Exception {
        String managerToken = options.tokens().apply(options.manager());
        String financeToken = options.tokens().apply(options.financeUser());
        List<String> problems = new ArrayList<>();
        List<Recovery> recoveries = Collections.synchronizedList(new ArrayList<>());
        say(
                "store crash drill: %d applications through %s with %d clients, the store killed %d"
                        + " time(s), run %s",
                options.writes(), options.gateway(), options.clients(), options.kills(), run);
        try (EventTally events =
                new EventTally(options.bootstrap(), List.of("membership.members"), List.of())) {
            Thread chaos =
                    Thread.ofPlatform()
                            .name("store-killer")
                            .start(
                                    () -> {
                                        try {
                                            for (int k = 1; k <= options.kills(); k++) {
                                                int threshold =
                                                        k
                                                                * options.writes()
                                                                / (options.kills() + 1);
                                                while (acknowledged.size() < threshold) {
                                                    Thread.sleep(20);
                                                }
                                                recoveries.add(killAndRecover());
                                            }
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        } catch (RuntimeException e) {
                                            problems.add("the kill or the recovery failed: " + e);
                                            say("kill or recovery failed: %s", e);
                                        }
                                    });
            List<Thread> writers = new ArrayList<>();
            for (int c = 0; c < options.clients(); c++) {
                writers.add(
                        Thread.ofPlatform()
                                .name("writer-" + c)
                                .start(() -> write(managerToken, chaos)));
            }
            for (Thread writer : writers) {
                writer.join();
            }
            chaos.join();

            List<String> acked = List.copyOf(acknowledged);
            say("writes done: %d acknowledged; checking them", acked.size());
            events.awaitAll(APPLIED, acked, Duration.ofSeconds(60));
            int withoutEvent = 0;
            int duplicated = 0;
            int redelivered = 0;
            for (String id : acked) {
                List<String> ids = events.seen(APPLIED, id).ids();
                Set<String> distinct = new HashSet<>(ids);
                withoutEvent += ids.isEmpty() ? 1 : 0;
                duplicated += distinct.size() > 1 ? 1 : 0;
                redelivered += ids.size() - distinct.size();
            }
            int lost = countMissing(acked, id -> "/api/members/" + id, managerToken, Duration.ZERO);
            int withoutAccount =
                    countMissing(
                            acked,
                            id -> "/api/finance/member-accounts/" + id,
                            financeToken,
                            Duration.ofSeconds(60));

            Map<Integer, Integer> refusedByStatus = new TreeMap<>();
            refused.forEach((status, count) -> refusedByStatus.put(status, count.get()));
            if (acked.size() < options.writes()) {
                problems.add(
                        "only "
                                + acked.size()
                                + " of "
                                + options.writes()
                                + " writes were acknowledged");
            }
            if (lost > 0) {
                problems.add(lost + " acknowledged writes lost");
            }
            if (withoutEvent > 0) {
                problems.add(withoutEvent + " acknowledged writes without their event");
            }
            if (duplicated > 0) {
                problems.add(duplicated + " writes with two events");
            }
            if (withoutAccount > 0) {
                problems.add(
                        withoutAccount + " acknowledged members without their finance account");
            }
            if (refusedByStatus.keySet().stream()
                    .anyMatch(status -> status >= 500 && status != 503)) {
                problems.add(
                        "writes refused with a status other than 503 or 429: " + refusedByStatus);
            }
            if (recoveries.size() < options.kills()) {
                problems.add(
                        "only "
                                + recoveries.size()
                                + " of "
                                + options.kills()
                                + " kills were carried out");
            }
            for (Recovery r : recoveries) {
                if (!r.notUpInTime().isEmpty()) {
                    problems.add(
                            r.notUpInTime()
                                    + " not UP within "
                                    + options.healthLimit().toSeconds()
                                    + " s of the store's return");
                }
            }
            return new Result(
                    sent.get(),
                    acked.size(),
                    refusedByStatus,
                    transportErrors.get(),
                    lost,
                    withoutEvent,
                    duplicated,
                    redelivered,
                    withoutAccount,
                    List.copyOf(recoveries),
                    options.healthLimit(),
                    List.copyOf(problems));
        }
    }

    /** Files applications until enough are acknowledged (and every kill has happened). */
    private void write(String token, Thread chaos) {
        long giveUpAt = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while ((acknowledged.size() < options.writes() || chaos.isAlive())
                && System.nanoTime() < giveUpAt) {
            long pause = pauseUntil.get() - System.nanoTime();
            if (pause > 0) {
                sleep(Duration.ofNanos(pause));
            }
            int n = sequence.incrementAndGet();
            String body =
                    """
                    {"legalName":"Drill %s %d","registrationNumber":"DRILL-%s-%d","country":"MA",\
                    "organisationType":"SME","sizeBand":"SMALL"}\
                    """
                            .formatted(run, n, run, n);
            sent.incrementAndGet();
            try {
                HttpResponse<String> answer =
                        http.send(
                                HttpRequest.newBuilder(
                                                options.gateway()
                                                        .resolve("/api/members/applications"))
                                        .timeout(Duration.ofSeconds(15))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .header("X-Correlation-Id", "drill-" + run + "-" + n)
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        body, StandardCharsets.UTF_8))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                Matcher id = ID.matcher(answer.body());
                if (answer.statusCode() == 201 && id.find()) {
                    acknowledged.add(id.group(1));
                } else {
                    refused.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger())
                            .incrementAndGet();
                    if (answer.statusCode() == 429 || answer.statusCode() == 503) {
                        // honour Retry-After (capped), as a polite client would
                        long seconds =
                                answer.headers()
                                        .firstValue("Retry-After")
                                        .map(StoreCrashDrill::seconds)
                                        .orElse(1L);
                        sleep(Duration.ofMillis(Math.min(seconds * 1000, 2000)));
                    } else if (answer.statusCode() >= 500) {
                        sleep(Duration.ofMillis(200));
                    }
                }
            } catch (IOException e) {
                transportErrors.incrementAndGet();
                sleep(Duration.ofMillis(200));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Recovery killAndRecover() throws InterruptedException {
        PlatformState.Process store = options.state().process(STORE);
        int ackedBeforeKill = acknowledged.size();
        long killedAt = System.nanoTime();
        PlatformState.killHard(store);
        say(
                "killed the store (pid %d, SIGKILL) after %d acknowledged writes",
                store.pid(), ackedBeforeKill);
        Thread.sleep(options.outage().toMillis());
        long restartAt = System.nanoTime();
        options.state().requestRestart(STORE);
        say("asked the launcher to restart the store");
        long backAt = awaitStoreAccepting(store, Duration.ofMinutes(3));
        say(
                "the store accepts connections again (%.1f s after the restart request)",
                secondsBetween(restartAt, backAt));
        List<PlatformState.Process> pending = options.state().httpProcesses();
        long deadline = backAt + options.healthLimit().toNanos();
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            pending.removeIf(PlatformState::isUp);
            if (!pending.isEmpty()) {
                Thread.sleep(250);
            }
        }
        long healthyAt = System.nanoTime();
        List<String> notUp = pending.stream().map(PlatformState.Process::name).toList();
        say(
                notUp.isEmpty()
                        ? "every process is UP %.1f s after the store's return"
                        : "NOT UP %.1f s after the store's return: " + notUp,
                secondsBetween(backAt, healthyAt));
        return new Recovery(
                ackedBeforeKill,
                secondsBetween(killedAt, restartAt),
                secondsBetween(restartAt, backAt),
                secondsBetween(backAt, healthyAt),
                notUp);
    }

    /**
     * Waits for the restarted store: a new pid in the launcher's state, and its port accepting
     * connections.
     */
    private long awaitStoreAccepting(PlatformState.Process killed, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            PlatformState.Process now = options.state().processes().get(STORE);
            if (now != null
                    && now.pid() != killed.pid()
                    && coop.cluster.infra.support.NetworkPorts.isListening(
                            "127.0.0.1", now.port())) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(
                "the store did not come back within " + timeout.toSeconds() + " s");
    }

    /**
     * How many of the ids answer something else than 200 at the path, retried until {@code
     * patience} has passed.
     */
    private int countMissing(
            List<String> ids, Function<String, String> path, String token, Duration patience)
            throws InterruptedException {
        List<String> missing = new ArrayList<>(ids);
        long deadline = System.nanoTime() + patience.toNanos();
        do {
            List<String> still = new ArrayList<>();
            for (String id : missing) {
                if (status(path.apply(id), token) != 200) {
                    still.add(id);
                }
            }
            missing = still;
            if (!missing.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(1000);
            }
        } while (!missing.isEmpty() && System.nanoTime() < deadline);
        if (!missing.isEmpty()) {
            say(
                    "missing at %s: %s",
                    path.apply("{id}"), missing.subList(0, Math.min(10, missing.size())));
        }
        return missing.size();
    }

    private int status(String path, String token) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<Void> answer =
                        http.send(
                                HttpRequest.newBuilder(options.gateway().resolve(path))
                                        .timeout(Duration.ofSeconds(15))
                                        .header("Authorization", "Bearer " + token)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 429 && attempt < 20) {
                    Thread.sleep(500);
                    continue;
                }
                return answer.statusCode();
            } catch (IOException e) {
                if (attempt >= 3) {
                    return -1;
                }
                Thread.sleep(500);
            }
        }
    }

    private static long seconds(String retryAfter) {
        try {
            return Math.max(0, Long.parseLong(retryAfter.trim()));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static double secondsBetween(long fromNanos, long toNanos) {
        return (toNanos - fromNanos) / 1e9;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void say(String format, Object... args) {
        System.out.printf(Locale.ROOT, "[drill] " + format + "%n", args);
        System.out.flush();
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException(
                        "expected --name value pairs, got " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
