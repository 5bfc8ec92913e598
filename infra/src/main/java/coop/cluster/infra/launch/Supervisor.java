package coop.cluster.infra.launch;

import coop.cluster.infra.support.ClassDataSharing;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The platform's child processes: starts them (each in its own session, so a Ctrl-C in the terminal
 * reaches the launcher only), polls their health until UP, reports one that dies (never restarting
 * it by itself: a silent restart would hide the fault), and stops them — services first, all at
 * once, then the infrastructure in reverse start order. Once stopping has begun, nothing starts.
 */
final class Supervisor {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final String CDS_OPTION = "-XX:SharedArchiveFile=";
    private static final Duration HTTP_HEALTH_INTERVAL = Duration.ofSeconds(1);

    /** A started process. */
    static final class Child {
        final ManagedProcess spec;
        final Process process;
        final Path output;
        final Instant startedAt;
        volatile boolean up;
        volatile String lastDetail = "starting";
        volatile String lastBody = "";

        /**
         * Actuator health is polled once a second: a failing check may log a stack trace each time.
         */
        volatile long nextHttpCheck = System.nanoTime();

        Child(ManagedProcess spec, Process process, Path output, Instant startedAt) {
            this.spec = spec;
            this.process = process;
            this.output = output;
            this.startedAt = startedAt;
        }
    }

    enum Outcome {
        UP,
        DIED,
        TIMEOUT,
        STOPPED
    }

    private final LaunchOptions options;
    private final LauncherConsole console;
    private final long launcherPid;
    private final HealthCheck health = new HealthCheck();

    /** Guards {@link #running} and {@link #stopping}: no process starts once stopping has begun. */
    private final Object startLock = new Object();

    private final List<Child> running = new ArrayList<>();
    private volatile boolean stopping;
    private final ReentrantLock stopLock = new ReentrantLock();
    private boolean stopped;
    private final CountDownLatch shutdownRequested = new CountDownLatch(1);

    Supervisor(LaunchOptions options, LauncherConsole console, long launcherPid) {
        this.options = options;
        this.console = console;
        this.launcherPid = launcherPid;
    }

    boolean stopping() {
        return stopping;
    }

