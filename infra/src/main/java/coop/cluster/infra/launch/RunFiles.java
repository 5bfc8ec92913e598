package coop.cluster.infra.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The pid and state files under the run directory, shared by the launcher and {@link
 * PlatformStatus}.
 */
final class RunFiles {

    /** One line of {@code platform.state}. */
    record StateLine(String name, long pid, int port, String healthUrl, String output) {

        String format() {
            return String.join(
                    "\t", name, Long.toString(pid), Integer.toString(port), healthUrl, output);
        }

        static Optional<StateLine> parse(String line) {
            String[] f = line.split("\t");
            if (f.length < 5 || line.startsWith("#")) {
                return Optional.empty();
            }
            try {
                return Optional.of(
                        new StateLine(
                                f[0], Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3], f[4]));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private RunFiles() {}

    static OptionalLong readPid(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return OptionalLong.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    static void writePid(Path file, long pid) {
        write(file, List.of(Long.toString(pid)));
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(
                    tmp,
                    file,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("could not delete " + file + ": " + e.getMessage());
        }
    }

    static List<StateLine> readState(Path file) {
        List<StateLine> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    StateLine.parse(line).ifPresent(lines::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return lines;
    }

    static List<Path> pidFiles(Path pidDir) {
        if (!Files.isDirectory(pidDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(pidDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".pid")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not list " + pidDir, e);
        }
    }

    /** True if {@code pid} is alive and its command line contains {@code marker}. */
    static boolean isAliveAndLooksLike(long pid, String marker) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .map(p -> commandLine(p).contains(marker))
                .orElse(false);
    }

    static String commandLine(ProcessHandle p) {
        Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
        try {
            if (Files.isReadable(cmdline)) {
                return new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8)
                        .replace('\0', ' ');
            }
        } catch (IOException e) {
            return p.info().commandLine().orElse("");
        }
        return p.info().commandLine().orElse("");
    }

    static List<String> tail(Path file, int lines) {
        try {
            if (!Files.isRegularFile(file)) {
                return List.of("(no output file " + file + ")");
            }
            List<String> all =
                    new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }
}
