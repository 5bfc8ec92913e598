package coop.cluster.infra.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A main class running in a child JVM with this JVM's classpath, its output (stdout and stderr)
 * going to a file. For fault tests: {@link #kill()} is a SIGKILL, {@link #stop()} a SIGTERM.
 * Children still alive when this JVM exits are stopped by a shutdown hook (SIGTERM, then SIGKILL
 * after 10 s).
 *
 * <pre>
 * try (ChildJvm consumer = ChildJvm.builder(ConsumerMain.class)
 *         .systemProperty("spring.kafka.bootstrap-servers", infra.bootstrapServers())
 *         .args("--topic", "t")
 *         .start()) {
 *     consumer.awaitOutput("consumer started", Duration.ofSeconds(30));
 *     consumer.kill();
 * }
 * </pre>
 */
public final class ChildJvm implements AutoCloseable {

    /** Small heap, quick start: these children are test actors, not benchmarks. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-Xss512k",
                    "-Xmx256m",
                    "-XX:+ExitOnOutOfMemoryError");

    private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(20);
    private static final Set<ChildJvm> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildJvm::stopAll, "child-jvm-cleanup"));
    }

    private final String name;
    private final Process process;
    private final Path output;
    private final List<String> command;

    private ChildJvm(String name, Process process, Path output, List<String> command) {
        this.name = name;
        this.process = process;
        this.output = output;
        this.command = command;
    }

    public static Builder builder(Class<?> mainClass) {
        return new Builder(mainClass.getName());
    }

    public static Builder builder(String mainClassName) {
        return new Builder(mainClassName);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The file that receives the child's stdout and stderr. */
    public Path output() {
        return output;
    }

    public List<String> command() {
        return command;
    }

    public String outputText() {
        try {
            return Files.exists(output)
                    ? new String(Files.readAllBytes(output), StandardCharsets.UTF_8)
                    : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of the output, for failure messages. */
    public String outputTail(int lines) {
        List<String> all = outputText().lines().toList();
        return String.join(
                System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /**
     * Waits until the output contains {@code text}.
     *
     * @throws IllegalStateException if the child exits first or the timeout passes (with the
     *     output's tail)
     */
    public void awaitOutput(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (outputText().contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                if (outputText().contains(text)) {
                    return;
                }
                throw new IllegalStateException(
                        name
                                + " (pid "
                                + pid()
                                + ") exited with code "
                                + process.exitValue()
                                + " before printing '"
                                + text
                                + "'; last output:"
                                + System.lineSeparator()
                                + outputTail(40));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        name
                                + " (pid "
                                + pid()
                                + ") did not print '"
                                + text
                                + "' within "
                                + timeout.toSeconds()
                                + " s; last output:"
                                + System.lineSeparator()
                                + outputTail(40));
            }
            waitForExit(Duration.ofMillis(100));
        }
    }

    /** Waits up to {@code timeout} for the child to exit; true if it has. */
    public boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** The exit code; the child must have exited. */
    public int exitCode() {
        return process.exitValue();
    }

    /**
     * SIGKILL, like {@code kill -9}: no shutdown hook runs in the child. Waits until it is gone.
     */
    public void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(30));
        LIVE.remove(this);
    }

    /** SIGTERM, then SIGKILL after 20 s. Returns the exit code (143 for a JVM ended by SIGTERM). */
    public int stop() {
        return stop(DEFAULT_STOP_GRACE);
    }

    /**
     * SIGTERM, then SIGKILL if the child is still alive after {@code grace}. Returns the exit code.
     */
    public int stop(Duration grace) {
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(grace)) {
                process.destroyForcibly();
                waitForExit(Duration.ofSeconds(30));
            }
        }
        LIVE.remove(this);
        return process.isAlive() ? -1 : process.exitValue();
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "ChildJvm[" + name + ", pid " + pid() + (isAlive() ? "" : ", exited") + "]";
    }

    /**
     * At JVM exit: SIGTERM to every child still running, SIGKILL to those still there after 10 s.
     */
    private static void stopAll() {
        List<ChildJvm> children = List.copyOf(LIVE);
        children.forEach(child -> child.process.destroy());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (ChildJvm child : children) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!child.waitForExit(Duration.ofNanos(left))) {
                child.process.destroyForcibly();
            }
        }
    }

    /** Where output files go when none is given: the module's target/ when there is one. */
    static Path defaultOutputDir() {
        Path target = Path.of(System.getProperty("user.dir", ".")).resolve("target");
        Path dir =
                Files.isDirectory(target)
                        ? target.resolve("child-jvms")
                        : Path.of(System.getProperty("java.io.tmpdir"), "child-jvms");
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static final class Builder {

        private final String mainClass;
        private String name;
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private final Map<String, String> systemProperties = new LinkedHashMap<>();
        private final List<String> args = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path output;
        private boolean appendOutput;
        private Path workingDirectory;
        private String classpath;

        private Builder(String mainClass) {
            this.mainClass = mainClass;
            this.name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
        }

        /** A short name for messages and the default output file name. */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** Adds JVM options after the defaults (a later -Xmx wins over an earlier one). */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** Drops {@link #DEFAULT_JVM_OPTIONS}. */
        public Builder noDefaultJvmOptions() {
            jvmOptions.removeAll(DEFAULT_JVM_OPTIONS);
            return this;
        }

        public Builder systemProperty(String key, String value) {
            systemProperties.put(key, value);
            return this;
        }

        public Builder systemProperties(Map<String, String> properties) {
            systemProperties.putAll(properties);
            return this;
        }

        public Builder args(String... arguments) {
            args.addAll(List.of(arguments));
            return this;
        }

        public Builder args(List<String> arguments) {
            args.addAll(arguments);
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        /** The file for stdout and stderr, truncated at start. */
        public Builder output(Path file) {
            this.output = file;
            this.appendOutput = false;
            return this;
        }

        /** The file for stdout and stderr, appended to (keeps the output of earlier runs). */
        public Builder appendOutput(Path file) {
            this.output = file;
            this.appendOutput = true;
            return this;
        }

        public Builder workingDirectory(Path dir) {
            this.workingDirectory = dir;
            return this;
        }

        /** Another classpath than this JVM's. */
        public Builder classpath(String classpath) {
            this.classpath = classpath;
            return this;
        }

        public ChildJvm start() {
            Path out =
                    output != null
                            ? output
                            : defaultOutputDir()
                                    .resolve(
                                            name
                                                    + "-"
                                                    + LocalDateTime.now()
                                                            .format(
                                                                    DateTimeFormatter.ofPattern(
                                                                            "HHmmss"))
                                                    + "-"
                                                    + COUNTER.incrementAndGet()
                                                    + ".out");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            if (Runtime.version().feature() >= 23) {
                // Kafka, Netty and H2 still use sun.misc.Unsafe; keep their warnings out of the
                // output
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.add("-cp");
            command.add(classpath != null ? classpath : Classpath.current());
            command.add(mainClass);
            command.addAll(args);

            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.redirectOutput(
                    appendOutput
                            ? ProcessBuilder.Redirect.appendTo(out.toFile())
                            : ProcessBuilder.Redirect.to(out.toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                pb.redirectInput(ProcessBuilder.Redirect.from(devNull));
            }
            if (workingDirectory != null) {
                pb.directory(workingDirectory.toFile());
            }
            pb.environment().putAll(environment);
            try {
                if (out.getParent() != null) {
                    Files.createDirectories(out.getParent());
                }
                ChildJvm child = new ChildJvm(name, pb.start(), out, List.copyOf(command));
                LIVE.add(child);
                return child;
            } catch (IOException e) {
                throw new UncheckedIOException("could not start " + mainClass, e);
            }
        }
    }
}
