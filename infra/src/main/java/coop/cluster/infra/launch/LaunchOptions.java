package coop.cluster.infra.launch;

import coop.cluster.infra.support.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Options of {@link PlatformLauncher}. Command-line flags win over environment variables, which win
 * over the defaults.
 *
 * @param portOverrides explicit ports by process name ({@code --port NAME=PORT}, {@code
 *     --kafka-port} ...)
 * @param environment the launcher's environment, for {@code PLATFORM_PORT_<NAME>} lookups
 */
public record LaunchOptions(
        Path home,
        Path runDir,
        int portOffset,
        Map<String, Integer> portOverrides,
        boolean noServices,
        Duration startTimeout,
        boolean cds,
        List<String> extraJvmOptions,
        int partitions,
        boolean listenAll,
        String storeDurability,
        int instances,
        OptionalLong scriptStartEpochMillis,
        Map<String, String> environment) {

    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    static final Set<String> OPTIONS =
            Set.of(
                    "home",
                    "run-dir",
                    "port-offset",
                    "port",
                    "kafka-port",
                    "kafka-controller-port",
                    "mongo-port",
                    "timeout",
                    "jvm-opts",
                    "partitions",
                    "store-durability",
                    "instances");

    /**
     * At most this many instances of each service: ports go up by {@link #INSTANCE_PORT_STEP} per
     * instance.
     */
    public static final int MAX_INSTANCES = 9;

    public static final int INSTANCE_PORT_STEP = 100;
    static final Set<String> FLAGS = Set.of("no-services", "no-cds", "listen-all", "help");

    static final String USAGE =
            """
            usage: PlatformLauncher [options]      (normally started by ./platform run [options])
              --home DIR                 repository root (default: current directory)
              --run-dir DIR              pid files, logs and data (default: HOME/run; env PLATFORM_RUN_DIR)
              --no-services              start only the infrastructure: the Kafka broker, the store, the mail
                                         catcher and the authorization server
              --timeout SECONDS          how long to wait for every health check to be UP (default 180;
                                         env PLATFORM_START_TIMEOUT)
              --port-offset N            add N to every port, to run beside another instance
                                         (env PLATFORM_PORT_OFFSET)
              --port NAME=PORT           port of one process, e.g. --port gateway=18080, --port mail=2525 (SMTP),
                                         --port mail-api=8025 (the mail catcher's API)
                                         (env PLATFORM_PORT_<NAME>, e.g. PLATFORM_PORT_GATEWAY=18080)
              --kafka-port PORT          same as --port kafka=PORT (default 9092)
              --kafka-controller-port P  same as --port kafka-controller=P (default 9093)
              --mongo-port PORT          same as --port mongo=PORT (default 27017)
              --partitions N             default partitions of auto-created topics (default 3)
              --jvm-opts "OPTS"          extra JVM options for the services (env PLATFORM_JVM_OPTS)
              --no-cds                   do not keep class-data-sharing archives in RUN_DIR/cds
              --store-durability MODE    fsync (default): an acknowledged write is flushed to the disk before
                                         the answer, it survives a power cut; commit: written to the OS
                                         before the answer, it survives a crash of any process but not a
                                         power cut (env PLATFORM_STORE_DURABILITY; docs/store.md)
              --instances N              N instances of each business service (membership, project,
                                         funding-watch, finance, notification; default 1; env
                                         PLATFORM_INSTANCES): instance k is NAME-k on the first one's
                                         port + 100 x (k-1); the gateway balances between them (lb://),
                                         the consumer groups split the partitions, one holds each lease
              --listen-all               the services and the authorization server listen on every interface;
                                         by default they listen on 127.0.0.1 only, so that nothing skips the
                                         gateway (which listens on every interface); the broker and the store
                                         always listen on 127.0.0.1
            """;

    public static LaunchOptions parse(String[] args, Map<String, String> env) {
        CommandLine cl = CommandLine.parse(args, OPTIONS, FLAGS);
        if (cl.has("help")) {
            throw new HelpRequested();
        }
        Path home = Path.of(cl.value("home").orElse(".")).toAbsolutePath().normalize();
        Path runDir =
                cl.value("run-dir")
                        .or(() -> nonBlank(env.get("PLATFORM_RUN_DIR")))
                        .map(d -> home.resolve(d).toAbsolutePath().normalize())
                        .orElse(home.resolve("run"));

        int offset =
                cl.value("port-offset")
                        .or(() -> nonBlank(env.get("PLATFORM_PORT_OFFSET")))
                        .map(v -> CommandLine.parseInt("port offset", v))
                        .orElse(0);
        if (offset < 0 || offset > 50000) {
            throw new IllegalArgumentException(
                    "the port offset must be between 0 and 50000, got " + offset);
        }

        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String kv : cl.all("port")) {
            int eq = kv.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--port expects NAME=PORT, got '" + kv + "'");
            }
            ports.put(
                    kv.substring(0, eq).trim(),
                    CommandLine.parsePort("--port " + kv, kv.substring(eq + 1)));
        }
        cl.value("kafka-port")
                .ifPresent(v -> ports.put("kafka", CommandLine.parsePort("--kafka-port", v)));
        cl.value("kafka-controller-port")
                .ifPresent(
                        v ->
                                ports.put(
                                        "kafka-controller",
                                        CommandLine.parsePort("--kafka-controller-port", v)));
        cl.value("mongo-port")
                .ifPresent(v -> ports.put("mongo", CommandLine.parsePort("--mongo-port", v)));

        int timeoutSeconds =
                cl.value("timeout")
                        .or(() -> nonBlank(env.get("PLATFORM_START_TIMEOUT")))
                        .map(v -> CommandLine.parseInt("timeout", v))
                        .orElse((int) DEFAULT_START_TIMEOUT.toSeconds());
        if (timeoutSeconds < 1) {
            throw new IllegalArgumentException("the timeout must be at least 1 second");
        }

        List<String> jvmOptions = new ArrayList<>();
        cl.value("jvm-opts")
                .or(() -> nonBlank(env.get("PLATFORM_JVM_OPTS")))
                .ifPresent(v -> jvmOptions.addAll(List.of(v.trim().split("\\s+"))));

        int partitions = cl.intValue("partitions", 3);
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1");
        }

        String durability =
                cl.value("store-durability")
                        .or(() -> nonBlank(env.get("PLATFORM_STORE_DURABILITY")))
                        .map(String::trim)
                        .orElse("fsync");
        if (!durability.equals("fsync") && !durability.equals("commit")) {
            throw new IllegalArgumentException(
                    "--store-durability is fsync or commit, got '" + durability + "'");
        }

        int instances =
                cl.value("instances")
                        .or(() -> nonBlank(env.get("PLATFORM_INSTANCES")))
                        .map(v -> CommandLine.parseInt("instances", v.trim()))
                        .orElse(1);
        if (instances < 1 || instances > MAX_INSTANCES) {
            throw new IllegalArgumentException(
                    "--instances must be between 1 and " + MAX_INSTANCES + ", got " + instances);
        }

        OptionalLong scriptStart =
                nonBlank(env.get("PLATFORM_SCRIPT_START_MS"))
                        .map(
                                v -> {
                                    try {
                                        return OptionalLong.of(Long.parseLong(v.trim()));
                                    } catch (NumberFormatException e) {
                                        return OptionalLong.empty();
                                    }
                                })
                        .orElse(OptionalLong.empty());

        return new LaunchOptions(
                home,
                runDir,
                offset,
                Map.copyOf(ports),
                cl.has("no-services"),
                Duration.ofSeconds(timeoutSeconds),
                !cl.has("no-cds"),
                List.copyOf(jvmOptions),
                partitions,
                cl.has("listen-all"),
                durability,
                instances,
                scriptStart,
                Map.copyOf(env));
    }

    /**
     * The port of a process: {@code --port NAME=P}, else {@code PLATFORM_PORT_<NAME>}, else the
     * default plus the offset.
     */
    public int port(String name, int defaultPort) {
        Integer explicit = portOverrides.get(name);
        if (explicit != null) {
            return explicit;
        }
        String envName = envNameOf(name);
        String fromEnv = environment.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return CommandLine.parsePort(envName, fromEnv);
        }
        int port = defaultPort + portOffset;
        if (port > 65535) {
            throw new IllegalArgumentException(
                    "port offset " + portOffset + " pushes " + name + " past 65535");
        }
        return port;
    }

    static String envNameOf(String processName) {
        return "PLATFORM_PORT_" + processName.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public Path logDir() {
        return runDir.resolve("logs");
    }

    public Path dataDir() {
        return runDir.resolve("data");
    }

    public Path pidDir() {
        return runDir.resolve("pids");
    }

    public Path cdsDir() {
        return runDir.resolve("cds");
    }

    public Path launcherPidFile() {
        return runDir.resolve("platform.pid");
    }

    public Path stateFile() {
        return runDir.resolve("platform.state");
    }

    private static java.util.Optional<String> nonBlank(String value) {
        return value == null || value.isBlank()
                ? java.util.Optional.empty()
                : java.util.Optional.of(value);
    }

    /** {@code --help} was given. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super("help requested", null, false, false);
        }
    }
}
