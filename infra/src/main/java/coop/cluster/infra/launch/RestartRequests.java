package coop.cluster.infra.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./platform restart NAME} drops a file {@code RUN_DIR/control/restart-NAME}; a process that
 * has exited (killed, crashed) is started again with its original command and environment. A
 * running one is left alone.
 */
final class RestartRequests {

    private final LaunchOptions options;
    private final Supervisor supervisor;
    private final LauncherConsole console;

    RestartRequests(LaunchOptions options, Supervisor supervisor, LauncherConsole console) {
        this.options = options;
        this.supervisor = supervisor;
        this.console = console;
    }

    /**
     * Serves the requests waiting now: every process of {@code table} asked for is started, then
     * all are waited for together, so several processes killed at once come back in the time of the
     * slowest, not of their sum.
     */
    void serve(List<ManagedProcess> table) {
        Path control = options.runDir().resolve("control");
        List<Supervisor.Child> started = new ArrayList<>();
        for (ManagedProcess spec : table) {
            Path request = control.resolve("restart-" + spec.name());
            if (!Files.exists(request)) {
                continue;
            }
            RunFiles.delete(request);
            if (supervisor.aliveOrForget(spec.name())) {
                console.say("restart %s: it is running; nothing to do", spec.name());
                continue;
            }
            console.say("restart %s: starting it again on request", spec.name());
            Supervisor.Child child = supervisor.start(spec);
            if (child != null) {
                started.add(child);
            }
        }
        if (!started.isEmpty()) {
            Supervisor.Outcome outcome =
                    supervisor.awaitUp(
                            started, System.nanoTime() + options.startTimeout().toNanos());
            console.say(
                    "restart %s: %s",
                    started.stream().map(c -> c.spec.name()).toList(),
                    outcome == Supervisor.Outcome.UP ? "UP" : outcome.name());
        }
    }
}
