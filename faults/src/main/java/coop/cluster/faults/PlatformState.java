package coop.cluster.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the launcher of a running platform ({@code ./platform run}) says about its processes: the
 * {@code RUN_DIR/platform.state} file it rewrites whenever a process starts (name, pid, port,
 * health URL, output), and the {@code RUN_DIR/control/restart-NAME} request files it serves ({@code
 * ./platform restart NAME}).
 */
final class PlatformState {

    /**
     * One managed process. {@code healthUrl} is {@code tcp://...} for the broker and the store,
     * http for the others.
     */
    record Process(String name, long pid, int port, URI healthUrl) {

        boolean hasHttpHealth() {
            return healthUrl.getScheme().startsWith("http");
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path runDir;

    PlatformState(Path runDir) {
        this.runDir = runDir;
    }

    Path runDir() {
        return runDir;
    }

    /** The processes as the launcher last wrote them. */
    Map<String, Process> processes() {
        Path file = runDir.resolve("platform.state");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read " + file + ": is the platform running (./platform run)?", e);
        }
        Map<String, Process> processes = new LinkedHashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (line.startsWith("#") || f.length < 4) {
                continue;
            }
            processes.put(
                    f[0],
                    new Process(
                            f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), URI.create(f[3])));
        }
        return processes;
    }

    Process process(String name) {
        return Optional.ofNullable(processes().get(name))
                .orElseThrow(
                        () ->
                                new IllegalStateException(
                                        "no process '"
                                                + name
                                                + "' in "
                                                + runDir.resolve("platform.state")));
    }

    /** A SIGKILL: the process gets no chance to flush or close anything. */
    static void killHard(Process process) {
        ProcessHandle handle =
                ProcessHandle.of(process.pid())
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                process.name()
                                                        + " (pid "
                                                        + process.pid()
                                                        + ") is not running"));
        handle.destroyForcibly();
        handle.onExit().join();
    }

    /**
     * Asks the launcher to start an exited process again, as {@code ./platform restart NAME} does.
     */
    void requestRestart(String name) {
        Path request = runDir.resolve("control").resolve("restart-" + name);
        try {
            Files.createDirectories(request.getParent());
            Files.writeString(request, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + request, e);
        }
    }

    /**
     * The processes with an HTTP health check (the mail catcher, the authorization server, the
     * services, the gateway).
     */
    List<Process> httpProcesses() {
        return new ArrayList<>(
                processes().values().stream().filter(Process::hasHttpHealth).toList());
    }

    /** True when the health endpoint answers 200 with status UP within two seconds. */
    static boolean isUp(Process process) {
        try {
            HttpResponse<String> health =
                    HTTP.send(
                            HttpRequest.newBuilder(process.healthUrl())
                                    .timeout(Duration.ofSeconds(2))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return health.statusCode() == 200 && health.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
