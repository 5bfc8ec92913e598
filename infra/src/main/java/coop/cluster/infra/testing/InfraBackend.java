package coop.cluster.infra.testing;

/** What {@link EmbeddedInfra} delegates to: local processes, or Testcontainers. */
interface InfraBackend extends AutoCloseable {

    void start();

    String bootstrapServers();

    String mongoUri(String database);

    boolean isBrokerRunning();

    void startBroker();

    void stopBroker();

    void killBroker();

    boolean isStoreRunning();

    void startStore();

    void stopStore();

    /** Pid of the broker process, or -1 when it has none visible to us (container). */
    long brokerPid();

    /** The broker's stdout and stderr, when it is a local process. */
    java.util.Optional<java.nio.file.Path> brokerOutput();

    String describe();

    @Override
    void close();
}
