package coop.cluster.infra.support;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends this JVM when the process that started it is gone, so that a launcher or a test JVM killed
 * with SIGKILL never leaves an orphan broker or store behind. The exit goes through {@link
 * System#exit(int)}, so the shutdown hooks still stop the server cleanly.
 */
public final class ParentWatchdog {

    private static final long POLL_MILLIS = 500;

    private ParentWatchdog() {}

    /**
     * Starts a daemon thread that watches {@code parentPid}.
     *
     * @param onParentGone runs (on the watchdog thread) before the JVM exits with status 0
     */
    public static void watch(long parentPid, Runnable onParentGone) {
        Optional<ProcessHandle> parent = ProcessHandle.of(parentPid);
        Optional<Instant> startedAt = parent.flatMap(p -> p.info().startInstant());
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "parent-watchdog-" + parentPid);
                            t.setDaemon(true);
                            return t;
                        });
        timer.scheduleWithFixedDelay(
                () -> {
                    if (!isAlive(parentPid, startedAt)) {
                        timer.shutdown();
                        onParentGone.run();
                        System.exit(0);
                    }
                },
                0,
                POLL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** Alive, and the same process: a recycled pid has another start instant. */
    static boolean isAlive(long pid, Optional<Instant> expectedStart) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        if (expectedStart.isEmpty()) {
            return true;
        }
        return handle.get().info().startInstant().map(expectedStart.get()::equals).orElse(true);
    }
}
