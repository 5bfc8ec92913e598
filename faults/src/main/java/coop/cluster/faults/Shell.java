package coop.cluster.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Runs a shell command and returns what it printed (a token command such as {@code scripts/token.sh
 * manon demo}).
 */
final class Shell {

    private Shell() {}

    static String output(String command) {
        try {
            Process process =
                    new ProcessBuilder("sh", "-c", command)
                            .redirectError(ProcessBuilder.Redirect.INHERIT)
                            .start();
            String out =
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                            .strip();
            if (process.waitFor() != 0 || out.isEmpty()) {
                throw new IllegalStateException(
                        "the command failed (exit " + process.exitValue() + "): " + command);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run: " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }
}
