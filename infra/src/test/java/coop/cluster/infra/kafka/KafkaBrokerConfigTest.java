package coop.cluster.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaBrokerConfigTest {

    @Test
    void isASingleNodeKraftCombinedBrokerWithReplicationFactorsOfOne() {
        BrokerOptions options =
                BrokerOptions.parse(
                        new String[] {
                            "--host",
                            "127.0.0.1",
                            "--port",
                            "19092",
                            "--controller-port",
                            "19093",
                            "--data-dir",
                            "/tmp/k",
                            "--partitions",
                            "6"
                        });

        Properties p = KafkaBrokerConfig.serverProperties(options);

        assertThat(p.getProperty("process.roles")).isEqualTo("broker,controller");
        assertThat(p.getProperty("node.id")).isEqualTo("1");
        assertThat(p.getProperty("controller.quorum.voters")).isEqualTo("1@127.0.0.1:19093");
        assertThat(p.getProperty("listeners"))
                .isEqualTo("PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093");
        assertThat(p.getProperty("advertised.listeners")).isEqualTo("PLAINTEXT://127.0.0.1:19092");
        assertThat(p.getProperty("log.dirs")).isEqualTo(Path.of("/tmp/k/log").toString());
        assertThat(p.getProperty("num.partitions")).isEqualTo("6");
        assertThat(p.getProperty("auto.create.topics.enable")).isEqualTo("true");
        assertThat(p.getProperty("group.initial.rebalance.delay.ms")).isEqualTo("0");
        for (String key :
                new String[] {
                    "default.replication.factor",
                    "min.insync.replicas",
                    "offsets.topic.replication.factor",
                    "transaction.state.log.replication.factor",
                    "transaction.state.log.min.isr"
                }) {
            assertThat(p.getProperty(key)).as(key).isEqualTo("1");
        }
    }

    @Test
    void defaultsAndOverrides() {
        BrokerOptions options =
                BrokerOptions.parse(
                        new String[] {
                            "--data-dir",
                            "d",
                            "--set",
                            "log.retention.hours=1",
                            "--parent-pid",
                            "42"
                        });

        assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(options.controllerPort()).isEqualTo(9093);
        assertThat(options.partitions()).isEqualTo(3);
        assertThat(options.parentPid()).hasValue(42);
        assertThat(options.dataDir()).isAbsolute();
        assertThat(KafkaBrokerConfig.serverProperties(options).getProperty("log.retention.hours"))
                .isEqualTo("1");
    }

    @Test
    void refusesAMissingDataDirAndClashingPorts() {
        assertThatThrownBy(() -> BrokerOptions.parse(new String[] {"--port", "9092"}))
                .hasMessageContaining("--data-dir");
        assertThatThrownBy(
                        () ->
                                BrokerOptions.parse(
                                        new String[] {"--data-dir", "d", "--port", "9093"}))
                .hasMessageContaining("must differ");
    }
}
