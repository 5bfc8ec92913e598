package coop.cluster.infra.testing;

import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import coop.cluster.infra.support.NetworkPorts;
import java.time.Duration;
import java.util.function.Consumer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers 2.x backend ({@code -Dinfra.mode=testcontainers} or {@code
 * INFRA_MODE=testcontainers}): the real Apache Kafka and MongoDB images. The host ports are fixed
 * when the containers are created, so that a container stopped and started again (same container,
 * same data) keeps its address. Loaded by name only, so the testcontainers jars are needed only in
 * this mode.
 */
final class ContainerInfraBackend implements InfraBackend {

    /** Pinned images; override with -Dinfra.kafka.image / -Dinfra.mongo.image. */
    static final String KAFKA_IMAGE = System.getProperty("infra.kafka.image", "apache/kafka:4.1.2");

    static final String MONGO_IMAGE = System.getProperty("infra.mongo.image", "mongo:8.0.12");

    private static final int KAFKA_CONTAINER_PORT = 9092;
    private static final int MONGO_CONTAINER_PORT = 27017;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final int kafkaHostPort = NetworkPorts.freePort();
    private final int mongoHostPort = NetworkPorts.freePort();
    private KafkaContainer kafka;
    private MongoDBContainer mongo;
    private boolean brokerRunning;
    private boolean storeRunning;

    /**
     * Read once while running: the containers' accessors refuse to answer while a container is
     * stopped.
     */
    private String bootstrapServers;

    private String mongoConnectionString;

    @Override
    public synchronized void start() {
        kafka =
                new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
                        .withCreateContainerCmdModifier(
                                fixedPort(KAFKA_CONTAINER_PORT, kafkaHostPort));
        mongo =
                new MongoDBContainer(DockerImageName.parse(MONGO_IMAGE))
                        .withCreateContainerCmdModifier(
                                fixedPort(MONGO_CONTAINER_PORT, mongoHostPort));
        kafka.start();
        brokerRunning = true;
        bootstrapServers = kafka.getBootstrapServers();
        mongo.start();
        storeRunning = true;
        mongoConnectionString = mongo.getConnectionString();
    }

    private static Consumer<CreateContainerCmd> fixedPort(int containerPort, int hostPort) {
        return cmd -> {
            HostConfig hostConfig =
                    cmd.getHostConfig() != null ? cmd.getHostConfig() : HostConfig.newHostConfig();
            cmd.withHostConfig(
                    hostConfig.withPortBindings(
                            new PortBinding(
                                    Ports.Binding.bindPort(hostPort),
                                    new ExposedPort(containerPort))));
        };
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String mongoUri(String database) {
        return mongoConnectionString + "/" + database;
    }

    @Override
    public synchronized boolean isBrokerRunning() {
        return brokerRunning;
    }

    @Override
    public synchronized void startBroker() {
        if (brokerRunning) {
            return;
        }
        kafka.getDockerClient().startContainerCmd(kafka.getContainerId()).exec();
        brokerRunning = true;
        if (!KafkaReadiness.await(kafka.getHost(), kafkaHostPort, READY_TIMEOUT, () -> false)) {
            throw new IllegalStateException(
                    "the Kafka container did not become ready again on " + bootstrapServers());
        }
    }

    @Override
    public synchronized void stopBroker() {
        if (brokerRunning) {
            kafka.getDockerClient().stopContainerCmd(kafka.getContainerId()).withTimeout(30).exec();
            brokerRunning = false;
        }
    }

    @Override
    public synchronized void killBroker() {
        if (brokerRunning) {
            kafka.getDockerClient()
                    .killContainerCmd(kafka.getContainerId())
                    .withSignal("KILL")
                    .exec();
            brokerRunning = false;
        }
    }

    @Override
    public long brokerPid() {
        return -1;
    }

    @Override
    public java.util.Optional<java.nio.file.Path> brokerOutput() {
        return java.util.Optional.empty();
    }

    @Override
    public synchronized boolean isStoreRunning() {
        return storeRunning;
    }

    @Override
    public synchronized void startStore() {
        if (storeRunning) {
            return;
        }
        mongo.getDockerClient().startContainerCmd(mongo.getContainerId()).exec();
        storeRunning = true;
        if (!NetworkPorts.awaitListening(
                mongo.getHost(), mongoHostPort, READY_TIMEOUT, () -> false)) {
            throw new IllegalStateException(
                    "the MongoDB container did not listen again on port " + mongoHostPort);
        }
    }

    @Override
    public synchronized void stopStore() {
        if (storeRunning) {
            mongo.getDockerClient().stopContainerCmd(mongo.getContainerId()).withTimeout(30).exec();
            storeRunning = false;
        }
    }

    @Override
    public String describe() {
        return "testcontainers ("
                + KAFKA_IMAGE
                + " on "
                + bootstrapServers()
                + ", "
                + MONGO_IMAGE
                + " on port "
                + mongoHostPort
                + ")";
    }

    @Override
    public synchronized void close() {
        stopQuietly(kafka);
        stopQuietly(mongo);
    }

    private static void stopQuietly(GenericContainer<?> container) {
        if (container != null) {
            container.stop();
        }
    }
}
