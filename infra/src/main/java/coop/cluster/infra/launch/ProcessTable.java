package coop.cluster.infra.launch;

import coop.cluster.infra.kafka.KafkaBrokerMain;
import coop.cluster.infra.mail.MailOptions;
import coop.cluster.infra.mail.MailServerMain;
import coop.cluster.infra.store.MongoStoreMain;
import coop.cluster.infra.support.ClassDataSharing;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The processes of the platform. To add one (an authorization server, say), add one line to {@link
 * #platform}; a service's port can then be referenced by the gateway's environment.
 */
public final class ProcessTable {

    public static final String HOST = "127.0.0.1";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String MONGO = "mongo";
    public static final String MAIL = "mail";

    /** The mail catcher's HTTP API (reading what was sent); {@code --port mail-api=PORT}. */
    public static final String MAIL_API = "mail-api";

    public static final String AUTH_SERVER = "auth-server";
    public static final String GATEWAY = "gateway";

    /** Turns events into e-mails and the in-app inbox; its mail goes to the mail catcher. */
    public static final String NOTIFICATION_SERVICE = "notification-service";

    /** The web console, reached by browsers through the gateway at {@code /}. */
    public static final String WEB = "web";

    /** A demo feed that authenticates its pushes with an HMAC signature; for development only. */
    public static final String DEMO_SIGNED_FEED = "region-sud";

    public static final String DEMO_SIGNED_FEED_SECRET = "demo-region-sud-shared-secret-0123456789";

    /**
     * Services: small heap, C1 only and serial GC, for a quick start on 2 cores. The heap starts at
     * 16 MB and grows as needed (the young generation with it, up to a third of -Xmx): with the
     * default initial heap (-Xmx here) the whole young generation and the start-up garbage promoted
     * into the old one stay resident, about 40 MB more per service at idle.
     */
    static final List<String> SERVICE_JVM_OPTIONS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-XX:TieredStopAtLevel=1",
                    "-Xms16m",
                    "-Xmx256m",
                    "-XX:MaxMetaspaceSize=160m",
                    "-XX:+ExitOnOutOfMemoryError");

    /**
     * The gateway carries every request, so it keeps the C2 compiler: measured with ./platform
     * bench gateway, an authenticated proxied read costs ~0.85 ms of CPU with C2 against ~2 ms with
     * C1 only. It also runs one Netty event loop instead of Netty's default of at least four: on
     * one machine shared with the services, the broker, the store and the clients, fewer threads to
     * wake saved about 20 % of its CPU per request (0.40-0.51 ms against 0.52-0.58 ms, interleaved
     * runs). A gateway with cores of its own should keep Netty's default.
     */
    static final List<String> EDGE_JVM_OPTIONS =
            List.of(
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-Xms16m",
                    "-Xmx256m",
                    "-XX:MaxMetaspaceSize=160m",
                    "-XX:+ExitOnOutOfMemoryError",
                    "-Dreactor.netty.ioWorkerCount=1");

    /** The broker keeps the C2 compiler: it carries every event. */
    static final List<String> BROKER_JVM_OPTIONS =
            List.of(
                    "-Xms64m",
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-XX:+ExitOnOutOfMemoryError");

    static final List<String> STORE_JVM_OPTIONS =
            List.of(
                    "-Xms32m",
                    "-Xmx384m",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-XX:+ExitOnOutOfMemoryError");

    /** The mail catcher holds at most a few thousand small messages; C1 is plenty for it. */
    static final List<String> MAIL_JVM_OPTIONS =
            List.of(
                    "-Xms16m",
                    "-Xmx128m",
                    "-XX:+UseSerialGC",
                    "-Xss512k",
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+ExitOnOutOfMemoryError");

    /**
     * A second port some processes listen on, named for {@code --port NAME=PORT}: the broker's
     * KRaft controller, the mail catcher's API.
     */
    public record SecondaryPort(String owner, String name, int defaultPort) {}

    static final List<SecondaryPort> SECONDARY_PORTS =
            List.of(
                    new SecondaryPort(KAFKA, KAFKA_CONTROLLER, 9093),
                    new SecondaryPort(MAIL, MAIL_API, MailOptions.DEFAULT_API_PORT));

    private final LaunchOptions options;
    private final String java;
    private final String infraClasspath;
    private final long launcherPid;
    private final Map<String, ManagedProcess> processes = new LinkedHashMap<>();

    /**
     * The further instances of each service ({@code --instances N}), by module, in instance order.
     */
    private final Map<String, List<ManagedProcess>> replicas = new LinkedHashMap<>();

    ProcessTable(LaunchOptions options, String java, String infraClasspath, long launcherPid) {
        this.options = options;
        this.java = java;
        this.infraClasspath = infraClasspath;
        this.launcherPid = launcherPid;
    }

    /** Every process of the platform, in start order. */
    public static List<ManagedProcess> platform(
            LaunchOptions options, String java, String infraClasspath, long launcherPid) {
        ProcessTable t = new ProcessTable(options, java, infraClasspath, launcherPid);
        t.broker(KAFKA, 9092, 9093);
        t.store(MONGO, 27017);
        t.mail(MAIL, MailOptions.DEFAULT_PORT, MailOptions.DEFAULT_API_PORT);
        t.identity(AUTH_SERVER, 9000);
        t.service("membership-service", 8081, "membership", Map.of());
        t.service("project-service", 8082, "project", Map.of());
        t.service(
                "funding-watch-service",
                8083,
                "funding_watch",
                Map.of(
                        // the demo feed that signs its pushes instead of using a token
                        // (docs/identity.md)
                        "SPRING_APPLICATION_JSON",
                        "{\"cluster\":{\"feeds\":{\"signed\":{\""
                                + DEMO_SIGNED_FEED
                                + "\":{\"secret\":\""
                                + DEMO_SIGNED_FEED_SECRET
                                + "\"}}}}}",
                        // the key the signed feeds managed at run time are encrypted with, made on
                        // first start
                        "CLUSTER_FEEDS_SECRET_KEY_FILE",
                        options.dataDir()
                                .resolve("funding-watch-service")
                                .resolve("signed-feeds.key")
                                .toString()));
        t.service("finance-service", 8084, "finance", Map.of());
        t.service("activity-service", 8087, "activity", Map.of());
        // every notification links into the console, through the gateway (docs/notifications.md)
        t.service(
                NOTIFICATION_SERVICE,
                8086,
                "notification",
                Map.of(
                        "CLUSTER_NOTIFICATIONS_CONSOLE_URL",
                        consoleUrl(options.port(GATEWAY, 8080))));
        t.console(WEB, 8085, GATEWAY, 8080);
        t.edge(
                GATEWAY,
                8080,
                Map.of(
                        "CLUSTER_SERVICES_MEMBERSHIP_URL", "membership-service",
                        "CLUSTER_SERVICES_PROJECT_URL", "project-service",
                        "CLUSTER_SERVICES_FUNDING_WATCH_URL", "funding-watch-service",
                        "CLUSTER_SERVICES_FINANCE_URL", "finance-service",
                        "CLUSTER_SERVICES_ACTIVITY_URL", "activity-service",
                        "CLUSTER_SERVICES_NOTIFICATION_URL", NOTIFICATION_SERVICE,
                        "CLUSTER_SERVICES_IDENTITY_URL", AUTH_SERVER,
                        "CLUSTER_SERVICES_WEB_URL", WEB));
        return List.copyOf(t.processes.values());
    }

    /** Names accepted by {@code --port NAME=PORT}. */
    public static List<String> portNames(List<ManagedProcess> table) {
        List<String> names = new ArrayList<>();
        for (ManagedProcess p : table) {
            names.add(p.name());
            secondaryPorts(p).forEach(s -> names.add(s.name()));
        }
        return names;
    }

    /** The second ports of a process (none for most). */
    public static List<SecondaryPort> secondaryPorts(ManagedProcess process) {
        return SECONDARY_PORTS.stream().filter(s -> s.owner().equals(process.name())).toList();
    }

    void broker(String name, int defaultPort, int defaultControllerPort) {
        int port = options.port(name, defaultPort);
        int controllerPort = options.port(KAFKA_CONTROLLER, defaultControllerPort);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(BROKER_JVM_OPTIONS);
        cmd.addAll(JvmFlags.common());
        cmd.addAll(JvmFlags.classDataSharing(options, name, null, infraClasspath));
        cmd.addAll(
                List.of(
                        "-cp",
                        infraClasspath,
                        KafkaBrokerMain.class.getName(),
                        "--host",
                        HOST,
                        "--port",
                        Integer.toString(port),
                        "--controller-port",
                        Integer.toString(controllerPort),
                        "--data-dir",
                        options.dataDir().resolve(name).toString(),
                        "--parent-pid",
                        Long.toString(launcherPid),
                        "--partitions",
                        Integer.toString(options.partitions())));
        add(
                new ManagedProcess(
                        name,
                        ManagedProcess.Tier.INFRASTRUCTURE,
                        port,
                        URI.create("tcp://" + HOST + ":" + port),
                        cmd,
                        Map.of()));
    }

    void store(String name, int defaultPort) {
        int port = options.port(name, defaultPort);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(STORE_JVM_OPTIONS);
        cmd.addAll(JvmFlags.common());
        cmd.addAll(JvmFlags.classDataSharing(options, name, null, infraClasspath));
        cmd.addAll(
                List.of(
                        "-cp",
                        infraClasspath,
                        MongoStoreMain.class.getName(),
                        "--host",
                        HOST,
                        "--port",
                        Integer.toString(port),
                        "--file",
                        options.dataDir().resolve(name).resolve("store.mv").toString(),
                        "--durability",
                        options.storeDurability(),
                        "--parent-pid",
                        Long.toString(launcherPid)));
        add(
                new ManagedProcess(
                        name,
                        ManagedProcess.Tier.INFRASTRUCTURE,
                        port,
                        URI.create("tcp://" + HOST + ":" + port),
                        cmd,
                        Map.of()));
    }

    /**
     * The development mail catcher ({@link MailServerMain}): SMTP on {@code port} for the
     * applications, the HTTP API on {@code mail-api} for people and scripts. It keeps its messages
     * in memory only, so it has no data directory. It is UP once its API's {@code /health} is: the
     * API starts after the SMTP server.
     */
    void mail(String name, int defaultPort, int defaultApiPort) {
        int port = options.port(name, defaultPort);
        int apiPort = options.port(MAIL_API, defaultApiPort);
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(MAIL_JVM_OPTIONS);
        cmd.addAll(JvmFlags.common());
        cmd.addAll(JvmFlags.classDataSharing(options, name, null, infraClasspath));
        cmd.addAll(
                List.of(
                        "-cp",
                        infraClasspath,
                        MailServerMain.class.getName(),
                        "--host",
                        HOST,
                        "--port",
                        Integer.toString(port),
                        "--api-port",
                        Integer.toString(apiPort),
                        "--parent-pid",
                        Long.toString(launcherPid)));
        add(
                new ManagedProcess(
                        name,
                        ManagedProcess.Tier.INFRASTRUCTURE,
                        port,
                        URI.create("http://" + HOST + ":" + apiPort + "/health"),
                        cmd,
                        Map.of()));
    }

    /**
     * The OIDC authorization server (Spring Authorization Server) with the demo users and clients,
     * its state in database {@code identity} of the store. It counts as infrastructure: it starts
     * after the broker and the store, and {@code --no-services} keeps it.
     */
    void identity(String module, int defaultPort) {
        int port = options.port(module, defaultPort);
        Map<String, String> env = new LinkedHashMap<>(bootEnv(module, port));
        env.putAll(behindTheGateway());
        env.put("CLUSTER_IDENTITY_ISSUER", issuer(port));
        env.put("CLUSTER_IDENTITY_DEMO_ENABLED", "true");
        env.put(
                "CLUSTER_IDENTITY_SIGNING_KEY_FILE",
                options.dataDir().resolve(module).resolve("signing-key.json").toString());
        env.putAll(mailEnv());
        // people, invitations, audit, clients, authorizations, second factors and login throttling
        // on the store;
        // identity.people on the broker
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put(
                "SPRING_MONGODB_URI",
                "mongodb://" + HOST + ":" + processes.get(MONGO).port() + "/identity");
        add(
                new ManagedProcess(
                        module,
                        ManagedProcess.Tier.INFRASTRUCTURE,
                        port,
                        healthUrl(port),
                        bootJarCommand(module),
                        env));
    }

    /** A Spring Boot service with its own database and the broker. */
    void service(String module, int defaultPort, String database, Map<String, String> extraEnv) {
        int port = options.port(module, defaultPort);
        Map<String, String> env = new LinkedHashMap<>(bootEnv(module, port));
        env.putAll(behindTheGateway());
        env.put("CLUSTER_DEMO_ENABLED", "true");
        env.putAll(extraEnv);
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
        env.put(
                "SPRING_MONGODB_URI",
                "mongodb://" + HOST + ":" + processes.get(MONGO).port() + "/" + database);
        env.putAll(mailEnv());
        add(
                new ManagedProcess(
                        module,
                        ManagedProcess.Tier.APPLICATION,
                        port,
                        healthUrl(port),
                        bootJarCommand(module),
                        env));
        for (int k = 2; k <= options.instances(); k++) {
            replica(module, defaultPort, k, env);
        }
    }

    /**
     * Instance {@code k} of a service: {@code NAME-k}, on the first instance's default port + 100 x
     * (k-1) (offset included; {@code --port NAME-k=PORT} wins), the same database, broker and
     * consumer groups, a log of its own. Its outbox relay's instance id is host:port, so the relay
     * lease has two candidates and one holder; the consumer groups (named after the application)
     * split the partitions between the instances.
     */
    private void replica(String module, int defaultPort, int k, Map<String, String> firstEnv) {
        String name = instanceName(module, k);
        int port = options.port(name, defaultPort + LaunchOptions.INSTANCE_PORT_STEP * (k - 1));
        Map<String, String> env = new LinkedHashMap<>(firstEnv);
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("LOGGING_FILE_NAME", options.logDir().resolve(name + ".log").toString());
        List<String> cmd = new ArrayList<>(bootJarCommand(module, SERVICE_JVM_OPTIONS, false));
        // its name on its command line: ./platform stop and the launcher's leftover check recognise
        // a process by it
        cmd.add(1, "-Dplatform.process=" + name);
        ManagedProcess replica =
                new ManagedProcess(
                        name, ManagedProcess.Tier.REPLICA, port, healthUrl(port), cmd, env);
        add(replica);
        replicas.computeIfAbsent(module, m -> new ArrayList<>()).add(replica);
    }

    /** {@code membership-service}, {@code membership-service-2} ... */
    public static String instanceName(String module, int k) {
        return k == 1 ? module : module + "-" + k;
    }

    /**
     * The web console: a Spring Boot application without broker or store, behind the gateway (whose
     * port it gets before the gateway is defined: the gateway's environment needs the console's).
     * Its pages call the gateway's API only; people log in at the issuer.
     */
    void console(String module, int defaultPort, String gateway, int gatewayDefaultPort) {
        int port = options.port(module, defaultPort);
        Map<String, String> env = new LinkedHashMap<>(bootEnv(module, port));
        env.putAll(behindTheGateway());
        ManagedProcess identity = processes.get(AUTH_SERVER);
        if (identity != null) {
            env.put("CLUSTER_WEB_ISSUER_URI", issuer(identity.port()));
        }
        env.put(
                "CLUSTER_WEB_API_URL",
                "http://" + HOST + ":" + options.port(gateway, gatewayDefaultPort));
        add(
                new ManagedProcess(
                        module,
                        ManagedProcess.Tier.APPLICATION,
                        port,
                        healthUrl(port),
                        bootJarCommand(module),
                        env));
    }

    /**
     * The address people open the console at: the gateway's, on 127.0.0.1 (the issuer refuses
     * localhost redirects).
     */
    public static String consoleUrl(int gatewayPort) {
        return "http://" + HOST + ":" + gatewayPort + "/";
    }

    /**
     * A Spring Boot application without broker or store; {@code urls} maps variables to the process
     * whose URL they get.
     */
    void edge(String module, int defaultPort, Map<String, String> urls) {
        int port = options.port(module, defaultPort);
        Map<String, String> env = new LinkedHashMap<>(bootEnv(module, port));
        urls.forEach(
                (variable, target) ->
                        env.put(
                                variable,
                                replicas.containsKey(target)
                                        ? "lb://" + target
                                        : "http://" + HOST + ":" + portOf(target)));
        if (!replicas.isEmpty()) {
            env.put("SPRING_APPLICATION_JSON", simpleDiscovery());
        }
        add(
                new ManagedProcess(
                        module,
                        ManagedProcess.Tier.APPLICATION,
                        port,
                        healthUrl(port),
                        bootJarCommand(module, EDGE_JVM_OPTIONS),
                        env));
    }

    /**
     * Spring Cloud's simple discovery client, a static list of every instance of each replicated
     * service, for the gateway's {@code lb://} routes (Spring Cloud LoadBalancer, round robin):
     * {@code spring.cloud.discovery.client.simple.instances.<module>[i].uri}.
     */
    private String simpleDiscovery() {
        StringBuilder json =
                new StringBuilder(
                        "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{");
        boolean firstModule = true;
        for (Map.Entry<String, List<ManagedProcess>> e : replicas.entrySet()) {
            json.append(firstModule ? "" : ",").append('"').append(e.getKey()).append("\":[");
            firstModule = false;
            List<ManagedProcess> all = new ArrayList<>();
            all.add(processes.get(e.getKey()));
            all.addAll(e.getValue());
            for (int i = 0; i < all.size(); i++) {
                json.append(i == 0 ? "" : ",")
                        .append("{\"uri\":\"http://")
                        .append(HOST)
                        .append(':')
                        .append(all.get(i).port())
                        .append("\"}");
            }
            json.append(']');
        }
        return json.append("}}}}}}}").toString();
    }

    /**
     * The services and the authorization server listen on the loopback interface only (unless
     * {@code --listen-all}): from another machine the platform is reached through the gateway,
     * whose rate limits, circuit breakers and body limits a direct call would skip. The broker and
     * the store always listen on {@link #HOST}.
     */
    private Map<String, String> behindTheGateway() {
        return options.listenAll() ? Map.of() : Map.of("SERVER_ADDRESS", HOST);
    }

    /**
     * Where the applications that send mail send it: the identity service (invitations, sign-up
     * confirmations, password resets) and every service (notifications). Spring Boot's mail starter
     * reads these; an application without it ignores them. The gateway sends no mail and gets none,
     * as it gets neither broker nor store.
     */
    private Map<String, String> mailEnv() {
        ManagedProcess mail = processes.get(MAIL);
        return mail == null
                ? Map.of()
                : Map.of(
                        "SPRING_MAIL_HOST",
                        HOST,
                        "SPRING_MAIL_PORT",
                        Integer.toString(mail.port()));
    }

    /**
     * The issuer URL tokens carry in {@code iss}; services and gateway fetch its discovery
     * document.
     */
    private static String issuer(int port) {
        return "http://localhost:" + port;
    }

    private Map<String, String> bootEnv(String module, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(port));
        ManagedProcess identity = processes.get(AUTH_SERVER);
        if (identity != null) {
            env.put("CLUSTER_IDENTITY_ISSUER", issuer(identity.port()));
        }
        env.put("LOGGING_FILE_NAME", options.logDir().resolve(module + ".log").toString());
        return env;
    }

    private List<String> bootJarCommand(String module) {
        return bootJarCommand(module, SERVICE_JVM_OPTIONS);
    }

    private List<String> bootJarCommand(String module, List<String> jvmOptions) {
        return bootJarCommand(module, jvmOptions, true);
    }

    /**
     * @param writesArchive false for a further instance: it maps the first instance's class-data
     *     archive if there is one but never writes it (two JVMs dumping one file at exit could
     *     spoil it)
     */
    private List<String> bootJarCommand(
            String module, List<String> jvmOptions, boolean writesArchive) {
        Path target = options.home().resolve(module).resolve("target");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmOptions);
        cmd.addAll(JvmFlags.common());
        Path jar = target.resolve(module + ".jar");
        List<String> cds =
                JvmFlags.classDataSharing(options, module, target.resolve(module), jar.toString());
        if (!writesArchive) {
            cds = JvmFlags.readOnly(cds);
        }
        cmd.addAll(cds);
        cmd.addAll(options.extraJvmOptions());
        cmd.add("-jar");
        cmd.add(jar.toString());
        return cmd;
    }

    private String bootstrapServers() {
        return HOST + ":" + processes.get(KAFKA).port();
    }

    private int portOf(String name) {
        ManagedProcess p = processes.get(name);
        if (p == null) {
            throw new IllegalStateException(
                    "the process table refers to '" + name + "' before defining it");
        }
        return p.port();
    }

    private static URI healthUrl(int port) {
        return URI.create("http://" + HOST + ":" + port + "/actuator/health");
    }

    private void add(ManagedProcess process) {
        if (processes.putIfAbsent(process.name(), process) != null) {
            throw new IllegalStateException("two processes are called " + process.name());
        }
    }

    /** JVM flags shared by every child. */
    static final class JvmFlags {

        private JvmFlags() {}

        static List<String> common() {
            List<String> flags = new ArrayList<>();
            if (Runtime.version().feature() >= 23) {
                // Kafka, Netty and H2 still call sun.misc.Unsafe; without this every child prints a
                // warning block
                flags.add("--sun-misc-unsafe-memory-access=allow");
            }
            if (Runtime.version().feature() >= 22) {
                // glibc keeps what the start-up freed (the compilers' arenas, parsing buffers)
                // until trimmed: a trim
                // every 5 s gives it back to the OS, 10-40 MB of RSS per process at idle
                // (docs/running.md)
                flags.add("-XX:TrimNativeHeapInterval=5000");
            }
            // the serial collector shrinks the heap after a full collection until at most 40 % of
            // it is free (default
            // 70 %): the launcher's collection once everything is UP then gives the start-up
            // garbage's pages back
            flags.add("-XX:MinHeapFreeRatio=20");
            flags.add("-XX:MaxHeapFreeRatio=40");
            return flags;
        }

        /**
         * Start-up archives: a prebuilt {@code <artifactBase>.aot} (JDK 24+) or {@code
         * <artifactBase>.jsa} next to the jar wins; else a CDS archive in RUN_DIR/cds that the JVM
         * writes on its first clean exit and reuses afterwards, named after a fingerprint of the
         * classpath so a rebuild gets a new one.
         */
        static List<String> classDataSharing(
                LaunchOptions options, String name, Path artifactBase, String classpath) {
            if (artifactBase != null) {
                Path aot = artifactBase.resolveSibling(artifactBase.getFileName() + ".aot");
                Path jsa = artifactBase.resolveSibling(artifactBase.getFileName() + ".jsa");
                if (Runtime.version().feature() >= 24 && Files.isRegularFile(aot)) {
                    return List.of("-XX:AOTCache=" + aot);
                }
                if (Files.isRegularFile(jsa)) {
                    return List.of("-XX:SharedArchiveFile=" + jsa);
                }
            }
            if (!options.cds()) {
                return List.of();
            }
            return ClassDataSharing.options(
                    ClassDataSharing.archive(options.cdsDir(), name, classpath));
        }

        /**
         * The same archive, used if it is there and never written: no {@code
         * -XX:+AutoCreateSharedArchive}.
         */
        static List<String> readOnly(List<String> cds) {
            List<String> flags = new ArrayList<>();
            for (String flag : cds) {
                if (flag.equals("-XX:+AutoCreateSharedArchive")) {
                    continue;
                }
                if (flag.startsWith("-XX:SharedArchiveFile=")
                        && !Files.isRegularFile(
                                Path.of(flag.substring("-XX:SharedArchiveFile=".length())))) {
                    return List.of();
                }
                flags.add(flag);
            }
            return flags;
        }
    }
}
