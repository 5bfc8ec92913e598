package coop.cluster.infra.launch;

import coop.cluster.infra.support.ProcessMemory;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * {@code ./platform status}: the launcher and every process it started, with pid, health and RSS.
 * Exit code 0 when everything is UP, 1 when the platform is not running, 3 when something is not
 * UP.
 */
public final class PlatformStatus {

    private PlatformStatus() {}

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("platform status: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(report(options));
    }

    static int report(LaunchOptions options) {
        OptionalLong launcher = RunFiles.readPid(options.launcherPidFile());
        boolean launcherAlive =
                launcher.isPresent()
                        && RunFiles.isAliveAndLooksLike(
                                launcher.getAsLong(), PlatformLauncher.class.getName());
        List<RunFiles.StateLine> state = RunFiles.readState(options.stateFile());
        if (!launcherAlive) {
            System.out.println(
                    "platform: not running"
                            + (launcher.isPresent()
                                    ? " (stale pid file " + options.launcherPidFile() + ")"
                                    : ""));
        } else {
            System.out.println(
                    "platform: launcher pid "
                            + launcher.getAsLong()
                            + ", run dir "
                            + options.runDir());
        }
        if (state.isEmpty()) {
            return launcherAlive ? 3 : 1;
        }
        boolean allUp = true;
        long totalKib = 0;
        String row = "  %-24s %-8s %-6s %-10s %-32s %s%n";
        System.out.printf(Locale.ROOT, row, "PROCESS", "PID", "PORT", "RSS", "HEALTH", "CHECKED");
        try (HealthCheck health = new HealthCheck()) {
            for (RunFiles.StateLine line : state) {
                boolean alive =
                        ProcessHandle.of(line.pid()).map(ProcessHandle::isAlive).orElse(false);
                String rss = "-";
                String detail = "not running";
                if (alive) {
                    OptionalLong kib =
                            ProcessHandle.of(line.pid())
                                    .map(ProcessMemory::treeRssKib)
                                    .orElse(OptionalLong.empty());
                    if (kib.isPresent()) {
                        totalKib += kib.getAsLong();
                        rss = ProcessMemory.formatMib(kib.getAsLong());
                    }
                    HealthCheck.Result result = health.check(URI.create(line.healthUrl()));
                    detail = result.detail();
                    allUp &= result.up();
                } else {
                    allUp = false;
                }
                System.out.printf(
                        Locale.ROOT,
                        row,
                        line.name(),
                        line.pid(),
                        line.port(),
                        rss,
                        detail,
                        line.healthUrl());
            }
        }
        if (totalKib > 0) {
            System.out.printf(
                    Locale.ROOT, row, "TOTAL", "", "", ProcessMemory.formatMib(totalKib), "", "");
        }
        if (!launcherAlive) {
            return 1;
        }
        return allUp ? 0 : 3;
    }
}
