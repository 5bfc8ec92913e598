package coop.cluster.infra.kafka;

import coop.cluster.infra.support.Directories;
import coop.cluster.infra.support.InfraLogging;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.support.ParentWatchdog;
import coop.cluster.infra.support.ShutdownGuard;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * Runs a real Apache Kafka broker, KRaft combined mode (broker and controller in one node), in this
 * JVM. The storage is formatted on first start only, so a restart on the same data directory keeps
 * the cluster id, the topics and the committed offsets.
 *
 * <pre>
 * java -cp infra.jar:lib/* coop.cluster.infra.kafka.KafkaBrokerMain \
 *     --host 127.0.0.1 --port 9092 --controller-port 9093 --data-dir run/data/kafka \
 *     [--parent-pid PID] [--partitions 3] [--set key=value ...] [--temporary]
 * </pre>
 *
 * Prints a line starting with {@value #READY_MARKER} when the broker accepts connections. SIGTERM
 * (or the parent process going away) shuts the broker down cleanly.
 */
public final class KafkaBrokerMain {

    public static final String READY_MARKER = "KAFKA BROKER READY";

    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(45);

    private final BrokerOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicBoolean parentGone = new AtomicBoolean();
    private volatile KafkaRaftServer server;

    private KafkaBrokerMain(BrokerOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        InfraLogging.useInfraConfiguration();
        BrokerOptions options;
        try {
            options = BrokerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("KafkaBrokerMain: " + e.getMessage());
            System.err.println(
                    "usage: KafkaBrokerMain --data-dir DIR [--host 127.0.0.1] [--port 9092]"
                            + " [--controller-port 9093] [--parent-pid PID] [--partitions 3] [--set"
                            + " key=value] [--temporary]");
            System.exit(2);
            return;
        }
        try {
            new KafkaBrokerMain(options).run();
        } catch (Exception | Error e) {
            System.err.println("KAFKA BROKER FAILED: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        Files.createDirectories(options.logDir());
        Properties props = KafkaBrokerConfig.serverProperties(options);
        writeServerProperties(props);
        String clusterId = formatIfNeeded();

        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "kafka-broker-shutdown"));
        options.parentPid()
                .ifPresent(
                        pid ->
                                ParentWatchdog.watch(
                                        pid,
                                        () -> {
                                            parentGone.set(true);
                                            System.out.println(
                                                    "parent process "
                                                            + pid
                                                            + " is gone; stopping the broker");
                                        }));

        KafkaRaftServer s = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server = s;
        if (stopping.get()) {
            return;
        }
        s.startup();
        if (!NetworkPorts.awaitListening(
                options.host(), options.port(), Duration.ofSeconds(60), stopping::get)) {
            throw new IllegalStateException(
                    "the broker started but "
                            + options.bootstrapServers()
                            + " does not accept connections");
        }
        long startedMillis = Duration.between(jvmStart(), Instant.now()).toMillis();
        System.out.printf(
                "%s on PLAINTEXT://%s (controller %s:%d, cluster id %s, data %s) in %d ms since JVM"
                        + " start%n",
                READY_MARKER,
                options.bootstrapServers(),
                options.host(),
                options.controllerPort(),
                clusterId,
                options.dataDir(),
                startedMillis);
        System.out.flush();
        s.awaitShutdown();
    }

    private void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ShutdownGuard guard = ShutdownGuard.arm("the Kafka broker", SHUTDOWN_LIMIT);
        KafkaRaftServer s = server;
        if (s != null) {
            System.out.println("stopping the Kafka broker on " + options.bootstrapServers());
            s.shutdown();
            s.awaitShutdown();
            System.out.println("Kafka broker stopped");
        }
        if (options.temporary() && parentGone.get()) {
            Directories.deleteRecursively(options.dataDir());
        }
        guard.disarm();
    }

    /** Formats the storage unless it already holds a cluster: a restart must reuse the data. */
    private String formatIfNeeded() throws Exception {
        Path meta = options.logDir().resolve("meta.properties");
        if (Files.exists(meta)) {
            Properties metaProps = new Properties();
            try (Reader r = Files.newBufferedReader(meta)) {
                metaProps.load(r);
            }
            String clusterId = metaProps.getProperty("cluster.id");
            System.out.println(
                    "storage already formatted, cluster id "
                            + clusterId
                            + " ("
                            + options.logDir()
                            + ")");
            return clusterId;
        }
        String clusterId = Uuid.randomUuid().toString();
        ByteArrayOutputStream formatterOutput = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(formatterOutput, true, StandardCharsets.UTF_8)) {
            new Formatter()
                    .setPrintStream(out)
                    .setNodeId(KafkaBrokerConfig.NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(KafkaBrokerConfig.CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(options.logDir().toString())
                    .addDirectory(options.logDir().toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        System.out.print(formatterOutput.toString(StandardCharsets.UTF_8));
        System.out.println(
                "formatted new storage, cluster id " + clusterId + " (" + options.logDir() + ")");
        return clusterId;
    }

    private void writeServerProperties(Properties props) throws IOException {
        try (Writer w = Files.newBufferedWriter(options.dataDir().resolve("server.properties"))) {
            props.store(
                    w,
                    "generated by KafkaBrokerMain on every start; edit the launcher, not this"
                            + " file");
        }
    }

    private static Instant jvmStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
