package coop.cluster.infra.testing;

import coop.cluster.infra.kafka.KafkaBrokerMain;
import coop.cluster.infra.support.ClassDataSharing;
import coop.cluster.infra.support.Directories;
import coop.cluster.infra.support.NetworkPorts;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The default backend: a real Kafka broker in a child JVM ({@link KafkaBrokerMain}, watched by
 * {@code --parent-pid} so it never outlives this JVM) and a mongo-java-server in this JVM.
 */
final class LocalInfraBackend implements InfraBackend {

    static final String HOST = "127.0.0.1";
    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BROKER_STOP_GRACE = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;

    private final Path dataDir;
    private final Path brokerOutput;
    private int brokerPort;
    private int controllerPort;
    private ChildJvm broker;

    private final ReusableMemoryBackend storeBackend = new ReusableMemoryBackend();
    private int storePort;
    private MongoServer store;

    LocalInfraBackend() {
        try {
            this.dataDir = Files.createTempDirectory("embedded-kafka-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.brokerOutput =
                ChildJvm.defaultOutputDir()
                        .resolve("embedded-kafka-" + ProcessHandle.current().pid() + ".out");
    }

    @Override
    public synchronized void start() {
        startStoreOnFreePort();
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            brokerPort = NetworkPorts.freePort();
            controllerPort = NetworkPorts.freePort();
            try {
                startBroker();
                return;
            } catch (RuntimeException e) {
                // most likely a port taken between choosing it and binding it: try other ports
                last = e;
                Directories.deleteRecursively(dataDir);
            }
        }
        throw last;
    }

    private void startStoreOnFreePort() {
        for (int attempt = 1; ; attempt++) {
            storePort = NetworkPorts.freePort();
            try {
                startStore();
                return;
            } catch (RuntimeException e) {
                if (attempt >= START_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public String bootstrapServers() {
        return HOST + ":" + brokerPort;
    }

    @Override
    public String mongoUri(String database) {
        return "mongodb://" + HOST + ":" + storePort + "/" + database;
    }

    @Override
    public synchronized boolean isBrokerRunning() {
        return broker != null && broker.isAlive();
    }

    @Override
    public synchronized void startBroker() {
        if (isBrokerRunning()) {
            return;
        }
        String classpath = Classpath.jarsAnd(KafkaBrokerMain.class);
        ChildJvm child =
                ChildJvm.builder(KafkaBrokerMain.class)
                        .name("embedded-kafka")
                        .classpath(classpath)
                        .jvmOptions("-Xms64m", "-Xmx320m")
                        .jvmOptions(classDataSharing(classpath).toArray(String[]::new))
                        .args(
                                "--host",
                                HOST,
                                "--port",
                                Integer.toString(brokerPort),
                                "--controller-port",
                                Integer.toString(controllerPort),
                                "--data-dir",
                                dataDir.toString(),
                                "--parent-pid",
                                Long.toString(ProcessHandle.current().pid()),
                                "--partitions",
                                "3",
                                // a broker killed with SIGKILL may only register again once its old
                                // session expired
                                "--set",
                                "broker.session.timeout.ms=2000",
                                "--set",
                                "broker.heartbeat.interval.ms=500",
                                "--temporary")
                        .appendOutput(brokerOutput)
                        .start();
        broker = child;
        if (!KafkaReadiness.await(HOST, brokerPort, BROKER_START_TIMEOUT, () -> !child.isAlive())) {
            String tail = child.outputTail(40);
            child.kill();
            throw new IllegalStateException(
                    "the embedded Kafka broker did not become ready on "
                            + bootstrapServers()
                            + " (output "
                            + brokerOutput
                            + "):"
                            + System.lineSeparator()
                            + tail);
        }
    }

    /**
     * A class-data-sharing archive, written by the broker JVM when it exits cleanly and reused by
     * the next start with the same classpath: about a second less per broker start. One per module
     * (the classpaths differ), in the temp directory so that {@code mvn clean} keeps it. Off with
     * -Dinfra.cds=false.
     */
    private static List<String> classDataSharing(String classpath) {
        if ("false".equals(System.getProperty("infra.cds"))) {
            return List.of();
        }
        boolean onlyJars =
                java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
                        .allMatch(e -> e.endsWith(".jar"));
        if (!onlyJars) {
            // the JVM archives classes from jars only (the infra module's own tests run from
            // target/classes)
            return List.of();
        }
        Path dir =
                Path.of(
                        System.getProperty("java.io.tmpdir"),
                        "coop-cluster-infra-cds-" + System.getProperty("user.name", "user"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return List.of();
        }
        String module = Integer.toHexString(System.getProperty("user.dir", "").hashCode());
        Path archive = ClassDataSharing.archive(dir, "embedded-kafka-" + module, classpath);
        ClassDataSharing.removeStale(archive);
        return ClassDataSharing.options(archive);
    }

    @Override
    public synchronized void stopBroker() {
        if (broker != null) {
            broker.stop(BROKER_STOP_GRACE);
        }
    }

    @Override
    public synchronized void killBroker() {
        if (broker != null) {
            broker.kill();
        }
    }

    @Override
    public long brokerPid() {
        ChildJvm b = broker;
        return b == null ? -1 : b.pid();
    }

    @Override
    public java.util.Optional<Path> brokerOutput() {
        return java.util.Optional.of(brokerOutput);
    }

    @Override
    public synchronized boolean isStoreRunning() {
        return store != null;
    }

    @Override
    public synchronized void startStore() {
        if (store != null) {
            return;
        }
        MongoServer server = new MongoServer(storeBackend);
        // Netty's threads inherit the daemon flag of the thread that starts them: binding from a
        // daemon thread keeps the store from holding a JVM open that did not call System.exit
        RuntimeException[] failure = new RuntimeException[1];
        Thread binder =
                new Thread(
                        () -> {
                            try {
                                server.bind(HOST, storePort);
                            } catch (RuntimeException e) {
                                failure[0] = e;
                            }
                        },
                        "embedded-mongo-bind");
        binder.setDaemon(true);
        binder.start();
        try {
            binder.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the embedded store", e);
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        store = server;
    }

    @Override
    public synchronized void stopStore() {
        if (store != null) {
            store.shutdownNow();
            store = null;
        }
    }

    @Override
    public String describe() {
        return "embedded (Kafka broker pid "
                + brokerPid()
                + " on "
                + bootstrapServers()
                + ", log "
                + brokerOutput
                + "; mongo-java-server in this JVM on "
                + HOST
                + ":"
                + storePort
                + ")";
    }

    @Override
    public synchronized void close() {
        stopBroker();
        stopStore();
        storeBackend.closeForGood();
        Directories.deleteRecursively(dataDir);
    }
}
