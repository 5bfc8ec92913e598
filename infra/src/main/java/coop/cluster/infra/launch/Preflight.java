package coop.cluster.infra.launch;

import coop.cluster.infra.support.NetworkPorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The checks before anything is started: the port names given exist, no launcher nor child of an
 * earlier run is alive, the jars are built, the ports are free. A failed check throws {@link
 * Failure}; nothing needs cleaning up.
 */
final class Preflight {

    /** A check before anything is started failed; nothing to clean up. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    private Preflight() {}

    /**
     * @throws IllegalArgumentException if {@code --port NAME=...} names no process of {@code table}
     */
    static void checkPortNames(LaunchOptions options, List<ManagedProcess> table) {
        List<String> known = ProcessTable.portNames(table);
        for (String name : options.portOverrides().keySet()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "--port "
                                + name
                                + "=...: no such process (known: "
                                + String.join(", ", known)
                                + ")");
            }
        }
    }

    /**
     * @param launcherPid this launcher's pid, which the pid file may already hold
     */
    static void check(LaunchOptions options, List<ManagedProcess> toStart, long launcherPid) {
        OptionalLong previous = RunFiles.readPid(options.launcherPidFile());
        if (previous.isPresent()
                && previous.getAsLong() != launcherPid
                && RunFiles.isAliveAndLooksLike(
                        previous.getAsLong(), PlatformLauncher.class.getName())) {
            throw new Failure(
                    "the platform is already running (launcher pid "
                            + previous.getAsLong()
                            + ", "
                            + options.launcherPidFile()
                            + "); stop it with ./platform stop");
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
            throw new Failure(
                    "processes of an earlier run are still alive: "
                            + String.join(", ", leftovers)
                            + "; stop them with ./platform stop");
        }
        List<String> missing =
                toStart.stream()
                        .flatMap(p -> p.jar().stream())
                        .filter(j -> !Files.isRegularFile(j))
                        .map(Path::toString)
                        .toList();
        if (!missing.isEmpty()) {
            throw new Failure(
                    "missing jar(s): "
                            + String.join(", ", missing)
                            + "; build them with ./mvnw -B -ntp -DskipTests package (./platform run"
                            + " does it for you)");
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
            throw new Failure(
                    "port(s) already in use: "
                            + String.join(", ", busy)
                            + ". Is another platform running (./platform status)? To run beside it:"
                            + " --port-offset 100");
        }
    }

    static boolean isOurChild(long childPid, String name) {
        return RunFiles.isAliveAndLooksLike(childPid, name)
                && RunFiles.isAliveAndLooksLike(childPid, "java");
    }

    private static boolean portBusy(int port) {
        return !NetworkPorts.isFree("0.0.0.0", port)
                || NetworkPorts.isListening(ProcessTable.HOST, port);
    }
}
