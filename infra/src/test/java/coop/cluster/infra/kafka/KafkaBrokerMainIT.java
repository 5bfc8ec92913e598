package coop.cluster.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import coop.cluster.infra.support.IdleMain;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker process on its own; {@code EmbeddedInfraIT} covers producing, consuming and restarts.
 */
class KafkaBrokerMainIT {

    @Test
    void aBrokerWhoseParentDiesShutsDownCleanlyAndRemovesItsTemporaryData(@TempDir Path tmp) {
        Path dataDir = tmp.resolve("kafka");
        ChildJvm parent = ChildJvm.builder(IdleMain.class).start();
        parent.awaitOutput("idle", Duration.ofSeconds(30));
        int port = NetworkPorts.freePort();
        ChildJvm broker =
                ChildJvm.builder(KafkaBrokerMain.class)
                        .args(
                                "--port",
                                Integer.toString(port),
                                "--controller-port",
                                Integer.toString(NetworkPorts.freePort()),
                                "--data-dir",
                                dataDir.toString(),
                                "--parent-pid",
                                Long.toString(parent.pid()),
                                "--temporary")
                        .start();
        broker.awaitOutput(KafkaBrokerMain.READY_MARKER, Duration.ofSeconds(90));
        assertThat(broker.outputText()).contains("formatted new storage, cluster id");
        assertThat(dataDir.resolve("log").resolve("meta.properties")).exists();
        assertThat(dataDir.resolve("server.properties")).exists();

        parent.kill();

        await().atMost(Duration.ofSeconds(60)).until(() -> !broker.isAlive());
        assertThat(broker.exitCode()).isZero();
        assertThat(broker.outputText())
                .contains("parent process " + parent.pid() + " is gone", "Kafka broker stopped");
        assertThat(NetworkPorts.isListening("127.0.0.1", port)).isFalse();
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void refusesBadArgumentsWithUsage() {
        ChildJvm broker = ChildJvm.builder(KafkaBrokerMain.class).args("--port", "9092").start();

        assertThat(broker.waitForExit(Duration.ofSeconds(30))).isTrue();
        assertThat(broker.exitCode()).isEqualTo(2);
        assertThat(broker.outputText()).contains("--data-dir is required", "usage:");
    }
}
