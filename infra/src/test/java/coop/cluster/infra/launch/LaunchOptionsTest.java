package coop.cluster.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static LaunchOptions parse(Map<String, String> env, String... args) {
        return LaunchOptions.parse(args, env);
    }

    @Test
    void defaults() {
        LaunchOptions o = parse(Map.of(), "--home", "/repo");

        assertThat(o.home()).isEqualTo(Path.of("/repo"));
        assertThat(o.runDir()).isEqualTo(Path.of("/repo/run"));
        assertThat(o.logDir()).isEqualTo(Path.of("/repo/run/logs"));
        assertThat(o.dataDir()).isEqualTo(Path.of("/repo/run/data"));
        assertThat(o.launcherPidFile()).isEqualTo(Path.of("/repo/run/platform.pid"));
        assertThat(o.startTimeout()).isEqualTo(Duration.ofSeconds(180));
        assertThat(o.noServices()).isFalse();
        assertThat(o.cds()).isTrue();
        assertThat(o.port("kafka", 9092)).isEqualTo(9092);
        assertThat(o.port("gateway", 8080)).isEqualTo(8080);
    }

    @Test
    void flagsWinOverEnvironmentWhichWinsOverDefaults() {
        Map<String, String> env =
                Map.of(
                        "PLATFORM_PORT_OFFSET", "100",
                        "PLATFORM_PORT_GATEWAY", "18080",
                        "PLATFORM_PORT_MEMBERSHIP_SERVICE", "18081",
                        "PLATFORM_START_TIMEOUT", "60",
                        "PLATFORM_RUN_DIR", "/var/run/platform-b");

        LaunchOptions fromEnv = parse(env, "--home", "/repo");
        assertThat(fromEnv.port("gateway", 8080)).isEqualTo(18080);
        assertThat(fromEnv.port("membership-service", 8081)).isEqualTo(18081);
        assertThat(fromEnv.port("mongo", 27017)).isEqualTo(27117);
        assertThat(fromEnv.startTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(fromEnv.runDir()).isEqualTo(Path.of("/var/run/platform-b"));

        LaunchOptions flags =
                parse(
                        env,
                        "--home",
                        "/repo",
                        "--port",
                        "gateway=28080",
                        "--kafka-port",
                        "29092",
                        "--port-offset",
                        "5",
                        "--timeout",
                        "30",
                        "--run-dir",
                        "other");
        assertThat(flags.port("gateway", 8080)).isEqualTo(28080);
        assertThat(flags.port("kafka", 9092)).isEqualTo(29092);
        assertThat(flags.port("mongo", 27017)).isEqualTo(27022);
        assertThat(flags.startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(flags.runDir()).isEqualTo(Path.of("/repo/other"));
    }

    @Test
    void noServicesNoCdsAndExtraJvmOptions() {
        LaunchOptions o =
                parse(Map.of("PLATFORM_JVM_OPTS", "-Xmx128m  -Dx=y"), "--no-services", "--no-cds");

        assertThat(o.noServices()).isTrue();
        assertThat(o.cds()).isFalse();
        assertThat(o.extraJvmOptions()).containsExactly("-Xmx128m", "-Dx=y");
    }

    @Test
    void readsTheScriptStartTimeAndIgnoresGarbageThere() {
        assertThat(
                        parse(Map.of("PLATFORM_SCRIPT_START_MS", "1700000000123"))
                                .scriptStartEpochMillis())
                .hasValue(1_700_000_000_123L);
        assertThat(
                        parse(Map.of("PLATFORM_SCRIPT_START_MS", "17000000003N"))
                                .scriptStartEpochMillis())
                .isEmpty();
    }

    @Test
    void refusesBadValues() {
        assertThatThrownBy(() -> parse(Map.of(), "--port", "gateway"))
                .hasMessageContaining("NAME=PORT");
        assertThatThrownBy(() -> parse(Map.of(), "--timeout", "0"))
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> parse(Map.of(), "--port-offset", "-1"))
                .hasMessageContaining("offset");
        assertThatThrownBy(() -> parse(Map.of(), "--services"))
                .hasMessageContaining("unknown option");
        assertThatThrownBy(
                        () -> parse(Map.of("PLATFORM_PORT_GATEWAY", "http")).port("gateway", 8080))
                .hasMessageContaining("PLATFORM_PORT_GATEWAY");
        assertThatThrownBy(() -> parse(Map.of(), "--help"))
                .isInstanceOf(LaunchOptions.HelpRequested.class);
    }

    @Test
    void environmentVariableNamesOfProcesses() {
        assertThat(LaunchOptions.envNameOf("funding-watch-service"))
                .isEqualTo("PLATFORM_PORT_FUNDING_WATCH_SERVICE");
        assertThat(LaunchOptions.envNameOf("kafka-controller"))
                .isEqualTo("PLATFORM_PORT_KAFKA_CONTROLLER");
    }

    @Test
    void instancesFromTheFlagOrTheEnvironmentBetweenOneAndNine() {
        assertThat(parse(Map.of(), "--home", "/repo").instances()).isEqualTo(1);
        assertThat(parse(Map.of("PLATFORM_INSTANCES", "3"), "--home", "/repo").instances())
                .isEqualTo(3);
        assertThat(
                        parse(
                                        Map.of("PLATFORM_INSTANCES", "3"),
                                        "--home",
                                        "/repo",
                                        "--instances",
                                        "2")
                                .instances())
                .isEqualTo(2);
        assertThatThrownBy(() -> parse(Map.of(), "--instances", "0"))
                .hasMessageContaining("between 1 and 9");
        assertThatThrownBy(() -> parse(Map.of(), "--instances", "10"))
                .hasMessageContaining("between 1 and 9");
    }
}