    /** Starts every process of {@code tier}, in table order; fewer if stopping began meanwhile. */
    List<Child> startAll(List<ManagedProcess> table, ManagedProcess.Tier tier) {
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
    Child start(ManagedProcess p) {
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
            ProcessBuilder pb =
                    new ProcessBuilder(command)
                            .directory(options.home().toFile())
                            .redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            pb.environment().putAll(p.env());
            p.command().stream()
                    .filter(o -> o.startsWith(CDS_OPTION))
                    .map(o -> Path.of(o.substring(CDS_OPTION.length())))
                    .filter(a -> a.startsWith(options.cdsDir()))
                    .forEach(ClassDataSharing::removeStale);
            try {
                Files.writeString(
                        output,
                        "# "
                                + LocalDateTime.now()
                                + " started by the platform launcher (pid "
                                + launcherPid
                                + ")"
                                + System.lineSeparator()
                                + "# "
                                + String.join(" ", p.command())
                                + System.lineSeparator()
                                + (p.env().isEmpty()
                                        ? ""
                                        : "# env " + p.env() + System.lineSeparator()),
                        StandardCharsets.UTF_8);
                Process process = pb.start();
                Child child = new Child(p, process, output, Instant.now());
                running.add(child);
                RunFiles.writePid(options.pidDir().resolve(p.name() + ".pid"), process.pid());
                writeState();
                process.onExit().thenRun(() -> onExit(child));
                console.say(
                        "started %-24s pid %-7d port %-5d output %s",
                        p.name(), process.pid(), p.port(), console.relative(output));
                return child;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + p.name(), e);
            }
        }
    }

    /**
     * Waits for every child of {@code group} to be UP; says why not when one died or time ran out.
     */
    boolean awaitUpOrFail(List<Child> group, long deadline) {
        Outcome outcome = awaitUp(group, deadline);
        if (outcome == Outcome.DIED || outcome == Outcome.TIMEOUT) {
            console.startFailed(outcome, group);
        }
        return outcome == Outcome.UP;
    }

    Outcome awaitUp(List<Child> group, long deadline) {
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
                    console.say(
                            "UP      %-24s after %s",
                            c.spec.name(),
                            LauncherConsole.seconds(Duration.between(c.startedAt, Instant.now())));
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

    private void onExit(Child child) {
        if (stopping) {
            return;
        }
        RunFiles.delete(options.pidDir().resolve(child.spec.name() + ".pid"));
        console.unexpectedExit(child);
    }

    /**
     * Whether a process named {@code name} is running; if it has exited, it is forgotten (to be
     * started again).
     */
    boolean aliveOrForget(String name) {
        synchronized (startLock) {
            boolean alive =
                    running.stream()
                            .anyMatch(c -> c.spec.name().equals(name) && c.process.isAlive());
            if (!alive) {
                running.removeIf(c -> c.spec.name().equals(name));
            }
            return alive;
        }
    }

    /**
     * Once everything is UP, one full collection in each child ({@code jcmd PID GC.run}, all at
     * once): the serial collector then returns to the OS the heap that start-up garbage had grown
     * (the children run with {@code MaxHeapFreeRatio=40}), 20-30 MB per Spring Boot process at
     * idle. The heap grows again under load as needed. Skipped when the JDK has no jcmd or with
     * {@code PLATFORM_IDLE_GC=false}.
     */
    void compactHeaps() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)
                || "false".equalsIgnoreCase(options.environment().get("PLATFORM_IDLE_GC"))) {
            return;
        }
        List<Process> collections = new ArrayList<>();
        for (Child c : children()) {
            if (!c.process.isAlive()) {
                continue;
            }
            try {
                collections.add(
                        new ProcessBuilder(
                                        jcmd.toString(),
                                        "-J-XX:TieredStopAtLevel=1",
                                        "-J-XX:+UseSerialGC",
                                        Long.toString(c.process.pid()),
                                        "GC.run")
                                .redirectErrorStream(true)
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .start());
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
            List<Child> children = children();
            List<Child> applications =
                    children.stream()
                            .filter(c -> c.spec.tier() != ManagedProcess.Tier.INFRASTRUCTURE)
                            .toList();
            List<Child> infrastructure =
                    new ArrayList<>(
                            children.stream()
                                    .filter(
                                            c ->
                                                    c.spec.tier()
                                                            == ManagedProcess.Tier.INFRASTRUCTURE)
                                    .toList());
            java.util.Collections.reverse(infrastructure);
            if (children.stream().anyMatch(c -> c.process.isAlive())) {
                console.say(
                        "stopping the platform: services and gateway first, then %s",
                        String.join(
                                ", then ",
                                infrastructure.stream().map(c -> c.spec.name()).toList()));
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
            console.say("platform stopped");
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
                console.say(
                        "%s (pid %d) did not stop within %d s: killing it",
                        c.spec.name(), c.process.pid(), STOP_GRACE.toSeconds());
                c.process.destroyForcibly();
                forced.add(c);
            }
        }
        for (Child c : alive) {
            waitFor(c.process, TimeUnit.SECONDS.toNanos(10));
            console.say(
                    "stopped %-24s %s",
                    c.spec.name(),
                    forced.contains(c) ? "(killed)" : "(exit code " + exitCode(c.process) + ")");
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

    /** Waits up to {@code timeout} for a shutdown request; true if one came. */
    boolean awaitShutdown(Duration timeout) {
        try {
            return shutdownRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The children started so far, in start order. */
    List<Child> children() {
        synchronized (startLock) {
            return List.copyOf(running);
        }
    }

    private void writeState() {
        List<String> lines = new ArrayList<>();
        lines.add(
                "# name\tpid\tport\thealth\toutput  (written by the platform launcher, pid "
                        + launcherPid
                        + ")");
        for (Child c : running) {
            lines.add(
                    new RunFiles.StateLine(
                                    c.spec.name(),
                                    c.process.pid(),
                                    c.spec.port(),
                                    c.spec.healthUrl().toString(),
                                    c.output.toString())
                            .format());
        }
        RunFiles.write(options.stateFile(), lines);
    }

    private static String setsidPath;
    private static boolean setsidLooked;

    /** The {@code setsid} executable on the PATH, or null. */
    static synchronized String setsid() {
        if (!setsidLooked) {
            setsidLooked = true;
            for (String dir :
                    System.getenv()
                            .getOrDefault("PATH", "/usr/bin:/bin")
                            .split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "setsid");
                if (Files.isExecutable(candidate)) {
                    setsidPath = candidate.toString();
                    break;
                }
            }
        }
        return setsidPath;
    }
}
