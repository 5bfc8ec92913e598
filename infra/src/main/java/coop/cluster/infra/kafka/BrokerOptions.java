package coop.cluster.infra.kafka;

import coop.cluster.infra.support.CommandLine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Options of {@link KafkaBrokerMain}.
 *
 * @param overrides extra broker properties given with {@code --set key=value}; they win over the
 *     defaults
 * @param temporary delete the data directory once the parent process is gone (test harness)
 */
public record BrokerOptions(
        String host,
        int port,
        int controllerPort,
        Path dataDir,
        OptionalLong parentPid,
        int partitions,
        Map<String, String> overrides,
        boolean temporary) {

    static final Set<String> OPTIONS =
            Set.of(
                    "host",
                    "port",
                    "controller-port",
                    "data-dir",
                    "parent-pid",
                    "partitions",
                    "set");
    static final Set<String> FLAGS = Set.of("temporary");

    public static BrokerOptions parse(String[] args) {
        CommandLine cl = CommandLine.parse(args, OPTIONS, FLAGS);
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String kv : cl.all("set")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set expects key=value, got '" + kv + "'");
            }
            overrides.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
        }
        int partitions = cl.intValue("partitions", 3);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1");
        }
        BrokerOptions options =
                new BrokerOptions(
                        cl.value("host").orElse("127.0.0.1"),
                        cl.port("port", 9092),
                        cl.port("controller-port", 9093),
                        Path.of(cl.required("data-dir")).toAbsolutePath().normalize(),
                        cl.value("parent-pid")
                                .map(v -> OptionalLong.of(Long.parseLong(v.trim())))
                                .orElse(OptionalLong.empty()),
                        partitions,
                        Map.copyOf(overrides),
                        cl.has("temporary"));
        if (options.port() == options.controllerPort()) {
            throw new IllegalArgumentException("--port and --controller-port must differ");
        }
        return options;
    }

    /** Where Kafka keeps its log segments and the KRaft metadata log. */
    public Path logDir() {
        return dataDir.resolve("log");
    }

    public String bootstrapServers() {
        return host + ":" + port;
    }
}
