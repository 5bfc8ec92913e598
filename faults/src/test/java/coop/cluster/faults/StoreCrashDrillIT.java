package coop.cluster.faults;

import coop.cluster.infra.launch.PlatformLauncher;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store-crash drill in the suite: the whole platform started from the services' jars by its own launcher (as
 * {@code ./platform run} does, in a temporary run directory and on ports of its own), applications filed through the
 * gateway while the store is killed with SIGKILL twice and restarted by the launcher. Nothing acknowledged may be
 * lost or doubled, and every process must be UP again within 30 s of the store's return.
 */
@EnabledOnOs(OS.LINUX)
class StoreCrashDrillIT {

    /** Default ports of the platform: the offset must leave all of them free. */
    private static final List<Integer> PORTS = List.of(8080, 8081, 8082, 8083, 8084, 9000, 9092, 9093, 27017, 2525, 8025);

    private static Path home;
    private static Path runDir;
    private static int offset;
    private static ChildJvm launcher;

    @BeforeAll
    static void startThePlatform() throws IOException {
        home = Path.of("..").toAbsolutePath().normalize();
        for (String module : List.of("auth-server", "membership-service", "project-service", "funding-watch-service",
                "finance-service", "gateway")) {
            Path jar = home.resolve(module).resolve("target").resolve(module + ".jar");
            assertThat(jar).as("the drill runs the services' jars; build them first (./mvnw package)").isRegularFile();
        }
        runDir = Files.createTempDirectory("store-crash-drill-");
        offset = IntStream.iterate(20_000, o -> o + 137).limit(50)
                .filter(o -> PORTS.stream().allMatch(p -> NetworkPorts.isFree("127.0.0.1", p + o)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no free set of ports for the platform"));
        launcher = ChildJvm.builder(PlatformLauncher.class).name("platform-launcher")
                .noDefaultJvmOptions().jvmOptions("-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
                .workingDirectory(home)
                .output(runDir.resolve("launcher.out"))
                .args("--home", home.toString(), "--run-dir", runDir.toString(), "--port-offset", Integer.toString(offset),
                        "--timeout", "420", "--no-cds")
                .start();
        launcher.awaitOutput("running; stop with Ctrl-C", Duration.ofSeconds(480));
    }

    @AfterAll
    static void stopThePlatform() {
        if (launcher != null) {
            launcher.stop(Duration.ofSeconds(90));
        }
    }

    @Test
    void acknowledgedApplicationsSurviveTwoStoreKillsWithOneEventEachAndEveryServiceRecovers() throws Exception {
        String tokenCommand = "ISSUER=http://localhost:" + (9000 + offset) + " '" + home.resolve("scripts/token.sh") + "' %s demo";
        StoreCrashDrill.Options options = new StoreCrashDrill.Options(
                URI.create("http://127.0.0.1:" + (8080 + offset)), "127.0.0.1:" + (9092 + offset), new PlatformState(runDir),
                300, 4, 2, Duration.ofSeconds(5), Duration.ofSeconds(30), "manon", "farid",
                user -> Shell.output(tokenCommand.replace("%s", user)));

        StoreCrashDrill.Result result = new StoreCrashDrill(options).run();

        System.out.println(result.report());
        if (!result.passed()) {
            printLogTails();
        }
        assertThat(result.recoveries()).hasSize(2);
        assertThat(result.acknowledged()).isGreaterThanOrEqualTo(300);
        assertThat(result.lost()).as("acknowledged writes lost").isZero();
        assertThat(result.withoutEvent()).as("acknowledged writes without their event").isZero();
        assertThat(result.duplicated()).as("writes with two events").isZero();
        assertThat(result.withoutFinanceAccount()).as("members without their finance account").isZero();
        assertThat(result.recoveries()).allSatisfy(r -> assertThat(r.notUpInTime()).as("not UP 30 s after the store's return").isEmpty());
        assertThat(result.problems()).isEmpty();
    }

    private static void printLogTails() throws IOException {
        try (Stream<Path> outputs = Files.list(runDir.resolve("logs"))) {
            for (Path out : outputs.filter(p -> p.toString().endsWith(".out")).sorted().toList()) {
                List<String> lines = Files.readAllLines(out);
                System.out.println("---- " + out.getFileName() + " (last 40 lines)");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(System.out::println);
            }
        }
    }
}
