package coop.cluster.infra.testing;

import java.util.Locale;

/**
 * The broker and the store shared by every integration test of one JVM: started on first use,
 * stopped when the JVM exits. Real servers over real sockets: a Kafka broker (KRaft) in a child JVM
 * and a MongoDB-wire-compatible server; or, with {@code -Dinfra.mode=testcontainers} (or the
 * environment variable {@code INFRA_MODE=testcontainers}), the Apache Kafka and MongoDB images.
 *
 * <p>Fault tests can stop, kill and restart the broker: it comes back on the same port with the
 * same data, so topics and committed offsets survive. Tests that stop something should start it
 * again; {@link EmbeddedInfraExtension} also restarts whatever an earlier test class left stopped.
 *
 * <p>A mail catcher (a real SMTP server) joins them when a test asks for it: {@link #mailBox()}.
 */
public final class EmbeddedInfra {

    public enum Mode {
        EMBEDDED,
        TESTCONTAINERS
    }

    public static final String MODE_PROPERTY = "infra.mode";
    public static final String MODE_ENV = "INFRA_MODE";

    private static EmbeddedInfra shared;
    private static RuntimeException startFailure;

    private final Mode mode;
    private final InfraBackend backend;
    private final EmbeddedMail mail = new EmbeddedMail();

    private EmbeddedInfra(Mode mode, InfraBackend backend) {
        this.mode = mode;
        this.backend = backend;
    }

    /**
     * The JVM-wide instance, started on the first call. A failed start is reported again on every
     * later call.
     */
    public static synchronized EmbeddedInfra shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException(
                    "the shared test infrastructure failed to start earlier in this JVM",
                    startFailure);
        }
        Mode mode = configuredMode();
        long t0 = System.nanoTime();
        InfraBackend backend =
                mode == Mode.TESTCONTAINERS ? containerBackend() : new LocalInfraBackend();
        try {
            backend.start();
        } catch (RuntimeException e) {
            startFailure = e;
            backend.close();
            throw e;
        }
        EmbeddedInfra infra = new EmbeddedInfra(mode, backend);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    infra.mail.stop();
                                    backend.close();
                                },
                                "embedded-infra-shutdown"));
        System.out.printf(
                "EmbeddedInfra started in %d ms: %s%n",
                (System.nanoTime() - t0) / 1_000_000, backend.describe());
        shared = infra;
        return infra;
    }

    static Mode configuredMode() {
        String value = System.getProperty(MODE_PROPERTY);
        if (value == null || value.isBlank()) {
            value = System.getenv(MODE_ENV);
        }
        if (value == null || value.isBlank()) {
            return Mode.EMBEDDED;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "embedded", "local" -> Mode.EMBEDDED;
            case "testcontainers", "containers" -> Mode.TESTCONTAINERS;
            default ->
                    throw new IllegalArgumentException(
                            MODE_PROPERTY
                                    + " must be 'embedded' or 'testcontainers', got '"
                                    + value
                                    + "'");
        };
    }

    private static InfraBackend containerBackend() {
        try {
            return (InfraBackend)
                    Class.forName("coop.cluster.infra.testing.ContainerInfraBackend")
                            .getDeclaredConstructor()
                            .newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException(
                    "infra.mode=testcontainers needs org.testcontainers:testcontainers-kafka and "
                            + "testcontainers-mongodb on the test classpath",
                    e);
        }
    }

    public Mode mode() {
        return mode;
    }

    /** {@code host:port} of the broker, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return backend.bootstrapServers();
    }

    /** A connection string to {@code database}, e.g. {@code mongodb://127.0.0.1:41234/it}. */
    public String mongoUri(String database) {
        return backend.mongoUri(database);
    }

    public boolean isBrokerRunning() {
        return backend.isBrokerRunning();
    }

    /** Stops the broker cleanly (SIGTERM, controlled shutdown). */
    public void stopBroker() {
        backend.stopBroker();
    }

    /**
     * Kills the broker like {@code kill -9}: no clean shutdown, the log is recovered on the next
     * start.
     */
    public void killBroker() {
        backend.killBroker();
    }

    /**
     * Starts the broker again on the same ports and data; returns once it answers metadata
     * requests.
     */
    public void startBroker() {
        backend.startBroker();
    }

    /** The broker's pid, or -1 in Testcontainers mode. */
    public long brokerPid() {
        return backend.brokerPid();
    }

    /** The file with the broker's output (embedded mode), for failure messages. */
    public java.util.Optional<java.nio.file.Path> brokerOutput() {
        return backend.brokerOutput();
    }

    public boolean isStoreRunning() {
        return backend.isStoreRunning();
    }

    /** Stops the store: connections are closed and new ones refused. The data is kept. */
    public void stopStore() {
        backend.stopStore();
    }

    /** Starts the store again on the same port with the same data. */
    public void startStore() {
        backend.startStore();
    }

    /** {@link #stopStore()} then {@link #startStore()}. */
    public void restartStore() {
        backend.stopStore();
        backend.startStore();
    }

    /**
     * Starts again whatever is stopped (a test that stopped the broker and failed before restarting
     * it). The mail catcher only if it was started before: it starts on demand.
     */
    public void ensureRunning() {
        if (!backend.isStoreRunning()) {
            backend.startStore();
        }
        if (!backend.isBrokerRunning()) {
            backend.startBroker();
        }
        if (mail.smtpPort() != 0 && !mail.isRunning()) {
            mail.ensureRunning();
        }
    }

    /**
     * The mail catcher's reader, starting the catcher on first use: a real SMTP server ({@code
     * coop.cluster.infra.mail.MailServerMain}, GreenMail) in a child JVM on free ports that accepts
     * any sender and recipient without authentication. Point the application at {@link
     * #smtpHost()}:{@link #smtpPort()} ({@code @EmbeddedInfraTest(mail = true)} does it through
     * {@code spring.mail.host} and {@code spring.mail.port}). Runs as a local process in both
     * modes.
     */
    public MailBox mailBox() {
        mail.ensureRunning();
        return new MailBox(mail.api());
    }

    public String smtpHost() {
        return EmbeddedMail.HOST;
    }

    /** The catcher's SMTP port, starting it on first use. */
    public int smtpPort() {
        mail.ensureRunning();
        return mail.smtpPort();
    }

    /**
     * The base URL of the catcher's HTTP API ({@code GET /messages?to=...}), starting it on first
     * use.
     */
    public java.net.URI mailApi() {
        mail.ensureRunning();
        return mail.api();
    }

    public boolean isMailRunning() {
        return mail.isRunning();
    }

    /** The catcher's pid, or -1 if it was never started. */
    public long mailPid() {
        return mail.pid();
    }

    /**
     * Stops the catcher (its messages are lost); the next {@link #mailBox()} starts it again on the
     * same ports.
     */
    public void stopMail() {
        mail.stop();
    }

    @Override
    public String toString() {
        return "EmbeddedInfra[" + backend.describe() + "; " + mail + "]";
    }
}
