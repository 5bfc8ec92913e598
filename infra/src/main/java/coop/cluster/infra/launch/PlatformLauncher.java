package coop.cluster.infra.launch;

import coop.cluster.infra.support.ClassDataSharing;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.support.ProcessMemory;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Starts the whole platform as child processes and supervises it: the Kafka broker and the
 * store first, then every service and the gateway at once, each polled on its health endpoint
 * until UP. Ctrl-C or SIGTERM ({@code ./platform stop}) stops the services first, then the store,
 * then the broker. Children run in their own session (setsid), so a Ctrl-C in the terminal
 * reaches the launcher only and the stop order holds.
 *
 * <p>A child that dies is reported, never restarted: a silent restart would hide the fault.
 */
public final class PlatformLauncher {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 25;
    private static final String CDS_OPTION = "-XX:SharedArchiveFile=";
    private static final Duration HTTP_HEALTH_INTERVAL = Duration.ofSeconds(1);

    private final LaunchOptions options;
    private final Instant launcherStart;
    private final long pid = ProcessHandle.current().pid();
    private final PrintStream out = System.out;
    private final HealthCheck health = new HealthCheck();

    /** Guards {@link #running} and {@link #stopping}: no process starts once stopping has begun. */
    private final Object startLock = new Object();
    private final List<Child> running = new ArrayList<>();
    private volatile boolean stopping;
    private final ReentrantLock stopLock = new ReentrantLock();
    private boolean stopped;
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);

    /** A started process. */
    private static final class Child {
        final ManagedProcess spec;
        final Process process;
        final Path output;
        final Instant startedAt;
        volatile boolean up;
        volatile String lastDetail = "starting";
        volatile String lastBody = "";
        /** Actuator health is polled once a second: a failing check may log a stack trace each time. */
        volatile long nextHttpCheck = System.nanoTime();

        Child(ManagedProcess spec, Process process, Path output, Instant startedAt) {
            this.spec = spec;
            this.process = process;
            this.output = output;
            this.startedAt = startedAt;
        }
    }

    private enum Outcome { UP, DIED, TIMEOUT, STOPPED }

    /** A check before anything is started failed; nothing to clean up. */
    static final class PreflightFailure extends RuntimeException {
        PreflightFailure(String message) {
            super(message);
        }
    }

    PlatformLauncher(LaunchOptions options) {
        this.options = options;
        // the JVM's own start: the process may be older, `./platform` execs the launcher after its build check
        this.launcherStart = Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (LaunchOptions.HelpRequested e) {
            System.out.print(LaunchOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("platform: " + e.getMessage());
            System.err.print(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new PlatformLauncher(options).run();
        } catch (PreflightFailure | IllegalArgumentException e) {
            System.err.println("platform: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    int run() {
        List<ManagedProcess> table = ProcessTable.platform(options, javaExecutable(), infraClasspath(), pid);
        checkPortNames(table);
        List<ManagedProcess> toStart = table.stream()
                .filter(p -> !options.noServices() || p.tier() == ManagedProcess.Tier.INFRASTRUCTURE)
                .toList();
        preflight(toStart);
        createDirectories();
        RunFiles.writePid(options.launcherPidFile(), pid);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "platform-shutdown"));

        say("starting the platform from %s (logs %s, data %s)%s", options.home(), options.logDir(), options.dataDir(),
                options.noServices() ? " — infrastructure only (--no-services)" : "");
        if (setsid() == null) {
            say("WARNING: setsid not found: a Ctrl-C in this terminal also reaches the children, the stop order is not guaranteed");
        }
        long deadline = System.nanoTime() + options.startTimeout().toNanos();

        List<Child> infrastructure = startAll(toStart, ManagedProcess.Tier.INFRASTRUCTURE);
        if (!awaitUpOrFail(infrastructure, deadline)) {
            return stopAfterFailure();
        }
        List<Child> applications = startAll(toStart, ManagedProcess.Tier.APPLICATION);
        if (!awaitUpOrFail(applications, deadline)) {
            return stopAfterFailure();
        }
        List<Child> replicas = startAll(toStart, ManagedProcess.Tier.REPLICA);
        if (!awaitUpOrFail(replicas, deadline)) {
            return stopAfterFailure();
        }
        printSummary(table);
        compactHeaps();
        if (awaitShutdown(IDLE_SETTLE)) {
            return 0;
        }
        printMemory();
        say("running; stop with Ctrl-C or ./platform stop; restart a stopped process with ./platform restart NAME");
        while (!awaitShutdown(CONTROL_POLL)) {
            serveRestartRequests(table);
        }
        return 0;
    }

    /**
     * {@code ./platform restart NAME} drops a file {@code RUN_DIR/control/restart-NAME}; a process that has exited
     * (killed, crashed) is started again with its original command and environment. A running one is left alone.
     */
    private void serveRestartRequests(List<ManagedProcess> table) {
        Path control = options.runDir().resolve("control");
        for (ManagedProcess spec : table) {
            Path request = control.resolve("restart-" + spec.name());
            if (!Files.exists(request)) {
                continue;
            }
            RunFiles.delete(request);
            boolean alive;
            synchronized (startLock) {
                alive = running.stream().anyMatch(c -> c.spec.name().equals(spec.name()) && c.process.isAlive());
                if (!alive) {
                    running.removeIf(c -> c.spec.name().equals(spec.name()));
                }
            }
            if (alive) {
                say("restart %s: it is running; nothing to do", spec.name());
                continue;
            }
            say("restart %s: starting it again on request", spec.name());
            Child child = start(spec);
            if (child != null) {
                Outcome outcome = awaitUp(List.of(child), System.nanoTime() + options.startTimeout().toNanos());
                say("restart %s: %s", spec.name(), outcome == Outcome.UP ? "UP" : outcome.name());
            }
        }
    }

    // ------------------------------------------------------------------ start-up

    private void checkPortNames(List<ManagedProcess> table) {
        List<String> known = ProcessTable.portNames(table);
        for (String name : options.portOverrides().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--port " + name + "=...: no such process (known: " + String.join(", ", known) + ")");
            }
        }
    }

    private void preflight(List<ManagedProcess> toStart) {
        OptionalLong previous = RunFiles.readPid(options.launcherPidFile());
        if (previous.isPresent() && previous.getAsLong() != pid
                && RunFiles.isAliveAndLooksLike(previous.getAsLong(), PlatformLauncher.class.getName())) {
            throw new PreflightFailure("the platform is already running (launcher pid " + previous.getAsLong()
                    + ", " + options.launcherPidFile() + "); stop it with ./platform stop");
        }
        List<String> leftovers = new ArrayList<>();
        for (Path pidFile : RunFiles.pidFiles(options.pidDir())) {
            String name = pidFile.getFileName().toString().replaceFirst("\\.pid$", "");
            OptionalLong childPid = RunFiles.readPid(pidFile);
            if (childPid.isPresent() && isOurChild(childPid.getAsLong(), name)) {
                leftovers.add(name + " (pid " + childPid.getAsLong() + ")");
            } else {
                RunFiles.delete(pidFile);
            }
        }
        if (!leftovers.isEmpty()) {
            throw new PreflightFailure("processes of an earlier run are still alive: " + String.join(", ", leftovers)
                    + "; stop them with ./platform stop");
        }
        List<String> missing = toStart.stream().flatMap(p -> p.jar().stream()).filter(j -> !Files.isRegularFile(j))
                .map(Path::toString).toList();
        if (!missing.isEmpty()) {
            throw new PreflightFailure("missing jar(s): " + String.join(", ", missing)
                    + "; build them with ./mvnw -B -ntp -DskipTests package (./platform run does it for you)");
        }
        List<String> busy = new ArrayList<>();
        for (ManagedProcess p : toStart) {
            if (portBusy(p.port())) {
                busy.add(p.port() + " (" + p.name() + ")");
            }
            for (ProcessTable.SecondaryPort second : ProcessTable.secondaryPorts(p)) {
                int port = options.port(second.name(), second.defaultPort());
                if (portBusy(port)) {
                    busy.add(port + " (" + second.name() + ")");
                }
            }
        }
        if (!busy.isEmpty()) {
            throw new PreflightFailure("port(s) already in use: " + String.join(", ", busy)
                    + ". Is another platform running (./platform status)? To run beside it: --port-offset 100");
        }
    }

    static boolean isOurChild(long childPid, String name) {
        return RunFiles.isAliveAndLooksLike(childPid, name) && RunFiles.isAliveAndLooksLike(childPid, "java");
    }

    private static boolean portBusy(int port) {
        return !NetworkPorts.isFree("0.0.0.0", port) || NetworkPorts.isListening(ProcessTable.HOST, port);
    }

    private void createDirectories() {
        try {
            for (Path dir : List.of(options.runDir(), options.logDir(), options.dataDir(), options.pidDir())) {
                Files.createDirectories(dir);
            }
            if (options.cds()) {
                Files.createDirectories(options.cdsDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<Child> startAll(List<ManagedProcess> table, ManagedProcess.Tier tier) {
        List<Child> started = new ArrayList<>();
        for (ManagedProcess p : table) {
            if (p.tier() == tier) {
                Child child = start(p);
                if (child == null) {
                    break;
                }
                started.add(child);
            }
        }
        return started;
    }

    /** Starts one process; null if the launcher is already stopping. */
    private Child start(ManagedProcess p) {
        synchronized (startLock) {
            if (stopping) {
                return null;
            }
            Path output = options.logDir().resolve(p.name() + ".out");
            List<String> command = new ArrayList<>();
            String setsid = setsid();
            if (setsid != null) {
                command.add(setsid);
            }
            command.addAll(p.command());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(options.home().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            pb.environment().putAll(p.env());
            p.command().stream().filter(o -> o.startsWith(CDS_OPTION)).map(o -> Path.of(o.substring(CDS_OPTION.length())))
                    .filter(a -> a.startsWith(options.cdsDir())).forEach(ClassDataSharing::removeStale);
            try {
                Files.writeString(output, "# " + LocalDateTime.now() + " started by the platform launcher (pid " + pid + ")"
                        + System.lineSeparator() + "# " + String.join(" ", p.command()) + System.lineSeparator()
                        + (p.env().isEmpty() ? "" : "# env " + p.env() + System.lineSeparator()), StandardCharsets.UTF_8);
                Process process = pb.start();
                Child child = new Child(p, process, output, Instant.now());
                running.add(child);
                RunFiles.writePid(options.pidDir().resolve(p.name() + ".pid"), process.pid());
                writeState();
                process.onExit().thenRun(() -> onExit(child));
                say("started %-24s pid %-7d port %-5d output %s", p.name(), process.pid(), p.port(), relative(output));
                return child;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + p.name(), e);
            }
        }
    }

    private boolean awaitUpOrFail(List<Child> group, long deadline) {
        Outcome outcome = awaitUp(group, deadline);
        switch (outcome) {
            case UP -> {
                return true;
            }
            case STOPPED -> {
                return false;
            }
            case DIED -> {
                for (Child c : group) {
                    if (!c.process.isAlive()) {
                        say("FAILED: %s (pid %d) exited with code %d during start-up; last lines of %s:",
                                c.spec.name(), c.process.pid(), c.process.exitValue(), relative(c.output));
                        printTail(c);
                    }
                }
            }
            case TIMEOUT -> {
                say("FAILED: not UP after %d s:", options.startTimeout().toSeconds());
                for (Child c : group) {
                    if (!c.up) {
                        say("  %s (pid %d): %s; last lines of %s:", c.spec.name(), c.process.pid(), c.lastDetail, relative(c.output));
                        printTail(c);
                        if (!c.lastBody.isBlank()) {
                            out.println("    last health response: " + c.lastBody);
                        }
                    }
                }
            }
        }
        return false;
    }

    private Outcome awaitUp(List<Child> group, long deadline) {
        while (true) {
            if (stopping) {
                return Outcome.STOPPED;
            }
            boolean allUp = true;
            for (Child c : group) {
                if (c.up) {
                    continue;
                }
                if (!c.process.isAlive()) {
                    return Outcome.DIED;
                }
                if (c.spec.httpHealth() && System.nanoTime() - c.nextHttpCheck < 0) {
                    allUp = false;
                    continue;
                }
                HealthCheck.Result result = health.check(c.spec.healthUrl());
                c.nextHttpCheck = System.nanoTime() + HTTP_HEALTH_INTERVAL.toNanos();
                c.lastDetail = result.detail();
                c.lastBody = result.body();
                if (result.up()) {
                    c.up = true;
                    say("UP      %-24s after %s", c.spec.name(), seconds(Duration.between(c.startedAt, Instant.now())));
                } else {
                    allUp = false;
                }
            }
            if (allUp) {
                return Outcome.UP;
            }
            if (System.nanoTime() - deadline > 0) {
                return Outcome.TIMEOUT;
            }
            if (awaitShutdown(Duration.ofMillis(250))) {
                return Outcome.STOPPED;
            }
        }
    }

    private void printTail(Child c) {
        for (String line : RunFiles.tail(c.output, LOG_TAIL_LINES)) {
            out.println("    | " + line);
        }
        c.spec.env().entrySet().stream().filter(e -> e.getKey().equals("LOGGING_FILE_NAME"))
                .forEach(e -> out.println("    (application log: " + e.getValue() + ")"));
    }

    private int stopAfterFailure() {
        if (stopping) {
            return 0;
        }
        stopAll();
        return 1;
    }

    // ------------------------------------------------------------------ running

    private void onExit(Child child) {
        if (stopping) {
            return;
        }
        RunFiles.delete(options.pidDir().resolve(child.spec.name() + ".pid"));
        String banner = "!".repeat(78);
        PrintStream err = System.err;
        err.println(banner);
        err.printf("!!! %s (pid %d) EXITED UNEXPECTEDLY with code %d; it will NOT be restarted.%n",
                child.spec.name(), child.process.pid(), child.process.exitValue());
        err.printf("!!! Output: %s%n", child.output);
        for (String line : RunFiles.tail(child.output, 10)) {
            err.println("!!!   " + line);
        }
        err.println("!!! Once the cause is fixed: ./platform restart " + child.spec.name());
        err.println(banner);
    }

    private void printSummary(List<ManagedProcess> table) {
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder();
        sb.append(System.lineSeparator());
        sb.append(String.format(Locale.ROOT, "Platform UP in %s since the launcher started", seconds(Duration.between(launcherStart, now))));
        options.scriptStartEpochMillis().ifPresent(t0 -> sb.append(String.format(Locale.ROOT, " (%s since ./platform was run, build check included)",
                seconds(Duration.between(Instant.ofEpochMilli(t0), now)))));
        sb.append(System.lineSeparator());
        // the CPU the children used to get there: on a shared machine it varies far less than the wall time
        Duration cpu = snapshot().stream().map(c -> c.process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
        if (!cpu.isZero()) {
            sb.append(String.format(Locale.ROOT, "CPU used by the %d processes so far: %s%n", snapshot().size(), seconds(cpu)));
        }
        sb.append(System.lineSeparator());
        String row = "  %-24s %-8s %s%n";
        sb.append(String.format(row, "PROCESS", "PID", "ADDRESS"));
        List<Child> children = snapshot();
        for (Child c : children) {
            ManagedProcess p = c.spec;
            String address = switch (p.name()) {
                case ProcessTable.KAFKA -> "Kafka bootstrap " + ProcessTable.HOST + ":" + p.port()
                        + " (controller " + options.port(ProcessTable.KAFKA_CONTROLLER, 9093) + ")";
                case ProcessTable.MONGO -> "mongodb://" + ProcessTable.HOST + ":" + p.port() + "/<database>";
                case ProcessTable.MAIL -> "SMTP " + ProcessTable.HOST + ":" + p.port() + ", messages "
                        + p.healthUrl().resolve("/messages") + " (./platform mail)";
                default -> p.httpHealth() ? "http://localhost:" + p.port() : "tcp://" + ProcessTable.HOST + ":" + p.port();
            };
            sb.append(String.format(row, p.name(), c.process.pid(), address));
            if (p.name().equals(ProcessTable.GATEWAY)) {
                sb.append(String.format(row, "", "", "web console " + ProcessTable.consoleUrl(p.port())));
            }
            if (p.tier() != ManagedProcess.Tier.INFRASTRUCTURE && p.env().containsKey("SPRING_MONGODB_URI")) {
                sb.append(String.format(row, "", "", "swagger UI http://localhost:" + p.port() + "/swagger-ui.html"));
            }
        }
        if (options.noServices()) {
            List<String> skipped = table.stream().filter(p -> p.tier() != ManagedProcess.Tier.INFRASTRUCTURE).map(ManagedProcess::name).toList();
            sb.append(String.format(Locale.ROOT, "%n  not started (--no-services): %s%n", String.join(", ", skipped)));
        }
        sb.append(System.lineSeparator()).append("  logs ").append(relative(options.logDir())).append("   data ")
                .append(relative(options.dataDir())).append("   pids ").append(relative(options.pidDir())).append(System.lineSeparator());
        out.print(sb);
        out.flush();
    }

    /**
     * Once everything is UP, one full collection in each child ({@code jcmd PID GC.run}, all at once): the serial
     * collector then returns to the OS the heap that start-up garbage had grown (the children run with
     * {@code MaxHeapFreeRatio=40}), 20-30 MB per Spring Boot process at idle. The heap grows again under load as
     * needed. Skipped when the JDK has no jcmd or with {@code PLATFORM_IDLE_GC=false}.
     */
    private void compactHeaps() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd) || "false".equalsIgnoreCase(options.environment().get("PLATFORM_IDLE_GC"))) {
            return;
        }
        List<Process> collections = new ArrayList<>();
        for (Child c : snapshot()) {
            if (!c.process.isAlive()) {
                continue;
            }
            try {
                collections.add(new ProcessBuilder(jcmd.toString(), "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC",
                        Long.toString(c.process.pid()), "GC.run")
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            } catch (IOException e) {
                return;
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (Process p : collections) {
            if (!waitFor(p, Math.max(0, deadline - System.nanoTime()))) {
                p.destroyForcibly();
            }
        }
    }

    private void printMemory() {
        long total = 0;
        StringBuilder sb = new StringBuilder();
        for (Child c : snapshot()) {
            if (!c.process.isAlive()) {
                continue;
            }
            OptionalLong rss = ProcessMemory.treeRssKib(c.process.toHandle());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                sb.append(String.format(Locale.ROOT, "  %-24s %s%n", c.spec.name(), ProcessMemory.formatMib(rss.getAsLong())));
            }
        }
        if (total > 0) {
            out.printf(Locale.ROOT, "%nMemory at idle (RSS, %d s after UP):%n%s  %-24s %s%n%n",
                    IDLE_SETTLE.toSeconds(), sb, "TOTAL", ProcessMemory.formatMib(total));
            out.flush();
        }
    }

    // ------------------------------------------------------------------ shutdown

    /** Services first (all at once), then the infrastructure in reverse start order. Idempotent. */
    void stopAll() {
        synchronized (startLock) {
            stopping = true;
        }
        shutdownRequested.countDown();
        stopLock.lock();
        try {
            if (stopped) {
                return;
            }
            List<Child> children = snapshot();
            List<Child> applications = children.stream().filter(c -> c.spec.tier() != ManagedProcess.Tier.INFRASTRUCTURE).toList();
            List<Child> infrastructure = new ArrayList<>(children.stream().filter(c -> c.spec.tier() == ManagedProcess.Tier.INFRASTRUCTURE).toList());
            java.util.Collections.reverse(infrastructure);
            if (children.stream().anyMatch(c -> c.process.isAlive())) {
                say("stopping the platform: services and gateway first, then %s",
                        String.join(", then ", infrastructure.stream().map(c -> c.spec.name()).toList()));
            }
            stopTogether(applications);
            for (Child c : infrastructure) {
                stopTogether(List.of(c));
            }
            for (Child c : children) {
                RunFiles.delete(options.pidDir().resolve(c.spec.name() + ".pid"));
            }
            RunFiles.delete(options.stateFile());
            RunFiles.delete(options.launcherPidFile());
            health.close();
            stopped = true;
            say("platform stopped");
        } finally {
            stopLock.unlock();
        }
    }

    private void stopTogether(List<Child> children) {
        List<Child> alive = children.stream().filter(c -> c.process.isAlive()).toList();
        if (alive.isEmpty()) {
            return;
        }
        for (Child c : alive) {
            c.process.destroy();
        }
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        Set<Child> forced = new HashSet<>();
        for (Child c : alive) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!waitFor(c.process, left)) {
                say("%s (pid %d) did not stop within %d s: killing it", c.spec.name(), c.process.pid(), STOP_GRACE.toSeconds());
                c.process.destroyForcibly();
                forced.add(c);
            }
        }
        for (Child c : alive) {
            waitFor(c.process, TimeUnit.SECONDS.toNanos(10));
            say("stopped %-24s %s", c.spec.name(), forced.contains(c) ? "(killed)" : "(exit code " + exitCode(c.process) + ")");
        }
    }

    private static boolean waitFor(Process process, long nanos) {
        try {
            return process.waitFor(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static String exitCode(Process process) {
        return process.isAlive() ? "still running" : Integer.toString(process.exitValue());
    }

    /** Waits for a shutdown request; forever when {@code timeout} is null. True if shutdown was requested. */
    private static final Duration CONTROL_POLL = Duration.ofSeconds(1);

    private boolean awaitShutdown(Duration timeout) {
        try {
            if (timeout == null) {
                shutdownRequested.await();
                return true;
            }
            return shutdownRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    // ------------------------------------------------------------------ helpers

    private List<Child> snapshot() {
        synchronized (startLock) {
            return List.copyOf(running);
        }
    }

    private void writeState() {
        List<String> lines = new ArrayList<>();
        lines.add("# name\tpid\tport\thealth\toutput  (written by the platform launcher, pid " + pid + ")");
        for (Child c : running) {
            lines.add(new RunFiles.StateLine(c.spec.name(), c.process.pid(), c.spec.port(), c.spec.healthUrl().toString(),
                    c.output.toString()).format());
        }
        RunFiles.write(options.stateFile(), lines);
    }

    private void say(String format, Object... args) {
        Duration sinceStart = Duration.between(launcherStart, Instant.now());
        out.printf(Locale.ROOT, "[platform %7s] %s%n", seconds(sinceStart), String.format(Locale.ROOT, format, args));
        out.flush();
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private String relative(Path p) {
        return p.startsWith(options.home()) ? options.home().relativize(p).toString() : p.toString();
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String setsidPath;
    private static boolean setsidLooked;

    private static synchronized String setsid() {
        if (!setsidLooked) {
            setsidLooked = true;
            for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "setsid");
                if (Files.isExecutable(candidate)) {
                    setsidPath = candidate.toString();
                    break;
                }
            }
        }
        return setsidPath;
    }

    /**
     * The classpath for the broker and the store: the infra jar and its {@code lib/} directory as a
     * wildcard (a short, readable command line), else this JVM's classpath.
     */
    static String infraClasspath() {
        java.security.CodeSource source = PlatformLauncher.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            try {
                Path location = Path.of(source.getLocation().toURI());
                Path lib = location.resolveSibling("lib");
                if (Files.isRegularFile(location) && Files.isDirectory(lib)) {
                    return location + File.pathSeparator + lib.resolve("*");
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                return System.getProperty("java.class.path");
            }
        }
        return System.getProperty("java.class.path");
    }
}
