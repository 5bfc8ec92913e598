package coop.cluster.infra.launch;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * {@code ./platform run}: starts the whole platform as child processes and supervises it. The Kafka
 * broker, the store and the mail catcher first, then every service and the gateway at once, then
 * the second instances of the business services ({@code --instances 2}), each group polled on its
 * health until UP; then it serves restart requests until Ctrl-C or SIGTERM ({@code ./platform
 * stop}) stops everything in order.
 *
 * <p>The parts: {@link Preflight} (the checks before anything starts), {@link Supervisor} (the
 * children: start, health, exit, stop), {@link RestartRequests} ({@code ./platform restart NAME}),
 * {@link LauncherConsole} (what is printed), {@link ProcessTable} (what runs, with which command
 * and environment).
 */
public final class PlatformLauncher {

    private static final Duration IDLE_SETTLE = Duration.ofSeconds(5);
    private static final Duration CONTROL_POLL = Duration.ofSeconds(1);

    private final LaunchOptions options;
    private final long pid = ProcessHandle.current().pid();
    private final LauncherConsole console;
    private final Supervisor supervisor;

    PlatformLauncher(LaunchOptions options) {
        this.options = options;
        // the JVM's own start: the process may be older, `./platform` execs the launcher after its
        // build check
        Instant launcherStart =
                Instant.ofEpochMilli(
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime());
        this.console = new LauncherConsole(System.out, launcherStart, options);
        this.supervisor = new Supervisor(options, console, pid);
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
        } catch (Preflight.Failure | IllegalArgumentException e) {
            System.err.println("platform: " + e.getMessage());
            code = 2;
        }
        System.exit(code);
    }

    int run() {
        List<ManagedProcess> table =
                ProcessTable.platform(options, javaExecutable(), infraClasspath(), pid);
        Preflight.checkPortNames(options, table);
        List<ManagedProcess> toStart =
                table.stream()
                        .filter(
                                p ->
                                        !options.noServices()
                                                || p.tier() == ManagedProcess.Tier.INFRASTRUCTURE)
                        .toList();
        Preflight.check(options, toStart, pid);
        createDirectories();
        RunFiles.writePid(options.launcherPidFile(), pid);
        Runtime.getRuntime().addShutdownHook(new Thread(supervisor::stopAll, "platform-shutdown"));

        console.say(
                "starting the platform from %s (logs %s, data %s)%s",
                options.home(),
                options.logDir(),
                options.dataDir(),
                options.noServices() ? " — infrastructure only (--no-services)" : "");
        if (Supervisor.setsid() == null) {
            console.say(
                    "WARNING: setsid not found: a Ctrl-C in this terminal also reaches the"
                            + " children, the stop order is not guaranteed");
        }
        long deadline = System.nanoTime() + options.startTimeout().toNanos();
        for (ManagedProcess.Tier tier :
                List.of(
                        ManagedProcess.Tier.INFRASTRUCTURE,
                        ManagedProcess.Tier.APPLICATION,
                        ManagedProcess.Tier.REPLICA)) {
            if (!supervisor.awaitUpOrFail(supervisor.startAll(toStart, tier), deadline)) {
                return stopAfterFailure();
            }
        }
        console.summary(table, supervisor.children());
        supervisor.compactHeaps();
        if (supervisor.awaitShutdown(IDLE_SETTLE)) {
            return 0;
        }
        console.memory(supervisor.children(), IDLE_SETTLE);
        console.say(
                "running; stop with Ctrl-C or ./platform stop; restart a stopped process with "
                        + "./platform restart NAME");
        RestartRequests restarts = new RestartRequests(options, supervisor, console);
        while (!supervisor.awaitShutdown(CONTROL_POLL)) {
            restarts.serve(table);
        }
        return 0;
    }

    private int stopAfterFailure() {
        if (supervisor.stopping()) {
            return 0;
        }
        supervisor.stopAll();
        return 1;
    }

    private void createDirectories() {
        try {
            for (Path dir :
                    List.of(
                            options.runDir(),
                            options.logDir(),
                            options.dataDir(),
                            options.pidDir())) {
                Files.createDirectories(dir);
            }
            if (options.cds()) {
                Files.createDirectories(options.cdsDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The classpath for the broker and the store: the infra jar and its {@code lib/} directory as a
     * wildcard (a short, readable command line), else this JVM's classpath.
     */
    static String infraClasspath() {
        java.security.CodeSource source =
                PlatformLauncher.class.getProtectionDomain().getCodeSource();
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
