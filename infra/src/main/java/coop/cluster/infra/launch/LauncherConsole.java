package coop.cluster.infra.launch;

import coop.cluster.infra.support.ProcessMemory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * What the launcher prints: its timed lines ({@code [platform 12.3 s] ...}), the tail of a child's
 * output when it failed, the summary once everything is UP, the memory at idle, and the banner of a
 * child that died.
 */
final class LauncherConsole {

    private static final int LOG_TAIL_LINES = 25;

    private final PrintStream out;
    private final Instant launcherStart;
    private final LaunchOptions options;

    LauncherConsole(PrintStream out, Instant launcherStart, LaunchOptions options) {
        this.out = out;
        this.launcherStart = launcherStart;
        this.options = options;
    }

    /** A line with the time since the launcher started. */
    void say(String format, Object... args) {
        Duration sinceStart = Duration.between(launcherStart, Instant.now());
        out.printf(
                Locale.ROOT,
                "[platform %7s] %s%n",
                seconds(sinceStart),
                String.format(Locale.ROOT, format, args));
        out.flush();
    }

    /** A line as it is, without the time. */
    void line(String text) {
        out.println(text);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** {@code p} relative to the platform's home when it is inside it. */
    String relative(Path p) {
        return p.startsWith(options.home())
                ? options.home().relativize(p).toString()
                : p.toString();
    }

    /** The last lines of a child's output, and where its application log is. */
    void tail(Supervisor.Child c) {
        for (String line : RunFiles.tail(c.output, LOG_TAIL_LINES)) {
            out.println("    | " + line);
        }
        c.spec.env().entrySet().stream()
                .filter(e -> e.getKey().equals("LOGGING_FILE_NAME"))
                .forEach(e -> out.println("    (application log: " + e.getValue() + ")"));
    }

    /** Why a group of children did not come UP. */
    void startFailed(Supervisor.Outcome outcome, List<Supervisor.Child> group) {
        switch (outcome) {
            case DIED -> {
                for (Supervisor.Child c : group) {
                    if (!c.process.isAlive()) {
                        say(
                                "FAILED: %s (pid %d) exited with code %d during start-up; last"
                                        + " lines of %s:",
                                c.spec.name(),
                                c.process.pid(),
                                c.process.exitValue(),
                                relative(c.output));
                        tail(c);
                    }
                }
            }
            case TIMEOUT -> {
                say("FAILED: not UP after %d s:", options.startTimeout().toSeconds());
                for (Supervisor.Child c : group) {
                    if (!c.up) {
                        say(
                                "  %s (pid %d): %s; last lines of %s:",
                                c.spec.name(), c.process.pid(), c.lastDetail, relative(c.output));
                        tail(c);
                        if (!c.lastBody.isBlank()) {
                            out.println("    last health response: " + c.lastBody);
                        }
                    }
                }
            }
            default -> {}
        }
    }

    /**
     * A child that exited while the platform was running: loudly, on standard error. It is not
     * restarted.
     */
    void unexpectedExit(Supervisor.Child child) {
        String banner = "!".repeat(78);
        PrintStream err = System.err;
        err.println(banner);
        err.printf(
                "!!! %s (pid %d) EXITED UNEXPECTEDLY with code %d; it will NOT be restarted.%n",
                child.spec.name(), child.process.pid(), child.process.exitValue());
        err.printf("!!! Output: %s%n", child.output);
        for (String line : RunFiles.tail(child.output, 10)) {
            err.println("!!!   " + line);
        }
        err.println("!!! Once the cause is fixed: ./platform restart " + child.spec.name());
        err.println(banner);
    }

    /** Once everything is UP: how long it took, the CPU it took, and each process's address. */
    void summary(List<ManagedProcess> table, List<Supervisor.Child> children) {
        Instant now = Instant.now();
        StringBuilder sb = new StringBuilder();
        sb.append(System.lineSeparator());
        sb.append(
                String.format(
                        Locale.ROOT,
                        "Platform UP in %s since the launcher started",
                        seconds(Duration.between(launcherStart, now))));
        options.scriptStartEpochMillis()
                .ifPresent(
                        t0 ->
                                sb.append(
                                        String.format(
                                                Locale.ROOT,
                                                " (%s since ./platform was run, build check"
                                                        + " included)",
                                                seconds(
                                                        Duration.between(
                                                                Instant.ofEpochMilli(t0), now)))));
        sb.append(System.lineSeparator());
        // the CPU the children used to get there: on a shared machine it varies far less than the
        // wall time
        Duration cpu =
                children.stream()
                        .map(
                                c ->
                                        c.process
                                                .toHandle()
                                                .info()
                                                .totalCpuDuration()
                                                .orElse(Duration.ZERO))
                        .reduce(Duration.ZERO, Duration::plus);
        if (!cpu.isZero()) {
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "CPU used by the %d processes so far: %s%n",
                            children.size(),
                            seconds(cpu)));
        }
        sb.append(System.lineSeparator());
        String row = "  %-24s %-8s %s%n";
        sb.append(String.format(row, "PROCESS", "PID", "ADDRESS"));
        for (Supervisor.Child c : children) {
            ManagedProcess p = c.spec;
            String address =
                    switch (p.name()) {
                        case ProcessTable.KAFKA ->
                                "Kafka bootstrap "
                                        + ProcessTable.HOST
                                        + ":"
                                        + p.port()
                                        + " (controller "
                                        + options.port(ProcessTable.KAFKA_CONTROLLER, 9093)
                                        + ")";
                        case ProcessTable.MONGO ->
                                "mongodb://" + ProcessTable.HOST + ":" + p.port() + "/<database>";
                        case ProcessTable.MAIL ->
                                "SMTP "
                                        + ProcessTable.HOST
                                        + ":"
                                        + p.port()
                                        + ", messages "
                                        + p.healthUrl().resolve("/messages")
                                        + " (./platform mail)";
                        default ->
                                p.httpHealth()
                                        ? "http://localhost:" + p.port()
                                        : "tcp://" + ProcessTable.HOST + ":" + p.port();
                    };
            sb.append(String.format(row, p.name(), c.process.pid(), address));
            if (p.name().equals(ProcessTable.GATEWAY)) {
                sb.append(
                        String.format(
                                row, "", "", "web console " + ProcessTable.consoleUrl(p.port())));
            }
            if (p.tier() != ManagedProcess.Tier.INFRASTRUCTURE
                    && p.env().containsKey("SPRING_MONGODB_URI")) {
                sb.append(
                        String.format(
                                row,
                                "",
                                "",
                                "swagger UI http://localhost:" + p.port() + "/swagger-ui.html"));
            }
        }
        if (options.noServices()) {
            List<String> skipped =
                    table.stream()
                            .filter(p -> p.tier() != ManagedProcess.Tier.INFRASTRUCTURE)
                            .map(ManagedProcess::name)
                            .toList();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "%n  not started (--no-services): %s%n",
                            String.join(", ", skipped)));
        }
        sb.append(System.lineSeparator())
                .append("  logs ")
                .append(relative(options.logDir()))
                .append("   data ")
                .append(relative(options.dataDir()))
                .append("   pids ")
                .append(relative(options.pidDir()))
                .append(System.lineSeparator());
        out.print(sb);
        out.flush();
    }

    /** Each live child's resident memory, and the total, {@code settle} after UP. */
    void memory(List<Supervisor.Child> children, Duration settle) {
        long total = 0;
        StringBuilder sb = new StringBuilder();
        for (Supervisor.Child c : children) {
            if (!c.process.isAlive()) {
                continue;
            }
            OptionalLong rss = ProcessMemory.treeRssKib(c.process.toHandle());
            if (rss.isPresent()) {
                total += rss.getAsLong();
                sb.append(
                        String.format(
                                Locale.ROOT,
                                "  %-24s %s%n",
                                c.spec.name(),
                                ProcessMemory.formatMib(rss.getAsLong())));
            }
        }
        if (total > 0) {
            out.printf(
                    Locale.ROOT,
                    "%nMemory at idle (RSS, %d s after UP):%n%s  %-24s %s%n%n",
                    settle.toSeconds(),
                    sb,
                    "TOTAL",
                    ProcessMemory.formatMib(total));
            out.flush();
        }
    }
}
