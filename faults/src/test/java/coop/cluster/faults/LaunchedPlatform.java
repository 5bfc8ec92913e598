package coop.cluster.faults;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.launch.PlatformLauncher;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole platform started from the services' jars by its own launcher, as {@code ./platform run}
 * does, in a temporary run directory and on ports of its own: once per test JVM, shared by every
 * whole-platform test class ({@code @ExtendWith(LaunchedPlatform.class)}), stopped when the last of
 * them has run. A start costs about a minute on two cores, so the journeys and drills share one.
 */
public final class LaunchedPlatform implements BeforeAllCallback {

    /** Default ports of the platform: the offset must leave all of them free. */
    private static final List<Integer> PORTS =
            List.of(8080, 8081, 8082, 8083, 8084, 8085, 8086, 9000, 9092, 9093, 27017, 2525, 8025);

    private static final List<String> JARS =
            List.of(
                    "auth-server",
                    "membership-service",
                    "project-service",
                    "funding-watch-service",
                    "finance-service",
                    "notification-service",
                    "web",
                    "gateway");

    private static Running running;

    /** One running platform. */
    public record Running(Path home, Path runDir, int offset, ChildJvm launcher)
            implements AutoCloseable {

        public URI gateway() {
            return URI.create("http://127.0.0.1:" + port(8080));
        }

        /**
         * The web console, through the gateway, as people open it (127.0.0.1: the issuer refuses
         * localhost).
         */
        public String console() {
            return "http://127.0.0.1:" + port(8080) + "/";
        }

        public String issuer() {
            return "http://localhost:" + port(9000);
        }

        public String mailApi() {
            return "http://127.0.0.1:" + port(8025);
        }

        public String broker() {
            return "127.0.0.1:" + port(9092);
        }

        public int port(int defaultPort) {
            return defaultPort + offset;
        }

        /** A shell command printing a demo user's access token; {@code %s} stands for the user. */
        public String tokenCommand() {
            return "ISSUER=" + issuer() + " '" + home.resolve("scripts/token.sh") + "' %s demo";
        }

        public void printLogTails() {
            try (Stream<Path> outputs = Files.list(runDir.resolve("logs"))) {
                for (Path out :
                        outputs.filter(p -> p.toString().endsWith(".out")).sorted().toList()) {
                    List<String> lines = Files.readAllLines(out);
                    System.out.println("---- " + out.getFileName() + " (last 40 lines)");
                    lines.subList(Math.max(0, lines.size() - 40), lines.size())
                            .forEach(System.out::println);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            launcher.stop(Duration.ofSeconds(90));
        }
    }

    /** The running platform; starts it on first use. */
    public static synchronized Running platform() {
        if (running == null) {
            running = start();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(running::close, "launched-platform-stop"));
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        platform();
    }

    private static Running start() {
        Path home = Path.of("..").toAbsolutePath().normalize();
        for (String module : JARS) {
            Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
            assertThat(jar)
                    .as(
                            "the whole-platform tests run the services' jars; build them first"
                                    + " (./mvnw package)")
                    .isRegularFile();
        }
        try {
            Path runDir = Files.createTempDirectory("launched-platform-");
            int offset =
                    IntStream.iterate(20_000, o -> o + 137)
                            .limit(50)
                            .filter(
                                    o ->
                                            PORTS.stream()
                                                    .allMatch(
                                                            p ->
                                                                    NetworkPorts.isFree(
                                                                            "127.0.0.1", p + o)))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "no free set of ports for the platform"));
            ChildJvm launcher =
                    ChildJvm.builder(PlatformLauncher.class)
                            .name("platform-launcher")
                            .noDefaultJvmOptions()
                            .jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                            .workingDirectory(home)
                            .output(runDir.resolve("launcher.out"))
                            .args(
                                    "--home",
                                    home.toString(),
                                    "--run-dir",
                                    runDir.toString(),
                                    "--port-offset",
                                    Integer.toString(offset),
                                    "--timeout",
                                    "420",
                                    "--no-cds")
                            .start();
            launcher.awaitOutput("running; stop with Ctrl-C", Duration.ofSeconds(480));
            return new Running(home, runDir, offset, launcher);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
