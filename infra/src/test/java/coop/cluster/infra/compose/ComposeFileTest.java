package coop.cluster.infra.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the build runs, so docker-compose.yml and the Dockerfile are checked
 * here against what the modules really declare: their names, {@code server.port}, the properties
 * they read, and the infrastructure they need. A port changed in an application.yml, a renamed
 * property or an unpinned image fails this test instead of failing a user's {@code docker compose
 * up}.
 */
class ComposeFileTest {

    /**
     * Compose services that are infrastructure, not modules of the build. Keycloak is an upstream
     * login of the issuer (as Entra ID would be), not an issuer: only {@link #ISSUER} talks to it.
     */
    private static final Set<String> INFRASTRUCTURE = Set.of("kafka", "mongo", "keycloak", "mail");

    /** The infrastructure services that are upstream logins of the issuer. */
    private static final Set<String> UPSTREAM_LOGINS = Set.of("keycloak");

    /**
     * The module that issues the platform's tokens, in compose as under {@code ./platform run}:
     * every other module trusts its tokens, and only it talks to the upstream logins.
     */
    private static final String ISSUER = "auth-server";

    /**
     * The issuer's JWK Set endpoint (Spring Authorization Server's), where the others fetch its
     * keys.
     */
    private static final String ISSUER_JWKS_PATH = "/oauth2/jwks";

    /** The issuer's own name for itself (the tokens' iss), a property of its application.yml. */
    private static final String ISSUER_VARIABLE = "CLUSTER_IDENTITY_ISSUER";

    /**
     * Where the issuer keeps its signing key; on a named volume, so that tokens survive a new
     * container.
     */
    private static final String SIGNING_KEY_VARIABLE = "CLUSTER_IDENTITY_SIGNING_KEY_FILE";

    private static final String TRUSTED_ISSUER_VARIABLE =
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI";
    private static final String TRUSTED_KEYS_VARIABLE =
            "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI";

    /**
     * The upstream logins of the issuer: cluster.identity.upstreams.<id>.* (auth-server's
     * UpstreamProperties).
     */
    private static final String UPSTREAMS = "cluster.identity.upstreams";

    /**
     * Spring Boot reads properties from this variable, as JSON (Spring Boot's own, like the JVM's
     * variables); its keys are checked like variable names.
     */
    private static final String APPLICATION_JSON = "SPRING_APPLICATION_JSON";

    /**
     * Properties of a map type, by module: no application.yml can list their keys. The entries'
     * shape is checked where the type is: auth-server's KeycloakRealmConsistencyTest binds the
     * compose file's upstream with UpstreamProperties.
     */
    private static final Map<String, Set<String>> MAP_PROPERTIES =
            Map.of(ISSUER, Set.of(UPSTREAMS));

    private static final String KAFKA = "kafka";
    private static final String MONGO = "mongo";

    /** The mail catcher; the launcher's SMTP port, so that both platforms send to the same port. */
    private static final String MAIL = "mail";

    private static final int MAIL_SMTP_PORT = 2525;
    private static final String REPLICA_SET = "rs0";

    /**
     * The module clients and feeds call from the host (the issuer publishes its port too: browsers
     * log in there).
     */
    private static final String ENTRY_POINT = "gateway";

    /**
     * The web console is an OAuth client of the issuer, not a resource server: browsers log in at
     * the issuer's public name ({@code CLUSTER_WEB_ISSUER_URI}), the console itself reaches it over
     * the compose network ({@code CLUSTER_WEB_ISSUER_BACKCHANNEL_URI}), and it never verifies
     * access tokens itself.
     */
    private static final String WEB_CONSOLE = "web";

    /**
     * The web console calls the gateway only when a page is rendered (a gateway still starting
     * makes its panels unavailable), and the gateway routes to it: the console does not wait for
     * the gateway, or each would wait for the other.
     */
    private static final Map<String, String> CALLED_ONLY_AT_REQUEST_TIME =
            Map.of(WEB_CONSOLE, "gateway");

    private static final String PLUMBING_MODULE = "platform-plumbing";
    private static final String PLUMBING_DEFAULTS =
            PLUMBING_MODULE + "/src/main/resources/plumbing-defaults.properties";

    /** Variables the JVM itself reads; they are not Spring properties. */
    private static final Set<String> JVM_VARIABLES =
            Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS");

    /**
     * Spring Boot properties every web application reads, whether or not its application.yml sets
     * them.
     */
    private static final Set<String> BOOT_PROPERTIES_OF_EVERY_SERVICE =
            Set.of(
                    "server.port",
                    // every service and the gateway are OAuth 2 resource servers
                    "spring.security.oauth2.resourceserver.jwt.issuer-uri",
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri");

    /**
     * Spring Boot properties a module reads because platform-plumbing brings the Kafka and MongoDB
     * starters.
     */
    private static final Set<String> BOOT_PROPERTIES_WITH_PLUMBING =
            Set.of("spring.kafka.bootstrap-servers", "spring.mongodb.uri");

    /**
     * Spring Boot's mail properties: every service is given the mail catcher's address, as {@code
     * ./platform run} gives it (ProcessTable), so that a service that takes up
     * spring-boot-starter-mail sends without a change here.
     */
    private static final Set<String> MAIL_PROPERTIES =
            Set.of("spring.mail.host", "spring.mail.port");

    /** major.minor.patch, with the "v" some projects (Mailpit) put before their release tags. */
    private static final Pattern EXACT_VERSION = Pattern.compile("^v?\\d+\\.\\d+\\.\\d+.*");

    private static final Pattern LOCAL_HEALTH_URL =
            Pattern.compile("https?://(?:localhost|127\\.0\\.0\\.1|\\[::1]):(\\d+)(/\\S*)?");
    private static final Pattern PLACEHOLDER_DEFAULT = Pattern.compile("^\\$\\{[^:}]+:([^}]*)}$");

    private static Path root;
    private static Map<String, Object> services;
    private static Map<String, SpringModule> modules;
    private static Set<String> namedVolumes;
    private static String dockerfile;

    /**
     * A module of the build that runs as a Spring Boot application with its own server.port; {@code
     * properties} are the keys it reads: its application.yml, and the platform-plumbing defaults
     * when it depends on them.
     */
    record SpringModule(
            String name,
            Path applicationYml,
            Map<String, String> properties,
            int port,
            boolean usesPlumbing) {

        boolean usesStoreAndBroker() {
            return properties.containsKey("spring.mongodb.uri");
        }

        String relativeYml() {
            return root.relativize(applicationYml).toString();
        }
    }

    @BeforeAll
    static void load() throws Exception {
        root = repoRoot();
        Map<String, Object> compose =
                asMap(loadYaml(root.resolve("docker-compose.yml")), "docker-compose.yml");
        services = asMap(compose.get("services"), "docker-compose.yml services");
        namedVolumes =
                compose.get("volumes") instanceof Map<?, ?> volumes
                        ? volumes.keySet().stream()
                                .map(String::valueOf)
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Set.of();
        dockerfile = Files.readString(root.resolve("Dockerfile"));
        modules = new LinkedHashMap<>();
        Properties plumbingDefaults = new Properties();
        try (Reader reader = Files.newBufferedReader(root.resolve(PLUMBING_DEFAULTS))) {
            plumbingDefaults.load(reader);
        }
        for (String module : childTexts(parsePom(root.resolve("pom.xml")), "modules", "module")) {
            Path yml = root.resolve(module).resolve("src/main/resources/application.yml");
            if (!Files.isRegularFile(yml)) {
                continue;
            }
            Map<String, String> properties = new LinkedHashMap<>();
            for (Object document : loadAllYaml(yml)) {
                flatten("", document, properties);
            }
            String port = properties.get("server.port");
            if (port == null) {
                continue;
            }
            boolean usesPlumbing = dependsOnPlumbing(root.resolve(module).resolve("pom.xml"));
            Map<String, String> known = new LinkedHashMap<>();
            if (usesPlumbing) {
                plumbingDefaults
                        .stringPropertyNames()
                        .forEach(key -> known.put(key, plumbingDefaults.getProperty(key)));
            }
            known.putAll(properties);
            modules.put(
                    module,
                    new SpringModule(
                            module,
                            yml,
                            known,
                            Integer.parseInt(resolveDefault(port)),
                            usesPlumbing));
        }
        assertThat(modules)
                .as("modules of the root pom with an application.yml declaring server.port")
                .isNotEmpty();
    }

    @Test
    void everyServiceModuleRunsInComposeAndNothingElseDoes() {
        List<String> problems = new ArrayList<>();
        for (String module : modules.keySet()) {
            if (!services.containsKey(module)) {
                problems.add(
                        "module '"
                                + module
                                + "' (server.port "
                                + modules.get(module).port()
                                + ") has no compose service named '"
                                + module
                                + "'");
            }
        }
        for (String service : services.keySet()) {
            if (!modules.containsKey(service) && !INFRASTRUCTURE.contains(service)) {
                problems.add(
                        "compose service '"
                                + service
                                + "' is neither a module with server.port "
                                + modules.keySet()
                                + " nor known infrastructure "
                                + new TreeSet<>(INFRASTRUCTURE));
            }
        }
        for (String infrastructure : INFRASTRUCTURE) {
            if (!services.containsKey(infrastructure)) {
                problems.add("compose has no '" + infrastructure + "' service");
            }
        }
        assertNoProblems("compose services vs. modules", problems);
    }

    @Test
    void containerPortServerPortEnvAndHealthcheckMatchEachModulesServerPort() {
        List<String> problems = new ArrayList<>();
        Set<String> healthcheckTools = new LinkedHashSet<>();
        for (SpringModule module : modulesInCompose()) {
            Map<String, Object> service = service(module.name());
            String where = module.name() + ": ";
            String declared = " but " + module.relativeYml() + " has server.port " + module.port();

            List<PortMapping> mappings = ports(service);
            List<Integer> exposed = expose(service);
            if (mappings.isEmpty() && exposed.isEmpty()) {
                problems.add(where + "declares no container port (ports: or expose:)" + declared);
            }
            for (PortMapping mapping : mappings) {
                if (mapping.target() != module.port()) {
                    problems.add(
                            where
                                    + "ports '"
                                    + mapping.spec()
                                    + "' targets container port "
                                    + mapping.target()
                                    + declared);
                }
                if (mapping.published() != null && mapping.published() != module.port()) {
                    problems.add(
                            where
                                    + "ports '"
                                    + mapping.spec()
                                    + "' publishes host port "
                                    + mapping.published()
                                    + declared);
                }
            }
            for (int port : exposed) {
                if (port != module.port()) {
                    problems.add(where + "expose lists " + port + declared);
                }
            }
            if (module.name().equals(ENTRY_POINT)
                    && mappings.stream().noneMatch(m -> m.published() != null)) {
                problems.add(
                        where
                                + "the entry point must publish port "
                                + module.port()
                                + " to the host");
            }

            String serverPort = environment(service).get("SERVER_PORT");
            if (serverPort == null) {
                problems.add(where + "environment has no SERVER_PORT; it must be " + module.port());
            } else if (!serverPort.equals(String.valueOf(module.port()))) {
                problems.add(where + "SERVER_PORT is " + serverPort + declared);
            }

            Optional<String> healthcheck = healthcheckCommand(service);
            if (healthcheck.isEmpty()) {
                problems.add(where + "has no healthcheck");
            } else {
                Matcher url = LOCAL_HEALTH_URL.matcher(healthcheck.get());
                if (!url.find()) {
                    problems.add(
                            where
                                    + "healthcheck '"
                                    + healthcheck.get()
                                    + "' calls no http://localhost:<port>/actuator/health");
                } else {
                    if (Integer.parseInt(url.group(1)) != module.port()) {
                        problems.add(where + "healthcheck calls port " + url.group(1) + declared);
                    }
                    if (url.group(2) == null || !url.group(2).startsWith("/actuator/health")) {
                        problems.add(
                                where
                                        + "healthcheck calls '"
                                        + url.group()
                                        + "', not /actuator/health");
                    }
                    healthcheckTools.add(healthcheck.get().split("\\s+")[0]);
                }
            }
        }
        for (String tool : healthcheckTools) {
            if ((tool.equals("curl") || tool.equals("wget")) && !dockerfile.contains(tool)) {
                problems.add(
                        "healthchecks run '"
                                + tool
                                + "' but the Dockerfile never mentions it: "
                                + "the runtime image must provide it");
            }
        }
        // Other containers (the gateway) must call a service on the port it listens on.
        for (SpringModule module : modulesInCompose()) {
            settings(service(module.name()))
                    .forEach(
                            (name, value) -> {
                                URI uri = parseUri(value);
                                if (uri == null
                                        || uri.getHost() == null
                                        || !"http".equals(uri.getScheme())) {
                                    return;
                                }
                                SpringModule target = modules.get(uri.getHost());
                                if (target != null && services.containsKey(target.name())) {
                                    int port = uri.getPort() == -1 ? 80 : uri.getPort();
                                    if (port != target.port()) {
                                        problems.add(
                                                module.name()
                                                        + ": "
                                                        + name
                                                        + "="
                                                        + value
                                                        + " calls "
                                                        + target.name()
                                                        + " on port "
                                                        + port
                                                        + " but "
                                                        + target.relativeYml()
                                                        + " has server.port "
                                                        + target.port());
                                    }
                                }
                            });
        }
        assertNoProblems("ports", problems);
    }

    @Test
    void everyEnvironmentVariableOfAServiceBindsToAPropertyItReads() {
        List<String> problems = new ArrayList<>();
        for (SpringModule module : modulesInCompose()) {
            Set<String> known = new LinkedHashSet<>(module.properties().keySet());
            known.addAll(allowedBootProperties(module));
            Set<String> maps = MAP_PROPERTIES.getOrDefault(module.name(), Set.of());
            for (String variable : environment(service(module.name())).keySet()) {
                if (JVM_VARIABLES.contains(variable)) {
                    continue;
                }
                if (variable.equals(APPLICATION_JSON)) {
                    Optional<Map<String, String>> json = applicationJson(service(module.name()));
                    if (json.isEmpty()) {
                        problems.add(
                                module.name() + ": " + APPLICATION_JSON + " is not a JSON object");
                        continue;
                    }
                    for (String key : json.get().keySet()) {
                        if (known.stream().noneMatch(property -> sameProperty(key, property))
                                && maps.stream().noneMatch(map -> key.startsWith(map + "."))) {
                            problems.add(
                                    module.name()
                                            + ": "
                                            + APPLICATION_JSON
                                            + " sets '"
                                            + key
                                            + "', which "
                                            + module.name()
                                            + " does not read: not in "
                                            + module.relativeYml()
                                            + (module.usesPlumbing()
                                                    ? " nor in " + PLUMBING_DEFAULTS
                                                    : "")
                                            + " nor under its map properties "
                                            + maps);
                        }
                    }
                    continue;
                }
                if (known.stream().noneMatch(property -> binds(variable, property))) {
                    problems.add(
                            module.name()
                                    + ": "
                                    + variable
                                    + " binds to '"
                                    + propertyOf(variable)
                                    + "', which "
                                    + module.name()
                                    + " does not read: not in "
                                    + module.relativeYml()
                                    + (module.usesPlumbing() ? " nor in " + PLUMBING_DEFAULTS : "")
                                    + " nor among the Spring Boot properties allowed here "
                                    + allowedBootProperties(module));
                }
            }
        }
        assertNoProblems("environment variables", problems);
    }

    @Test
    void servicesWithAStoreUseTheComposeReplicaSetAndBroker() {
        List<String> problems = new ArrayList<>();
        Map<String, Object> mongo = service(MONGO);
        String mongoCommand = commandOf(mongo);
        if (!mongoCommand.matches(".*--replSet[ =]" + REPLICA_SET + "(\\s.*|$)")) {
            problems.add(
                    "mongo: command '"
                            + mongoCommand
                            + "' does not start mongod with --replSet "
                            + REPLICA_SET);
        }
        String mongoHealth = healthcheckCommand(mongo).orElse("");
        for (String needed : List.of("rs.initiate", "'" + REPLICA_SET + "'", "mongo:27017")) {
            if (!mongoHealth.contains(needed)) {
                problems.add(
                        "mongo: healthcheck must initiate replica set "
                                + REPLICA_SET
                                + " with member host mongo:27017 if needed; it lacks "
                                + needed
                                + ": '"
                                + mongoHealth
                                + "'");
            }
        }
        if (!mongoHealth.contains("isWritablePrimary") && !mongoHealth.contains("PRIMARY")) {
            problems.add(
                    "mongo: healthcheck must report healthy only once the member is PRIMARY: '"
                            + mongoHealth
                            + "'");
        }

        Set<String> kafkaInternal = kafkaAdvertisedAddresses(problems);

        for (SpringModule module : modulesInCompose()) {
            if (!module.usesStoreAndBroker()) {
                continue;
            }
            Map<String, String> environment = environment(service(module.name()));
            String where = module.name() + ": ";

            String expectedDatabase = database(module.properties().get("spring.mongodb.uri"));
            String mongoUri = environment.get("SPRING_MONGODB_URI");
            if (mongoUri == null) {
                problems.add(
                        where
                                + "environment has no SPRING_MONGODB_URI (expected"
                                + " mongodb://mongo:27017/"
                                + expectedDatabase
                                + "?replicaSet="
                                + REPLICA_SET
                                + ")");
            } else {
                MongoAddress address = MongoAddress.parse(mongoUri);
                if (!address.hosts().equals(List.of("mongo:27017"))
                        && !address.hosts().equals(List.of("mongo"))) {
                    problems.add(
                            where
                                    + "SPRING_MONGODB_URI="
                                    + mongoUri
                                    + " names hosts "
                                    + address.hosts()
                                    + ", not the compose service mongo:27017");
                }
                if (!Objects.equals(address.database(), expectedDatabase)) {
                    problems.add(
                            where
                                    + "SPRING_MONGODB_URI="
                                    + mongoUri
                                    + " uses database '"
                                    + address.database()
                                    + "' but "
                                    + module.relativeYml()
                                    + " uses '"
                                    + expectedDatabase
                                    + "'");
                }
                if (!REPLICA_SET.equals(address.options().get("replicaSet"))) {
                    problems.add(
                            where
                                    + "SPRING_MONGODB_URI="
                                    + mongoUri
                                    + " lacks replicaSet="
                                    + REPLICA_SET);
                }
            }

            String bootstrap = environment.get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            if (bootstrap == null) {
                problems.add(
                        where
                                + "environment has no SPRING_KAFKA_BOOTSTRAP_SERVERS (expected one"
                                + " of "
                                + kafkaInternal
                                + ")");
            } else {
                for (String server : bootstrap.split(",")) {
                    if (!kafkaInternal.contains(server.strip())) {
                        problems.add(
                                where
                                        + "SPRING_KAFKA_BOOTSTRAP_SERVERS="
                                        + bootstrap
                                        + " names '"
                                        + server.strip()
                                        + "', not the kafka service's advertised listener "
                                        + kafkaInternal);
                    }
                }
            }
        }
        assertNoProblems("store and broker", problems);
    }

    @Test
    void servicesSendTheirMailToTheComposeMailCatcherOnTheLaunchersPort() {
        List<String> problems = new ArrayList<>();
        Map<String, String> mail = environment(service(MAIL));
        String smtp = mail.get("MP_SMTP_BIND_ADDR");
        if (smtp == null || !smtp.endsWith(":" + MAIL_SMTP_PORT)) {
            problems.add(
                    "mail: MP_SMTP_BIND_ADDR is "
                            + smtp
                            + ", not <any address>:"
                            + MAIL_SMTP_PORT
                            + " (the SMTP port of ./platform run)");
        }
        if (!"true".equals(mail.get("MP_SMTP_AUTH_ACCEPT_ANY"))) {
            problems.add(
                    "mail: MP_SMTP_AUTH_ACCEPT_ANY must be true: the catcher accepts any login, as"
                            + " the embedded one");
        }
        if (!healthcheckCommand(service(MAIL)).orElse("").contains("readyz")) {
            problems.add("mail: the healthcheck must ask Mailpit's readiness (readyz)");
        }
        for (SpringModule module : modulesInCompose()) {
            Map<String, String> environment = environment(service(module.name()));
            String where = module.name() + ": ";
            if (!module.usesStoreAndBroker()) {
                if (environment.containsKey("SPRING_MAIL_HOST")) {
                    problems.add(
                            where
                                    + "gets SPRING_MAIL_HOST, but ./platform run gives mail"
                                    + " settings to the services only");
                }
                continue;
            }
            if (!MAIL.equals(environment.get("SPRING_MAIL_HOST"))) {
                problems.add(
                        where
                                + "SPRING_MAIL_HOST is "
                                + environment.get("SPRING_MAIL_HOST")
                                + ", not "
                                + MAIL);
            }
            if (!String.valueOf(MAIL_SMTP_PORT).equals(environment.get("SPRING_MAIL_PORT"))) {
                problems.add(
                        where
                                + "SPRING_MAIL_PORT is "
                                + environment.get("SPRING_MAIL_PORT")
                                + ", not "
                                + MAIL_SMTP_PORT);
            }
        }
        assertNoProblems("mail", problems);
    }

    /**
     * The issuer of compose is the platform's own, as under {@code ./platform run}: every other
     * module checks {@code iss} against the issuer's name for itself and fetches its keys over the
     * compose network (the name is the address browsers use, {@code localhost}, which inside a
     * container is the container itself). Upstream logins (Keycloak) are the issuer's business: no
     * other module calls them or trusts their tokens.
     */
    @Test
    void theServicesAndTheGatewayTrustTheIssuerAndOnlyTheIssuerTalksToItsUpstreams() {
        List<String> problems = new ArrayList<>();
        SpringModule issuer = issuerModule();
        String iss = environment(service(ISSUER)).get(ISSUER_VARIABLE);
        String keys = "http://" + ISSUER + ":" + issuer.port() + ISSUER_JWKS_PATH;
        Set<String> upstreamServices = upstreamServices();
        for (SpringModule module : modulesInCompose()) {
            if (module.name().equals(ISSUER)) {
                continue;
            }
            Map<String, String> environment = environment(service(module.name()));
            String where = module.name() + ": ";
            if (module.name().equals(WEB_CONSOLE)) {
                if (!Objects.equals(iss, environment.get("CLUSTER_WEB_ISSUER_URI"))) {
                    problems.add(
                            where
                                    + "CLUSTER_WEB_ISSUER_URI is "
                                    + environment.get("CLUSTER_WEB_ISSUER_URI")
                                    + ", not "
                                    + iss
                                    + ": people would log in at another issuer than the one the API"
                                    + " trusts");
                }
                String backchannel = "http://" + ISSUER + ":" + issuer.port();
                if (!backchannel.equals(environment.get("CLUSTER_WEB_ISSUER_BACKCHANNEL_URI"))) {
                    problems.add(
                            where
                                    + "CLUSTER_WEB_ISSUER_BACKCHANNEL_URI is "
                                    + environment.get("CLUSTER_WEB_ISSUER_BACKCHANNEL_URI")
                                    + ", not "
                                    + backchannel
                                    + ": the console fetches tokens over the compose network");
                }
                continue;
            }
            String trusted = environment.get(TRUSTED_ISSUER_VARIABLE);
            if (iss == null || !iss.equals(trusted)) {
                problems.add(
                        where
                                + TRUSTED_ISSUER_VARIABLE
                                + " is "
                                + trusted
                                + ", not "
                                + iss
                                + " ("
                                + ISSUER
                                + "'s "
                                + ISSUER_VARIABLE
                                + ", the iss of its tokens): "
                                + module.name()
                                + " would refuse them");
            }
            String trustedKeys = environment.get(TRUSTED_KEYS_VARIABLE);
            if (!keys.equals(trustedKeys)) {
                problems.add(
                        where
                                + TRUSTED_KEYS_VARIABLE
                                + " is "
                                + trustedKeys
                                + ", not "
                                + keys
                                + ": the keys come from the issuer over the compose network");
            }
            settings(service(module.name()))
                    .forEach(
                            (name, value) -> {
                                String upstream = upstreamServiceCalled(value, upstreamServices);
                                if (upstream != null) {
                                    problems.add(
                                            where
                                                    + name
                                                    + "="
                                                    + value
                                                    + " calls "
                                                    + upstream
                                                    + ", an upstream login of "
                                                    + ISSUER
                                                    + ": only the issuer talks to it, the others"
                                                    + " trust the issuer's tokens");
                                }
                            });
        }
        assertNoProblems("trust in the issuer", problems);
    }

    /**
     * Browsers log in at the issuer, so its port is published and its name for itself (the tokens'
     * iss, the base of the links in its mails) is the address they reach it at. Its people, clients
     * and authorizations are in the store (the store, broker and mail checks above apply to it);
     * its signing key is on a named volume, so that the tokens it issued stay valid when its
     * container is re-created.
     */
    @Test
    void theIssuerIsWhereBrowsersReachItAndKeepsItsSigningKeyOnAVolume() {
        List<String> problems = new ArrayList<>();
        SpringModule issuer = issuerModule();
        Map<String, Object> service = service(ISSUER);
        Map<String, String> environment = environment(service);
        String where = ISSUER + ": ";
        if (!issuer.usesStoreAndBroker()) {
            problems.add(
                    where
                            + issuer.relativeYml()
                            + " declares no spring.mongodb.uri, so the store, broker and mail"
                            + " checks skip the issuer, whose people, clients and authorizations"
                            + " are in the store");
        }
        boolean published =
                ports(service).stream()
                        .anyMatch(m -> m.published() != null && m.published() == issuer.port());
        if (!published) {
            problems.add(
                    where
                            + "must publish port "
                            + issuer.port()
                            + " on the host: browsers log in there");
        }
        String expected = "http://localhost:" + issuer.port();
        if (!expected.equals(environment.get(ISSUER_VARIABLE))) {
            problems.add(
                    where
                            + ISSUER_VARIABLE
                            + " is "
                            + environment.get(ISSUER_VARIABLE)
                            + ", not "
                            + expected
                            + ": the tokens' iss and the links in the mails are the address"
                            + " browsers reach the issuer at");
        }
        String keyFile = environment.get(SIGNING_KEY_VARIABLE);
        if (keyFile == null || !keyFile.startsWith("/")) {
            problems.add(
                    where
                            + SIGNING_KEY_VARIABLE
                            + " is "
                            + keyFile
                            + ", not an absolute path on a named volume: a new container would sign"
                            + " with a new key and every token issued before would be refused");
        } else {
            Optional<String> volume = namedVolumeHolding(service, keyFile);
            if (volume.isEmpty()) {
                problems.add(
                        where
                                + SIGNING_KEY_VARIABLE
                                + "="
                                + keyFile
                                + " is on no named volume of the service "
                                + volumes(service)
                                + ": a new container would sign with a new key");
            } else if (!namedVolumes.contains(volume.get())) {
                problems.add(
                        where
                                + "volume '"
                                + volume.get()
                                + "' is not declared under the top-level volumes: "
                                + namedVolumes);
            }
        }
        assertNoProblems("issuer", problems);
    }

    /**
     * The issuer's upstream logins ({@code cluster.identity.upstreams.<id>.*} in its {@code
     * SPRING_APPLICATION_JSON}): browsers are sent to the authorization endpoint, so it is on a
     * port an upstream container publishes on the host; the issuer itself calls the token, keys and
     * userinfo endpoints, so they are on the compose service's name and container port. An
     * issuer-uri on {@code localhost} cannot be discovered from inside the container: the endpoints
     * must then be given. Every upstream container of compose is one of the issuer's upstreams.
     */
    @Test
    void theIssuersUpstreamsAreCalledWhereBrowsersAndTheIssuerReachThem() {
        List<String> problems = new ArrayList<>();
        Map<String, String> json = applicationJson(service(issuerModule().name())).orElse(Map.of());
        Map<String, Map<String, String>> upstreams = new LinkedHashMap<>();
        json.forEach(
                (key, value) -> {
                    if (key.startsWith(UPSTREAMS + ".")) {
                        String[] parts = key.substring(UPSTREAMS.length() + 1).split("\\.", 2);
                        if (parts.length == 2) {
                            upstreams
                                    .computeIfAbsent(parts[0], id -> new LinkedHashMap<>())
                                    .put(parts[1], value);
                        }
                    }
                });
        Set<String> upstreamServices = upstreamServices();
        Set<String> used = new TreeSet<>();
        upstreams.forEach(
                (id, settings) -> {
                    String where = ISSUER + ": upstream '" + id + "': ";
                    URI issuer = parseUri(settings.get("issuer-uri"));
                    if (issuer == null) {
                        problems.add(where + "has no issuer-uri");
                        return;
                    }
                    boolean local = isLoopback(issuer.getHost());
                    for (String endpoint : List.of("token-uri", "jwk-set-uri", "user-info-uri")) {
                        String value = settings.get(endpoint);
                        URI uri = parseUri(value);
                        if (uri == null) {
                            if (local) {
                                problems.add(
                                        where
                                                + "issuer-uri "
                                                + issuer
                                                + " is on the host, which the issuer's container "
                                                + "cannot reach for discovery: give "
                                                + endpoint
                                                + " on the compose network");
                            }
                            continue;
                        }
                        if (isLoopback(uri.getHost()) || !services.containsKey(uri.getHost())) {
                            problems.add(
                                    where
                                            + endpoint
                                            + " "
                                            + value
                                            + " is not on a compose service: the issuer calls it"
                                            + " from its container, where localhost is the issuer"
                                            + " itself");
                            continue;
                        }
                        used.add(uri.getHost());
                        Set<Integer> containerPorts = new TreeSet<>(expose(service(uri.getHost())));
                        ports(service(uri.getHost())).forEach(m -> containerPorts.add(m.target()));
                        int port = uri.getPort() == -1 ? 80 : uri.getPort();
                        if (!containerPorts.contains(port)) {
                            problems.add(
                                    where
                                            + endpoint
                                            + " "
                                            + value
                                            + " calls port "
                                            + port
                                            + " of "
                                            + uri.getHost()
                                            + ", which listens on "
                                            + containerPorts);
                        }
                    }
                    String authorization = settings.get("authorization-uri");
                    URI uri = parseUri(authorization);
                    if (uri == null) {
                        if (local) {
                            problems.add(
                                    where
                                            + "issuer-uri "
                                            + issuer
                                            + " is on the host: give the authorization-uri too");
                        }
                    } else {
                        int port = uri.getPort() == -1 ? 80 : uri.getPort();
                        boolean reachable =
                                isLoopback(uri.getHost())
                                        && upstreamServices.stream()
                                                .flatMap(name -> ports(service(name)).stream())
                                                .anyMatch(
                                                        m ->
                                                                m.published() != null
                                                                        && m.published() == port);
                        if (!reachable) {
                            problems.add(
                                    where
                                            + "authorization-uri "
                                            + authorization
                                            + " is not on a port an upstream "
                                            + upstreamServices
                                            + " publishes on localhost: browsers are sent there");
                        }
                    }
                });
        for (String upstream : upstreamServices) {
            if (!used.contains(upstream)) {
                problems.add(
                        upstream
                                + ": runs in compose as an upstream login, but no upstream of "
                                + ISSUER
                                + " ("
                                + APPLICATION_JSON
                                + ", "
                                + UPSTREAMS
                                + ".<id>.*) calls it");
            }
        }
        assertNoProblems("upstream logins", problems);
    }

    /**
     * A module that calls another module ({@code cluster.services.*}, e.g. the gateway's routes)
     * has it on the loopback address in its application.yml, which inside a container is the
     * container itself: compose sets each such URL to the other module's compose service.
     */
    @Test
    void everyModuleAModuleCallsIsCalledByItsComposeServiceName() {
        List<String> problems = new ArrayList<>();
        for (SpringModule module : modulesInCompose()) {
            Map<String, String> environment = environment(service(module.name()));
            module.properties()
                    .forEach(
                            (property, value) -> {
                                if (!property.startsWith("cluster.services.")) {
                                    return;
                                }
                                URI uri = parseUri(resolveDefault(value));
                                if (uri == null || !isLoopback(uri.getHost())) {
                                    return;
                                }
                                Optional<SpringModule> target =
                                        modulesInCompose().stream()
                                                .filter(m -> m.port() == uri.getPort())
                                                .findFirst();
                                if (target.isEmpty()) {
                                    return;
                                }
                                String expected =
                                        "http://" + target.get().name() + ":" + target.get().port();
                                Optional<Map.Entry<String, String>> set =
                                        environment.entrySet().stream()
                                                .filter(e -> binds(e.getKey(), property))
                                                .findFirst();
                                if (set.isEmpty()) {
                                    problems.add(
                                            module.name()
                                                    + ": "
                                                    + property
                                                    + " is "
                                                    + value
                                                    + " in "
                                                    + module.relativeYml()
                                                    + ", the container itself in compose: set "
                                                    + property.toUpperCase().replaceAll("[.-]", "_")
                                                    + " to "
                                                    + expected);
                                } else if (!expected.equals(set.get().getValue())) {
                                    problems.add(
                                            module.name()
                                                    + ": "
                                                    + set.get().getKey()
                                                    + " is "
                                                    + set.get().getValue()
                                                    + ", not "
                                                    + expected
                                                    + " ("
                                                    + property
                                                    + " names port "
                                                    + uri.getPort()
                                                    + ", "
                                                    + target.get().name()
                                                    + "'s)");
                                }
                            });
        }
        assertNoProblems("calls between modules", problems);
    }

    @Test
    void everyImageIsPinnedToAnExactVersion() {
        List<String> problems = new ArrayList<>();
        services.forEach(
                (name, definition) -> {
                    Object image = asMap(definition, name).get("image");
                    if (image != null) {
                        pinningProblem(String.valueOf(image))
                                .ifPresent(p -> problems.add("compose service " + name + ": " + p));
                    } else if (asMap(definition, name).get("build") == null) {
                        problems.add("compose service " + name + ": has neither image nor build");
                    }
                });
        List<String> from = fromImages();
        if (from.isEmpty()) {
            problems.add("Dockerfile: no FROM line");
        }
        for (String image : from) {
            pinningProblem(image).ifPresent(p -> problems.add("Dockerfile FROM: " + p));
        }
        assertNoProblems("image tags", problems);
    }

    @Test
    void pinnedImagesMatchTheVersionsTheBuildUses() throws Exception {
        List<String> problems = new ArrayList<>();
        String javaVersion =
                childTexts(parsePom(root.resolve("pom.xml")), "properties", "java.version").stream()
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("root pom.xml has no java.version"));
        Properties wrapper = new Properties();
        try (Reader reader =
                Files.newBufferedReader(root.resolve(".mvn/wrapper/maven-wrapper.properties"))) {
            wrapper.load(reader);
        }
        Matcher wrapperMaven =
                Pattern.compile("apache-maven-(\\d+\\.\\d+\\.\\d+)")
                        .matcher(wrapper.getProperty("distributionUrl", ""));
        String mavenVersion = wrapperMaven.find() ? wrapperMaven.group(1) : null;

        for (String image : fromImages()) {
            String repository = repositoryOf(image);
            String tag = tagOf(image);
            if (repository.equals("maven")) {
                Matcher m =
                        Pattern.compile("^(\\d+\\.\\d+\\.\\d+)-eclipse-temurin-(\\d+)")
                                .matcher(tag);
                if (!m.find()) {
                    problems.add(
                            "Dockerfile FROM "
                                    + image
                                    + ": expected maven:<version>-eclipse-temurin-<java>");
                    continue;
                }
                if (mavenVersion != null && !m.group(1).equals(mavenVersion)) {
                    problems.add(
                            "Dockerfile FROM "
                                    + image
                                    + ": Maven "
                                    + m.group(1)
                                    + " but ./mvnw uses "
                                    + mavenVersion);
                }
                if (!m.group(2).equals(javaVersion)) {
                    problems.add(
                            "Dockerfile FROM "
                                    + image
                                    + ": JDK "
                                    + m.group(2)
                                    + " but pom.xml java.version is "
                                    + javaVersion);
                }
            } else if (repository.equals("eclipse-temurin") && !tag.startsWith(javaVersion + ".")) {
                problems.add(
                        "Dockerfile FROM "
                                + image
                                + ": tag "
                                + tag
                                + " is not an exact Java "
                                + javaVersion
                                + ".x.y release, but pom.xml java.version is "
                                + javaVersion);
            }
        }
        String kafkaImage = String.valueOf(service(KAFKA).get("image"));
        String client = AppInfoParser.getVersion();
        if (!minor(tagOf(kafkaImage)).equals(minor(client))) {
            problems.add(
                    "kafka: image "
                            + kafkaImage
                            + " is Kafka "
                            + tagOf(kafkaImage)
                            + " but the services are built with kafka-clients "
                            + client);
        }
        assertNoProblems("image versions", problems);
    }

    @Test
    void everyDependencyWaitsForAHealthyServiceWithAHealthcheck() {
        List<String> problems = new ArrayList<>();
        services.forEach(
                (name, definition) -> {
                    Object dependsOn = asMap(definition, name).get("depends_on");
                    if (dependsOn == null) {
                        return;
                    }
                    if (!(dependsOn instanceof Map<?, ?> map)) {
                        problems.add(
                                name
                                        + ": depends_on is a list "
                                        + dependsOn
                                        + "; use the long form with condition: service_healthy");
                        return;
                    }
                    map.forEach(
                            (target, options) -> {
                                Object condition =
                                        options instanceof Map<?, ?> o ? o.get("condition") : null;
                                if (!"service_healthy".equals(condition)) {
                                    problems.add(
                                            name
                                                    + ": depends_on "
                                                    + target
                                                    + " has condition "
                                                    + condition
                                                    + ", not service_healthy");
                                }
                                if (!services.containsKey(String.valueOf(target))) {
                                    problems.add(
                                            name
                                                    + ": depends_on "
                                                    + target
                                                    + ", which is no compose service");
                                } else if (healthcheckCommand(service(String.valueOf(target)))
                                        .isEmpty()) {
                                    problems.add(
                                            name
                                                    + ": depends_on "
                                                    + target
                                                    + ", which has no healthcheck");
                                }
                            });
                });
        // What a service needs must be started and healthy before it.
        for (SpringModule module : modulesInCompose()) {
            Set<String> needed = new TreeSet<>();
            if (module.usesStoreAndBroker()) {
                needed.add(KAFKA);
                needed.add(MONGO);
            }
            String mailHost = environment(service(module.name())).get("SPRING_MAIL_HOST");
            if (mailHost != null && services.containsKey(mailHost)) {
                needed.add(mailHost);
            }
            settings(service(module.name()))
                    .values()
                    .forEach(
                            value -> {
                                URI uri = parseUri(value);
                                if (uri != null
                                        && uri.getHost() != null
                                        && services.containsKey(uri.getHost())
                                        && !uri.getHost().equals(module.name())
                                        && !uri.getHost()
                                                .equals(
                                                        CALLED_ONLY_AT_REQUEST_TIME.get(
                                                                module.name()))) {
                                    needed.add(uri.getHost());
                                }
                            });
            Set<String> declared = dependsOnNames(service(module.name()));
            for (String dependency : needed) {
                if (!declared.contains(dependency)) {
                    problems.add(
                            module.name()
                                    + ": needs "
                                    + dependency
                                    + " but has no depends_on "
                                    + dependency
                                    + " (condition: service_healthy)");
                }
            }
        }
        assertNoProblems("depends_on", problems);
    }

    @Test
    void eachServiceIsBuiltFromTheRootDockerfileWithItsModule() {
        List<String> problems = new ArrayList<>();
        if (!Pattern.compile("(?m)^\\s*ARG\\s+MODULE\\b").matcher(dockerfile).find()) {
            problems.add("Dockerfile: declares no ARG MODULE");
        }
        if (!dockerfile.matches("(?s).*-pl\\s+\"?\\$\\{?MODULE}?\"?\\s.*")) {
            problems.add("Dockerfile: does not build the module with -pl ${MODULE}");
        }
        for (SpringModule module : modulesInCompose()) {
            Object build = service(module.name()).get("build");
            String where = module.name() + ": ";
            if (build == null) {
                problems.add(
                        where + "has no build: (context . and args MODULE: " + module.name() + ")");
                continue;
            }
            Map<String, Object> buildMap =
                    build instanceof Map<?, ?>
                            ? asMap(build, module.name() + " build")
                            : Map.of("context", build);
            Path context =
                    root.resolve(String.valueOf(buildMap.getOrDefault("context", "."))).normalize();
            if (!context.equals(root)) {
                problems.add(
                        where
                                + "build context is "
                                + context
                                + ", not the repository root "
                                + root);
            }
            Path file =
                    context.resolve(
                                    String.valueOf(
                                            buildMap.getOrDefault("dockerfile", "Dockerfile")))
                            .normalize();
            if (!file.equals(root.resolve("Dockerfile"))) {
                problems.add(where + "builds from " + file + ", not the root Dockerfile");
            }
            String moduleArg = keyValues(buildMap.get("args")).get("MODULE");
            if (!module.name().equals(moduleArg)) {
                problems.add(
                        where + "build args MODULE is " + moduleArg + ", not " + module.name());
            }
        }
        assertNoProblems("builds", problems);
    }

    @Test
    void environmentVariablesBindAsSpringBootsRelaxedBindingDoes() {
        assertThat(binds("SPRING_MONGODB_URI", "spring.mongodb.uri")).isTrue();
        assertThat(binds("SPRING_KAFKA_BOOTSTRAP_SERVERS", "spring.kafka.bootstrap-servers"))
                .isTrue();
        assertThat(
                        binds(
                                "CLUSTER_SERVICES_FUNDING_WATCH_URL",
                                "cluster.services.funding-watch-url"))
                .isTrue();
        assertThat(binds("CLUSTER_SERVICES_FUNDINGWATCHURL", "cluster.services.funding-watch-url"))
                .isTrue();
        assertThat(binds("CLUSTER_SERVICE_MEMBERSHIP_URL", "cluster.services.membership-url"))
                .isFalse();
        assertThat(binds("SPRING_DATA_MONGODB_URI", "spring.mongodb.uri")).isFalse();
        assertThat(propertyOf("CLUSTER_SERVICES_FUNDING_WATCH_URL"))
                .isEqualTo("cluster.services.funding.watch.url");
    }

    // ---- relaxed binding

    /**
     * Whether Spring Boot binds the environment variable to the property, asked of Spring Boot's
     * own system-environment mapping: upper case, '_' for '.', and '-' either removed
     * (CLUSTER_SERVICES_FUNDINGWATCHURL) or written as '_' (CLUSTER_SERVICES_FUNDING_WATCH_URL).
     */
    static boolean binds(String variable, String property) {
        ConfigurationPropertyName name =
                ConfigurationPropertyName.ofIfValid(property.toLowerCase());
        if (name == null) {
            return false;
        }
        ConfigurationPropertySource environment =
                ConfigurationPropertySource.from(
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                Map.of(variable, "set")));
        return environment != null && environment.getConfigurationProperty(name) != null;
    }

    /** SPRING_MONGODB_URI -> spring.mongodb.uri, for messages. */
    static String propertyOf(String variable) {
        return variable.toLowerCase().replace('_', '.');
    }

    private static List<String> allowedBootProperties(SpringModule module) {
        List<String> allowed = new ArrayList<>(BOOT_PROPERTIES_OF_EVERY_SERVICE);
        if (module.usesPlumbing()) {
            allowed.addAll(BOOT_PROPERTIES_WITH_PLUMBING);
        }
        if (module.usesStoreAndBroker()) {
            allowed.addAll(MAIL_PROPERTIES);
        }
        return allowed;
    }

    // ---- the issuer and its upstreams

    private static SpringModule issuerModule() {
        SpringModule issuer = modules.get(ISSUER);
        if (issuer == null || !services.containsKey(ISSUER)) {
            fail(
                    "the platform's token issuer '"
                            + ISSUER
                            + "' must be a module with server.port and a compose service"
                            + " of that name (modules "
                            + modules.keySet()
                            + ", services "
                            + services.keySet()
                            + ")");
        }
        return issuer;
    }

    private static Set<String> upstreamServices() {
        return UPSTREAM_LOGINS.stream()
                .filter(services::containsKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The upstream login service a setting calls, by its compose name or its port published on the
     * host; or null.
     */
    private static String upstreamServiceCalled(String value, Set<String> upstreamServices) {
        URI uri = parseUri(value);
        if (uri == null || uri.getHost() == null) {
            return null;
        }
        if (upstreamServices.contains(uri.getHost())) {
            return uri.getHost();
        }
        if (isLoopback(uri.getHost())) {
            int port = uri.getPort() == -1 ? 80 : uri.getPort();
            return upstreamServices.stream()
                    .filter(
                            name ->
                                    ports(service(name)).stream()
                                            .anyMatch(
                                                    m ->
                                                            m.published() != null
                                                                    && m.published() == port))
                    .findFirst()
                    .orElse(null);
        }
        return null;
    }

    private static boolean isLoopback(String host) {
        return host != null
                && (host.equals("localhost") || host.equals("127.0.0.1") || host.equals("[::1]"));
    }

    /**
     * Whether two property names are the same property, as Spring Boot compares them (e.g. in JSON
     * keys).
     */
    static boolean sameProperty(String a, String b) {
        return ConfigurationPropertyName.adapt(a, '.')
                .equals(ConfigurationPropertyName.adapt(b, '.'));
    }

    /** The service's volumes as written: "source:target[:mode]" or the long form. */
    private static List<Object> volumes(Map<String, Object> service) {
        return service.get("volumes") instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    /** The named volume (not a bind mount) the service mounts at a directory holding the file. */
    private static Optional<String> namedVolumeHolding(Map<String, Object> service, String file) {
        for (Object volume : volumes(service)) {
            String source;
            String target;
            if (volume instanceof Map<?, ?> longForm) {
                if (longForm.get("type") != null
                        && !"volume".equals(String.valueOf(longForm.get("type")))) {
                    continue;
                }
                source = String.valueOf(longForm.get("source"));
                target = String.valueOf(longForm.get("target"));
            } else {
                String[] parts = String.valueOf(volume).split(":");
                if (parts.length < 2) {
                    continue;
                }
                source = parts[0];
                target = parts[1];
            }
            boolean named =
                    !source.isEmpty()
                            && !source.startsWith(".")
                            && !source.startsWith("/")
                            && !source.startsWith("~")
                            && !source.startsWith("$");
            String directory = target.endsWith("/") ? target : target + "/";
            if (named && file.startsWith(directory)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /**
     * SPRING_APPLICATION_JSON of a service, flattened to Spring's dotted keys as Spring Boot
     * flattens it; empty when absent or not a JSON object. JSON is read with the YAML parser (JSON
     * is YAML's flow style).
     */
    private static Optional<Map<String, String>> applicationJson(Map<String, Object> service) {
        String json = environment(service).get(APPLICATION_JSON);
        if (json == null) {
            return Optional.empty();
        }
        Object parsed;
        try {
            parsed = new Yaml().load(json);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!(parsed instanceof Map<?, ?>)) {
            return Optional.empty();
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", parsed, flat);
        return Optional.of(flat);
    }

    /**
     * What a service is given: its environment, with SPRING_APPLICATION_JSON's properties in place
     * of the variable (named {@code SPRING_APPLICATION_JSON[<key>]}), so that the URLs in it are
     * checked like the others.
     */
    private static Map<String, String> settings(Map<String, Object> service) {
        Map<String, String> settings = new LinkedHashMap<>();
        environment(service)
                .forEach(
                        (name, value) -> {
                            if (!name.equals(APPLICATION_JSON)) {
                                settings.put(name, value);
                            }
                        });
        applicationJson(service)
                .orElse(Map.of())
                .forEach((key, value) -> settings.put(APPLICATION_JSON + "[" + key + "]", value));
        return settings;
    }

    // ---- images

    private static Optional<String> pinningProblem(String image) {
        if (image.contains("${")) {
            return Optional.of(
                    "image '" + image + "' is set by a variable; pin it to an exact version");
        }
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        String tag = tagOf(image);
        if (tag.isEmpty()) {
            return Optional.of(
                    "image '" + image + "' has no tag, which means latest; pin an exact version");
        }
        if (tag.equals("latest")) {
            return Optional.of("image '" + image + "' uses latest; pin an exact version");
        }
        if (!EXACT_VERSION.matcher(tag).matches()) {
            return Optional.of(
                    "image '"
                            + image
                            + "' has tag '"
                            + tag
                            + "', not an exact version (major.minor.patch, e.g. mongo:8.0.4)");
        }
        return Optional.empty();
    }

    private static String tagOf(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(colon + 1) : "";
    }

    private static String repositoryOf(String image) {
        String withoutDigest = image.split("@", 2)[0];
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/')
                ? withoutDigest.substring(0, colon)
                : withoutDigest;
    }

    private static String minor(String version) {
        Matcher m = Pattern.compile("^(\\d+\\.\\d+)").matcher(version);
        return m.find() ? m.group(1) : version;
    }

    /** The images of the Dockerfile's FROM lines, leaving out references to earlier stages. */
    private static List<String> fromImages() {
        List<String> images = new ArrayList<>();
        Set<String> stages = new LinkedHashSet<>();
        for (String line : dockerfile.split("\\R")) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            List<String> rest =
                    Arrays.stream(words).skip(1).filter(w -> !w.startsWith("--")).toList();
            if (rest.isEmpty()) {
                continue;
            }
            String image = rest.get(0);
            if (rest.size() >= 3 && rest.get(1).equalsIgnoreCase("AS")) {
                stages.add(rest.get(2).toLowerCase());
            }
            if (!stages.contains(image.toLowerCase()) && !image.equals("scratch")) {
                images.add(image);
            }
        }
        return images;
    }

    // ---- compose accessors

    private static List<SpringModule> modulesInCompose() {
        return modules.values().stream().filter(m -> services.containsKey(m.name())).toList();
    }

    private static Map<String, Object> service(String name) {
        return asMap(services.get(name), "compose service " + name);
    }

    static Map<String, String> environment(Map<String, Object> service) {
        return keyValues(service.get("environment"));
    }

    /** A compose mapping given either as a map or as a list of KEY=VALUE strings. */
    private static Map<String, String> keyValues(Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            map.forEach(
                    (k, v) -> result.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (value instanceof List<?> list) {
            for (Object entry : list) {
                String[] parts = String.valueOf(entry).split("=", 2);
                result.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return result;
    }

    record PortMapping(String spec, Integer published, int target) {}

    private static List<PortMapping> ports(Map<String, Object> service) {
        List<PortMapping> result = new ArrayList<>();
        Object ports = service.get("ports");
        if (!(ports instanceof List<?> list)) {
            return result;
        }
        for (Object entry : list) {
            if (entry instanceof Map<?, ?> longForm) {
                Object published = longForm.get("published");
                result.add(
                        new PortMapping(
                                String.valueOf(longForm),
                                published == null
                                        ? null
                                        : Integer.valueOf(String.valueOf(published)),
                                Integer.parseInt(String.valueOf(longForm.get("target")))));
                continue;
            }
            String spec = String.valueOf(entry);
            String withoutProtocol = spec.split("/", 2)[0];
            int lastColon = withoutProtocol.lastIndexOf(':');
            int target = Integer.parseInt(withoutProtocol.substring(lastColon + 1));
            Integer published = null;
            if (lastColon > 0) {
                String hostPart = withoutProtocol.substring(0, lastColon);
                String publishedPart = hostPart.substring(hostPart.lastIndexOf(':') + 1);
                published = publishedPart.isEmpty() ? null : Integer.valueOf(publishedPart);
            }
            result.add(new PortMapping(spec, published, target));
        }
        return result;
    }

    private static List<Integer> expose(Map<String, Object> service) {
        Object expose = service.get("expose");
        if (!(expose instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().map(e -> Integer.valueOf(String.valueOf(e).split("/", 2)[0])).toList();
    }

    /** The healthcheck's command as one line, or empty when there is none or it is disabled. */
    private static Optional<String> healthcheckCommand(Map<String, Object> service) {
        if (!(service.get("healthcheck") instanceof Map<?, ?> healthcheck)
                || Boolean.TRUE.equals(healthcheck.get("disable"))) {
            return Optional.empty();
        }
        Object test = healthcheck.get("test");
        if (test instanceof List<?> list) {
            if (list.isEmpty() || "NONE".equals(list.get(0))) {
                return Optional.empty();
            }
            List<String> words = list.stream().map(String::valueOf).toList();
            if (words.get(0).equals("CMD") || words.get(0).equals("CMD-SHELL")) {
                words = words.subList(1, words.size());
            }
            return Optional.of(String.join(" ", words).strip());
        }
        return test == null ? Optional.empty() : Optional.of(String.valueOf(test).strip());
    }

    private static String commandOf(Map<String, Object> service) {
        Object command = service.get("command");
        if (command instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return command == null ? "" : String.valueOf(command);
    }

    private static Set<String> dependsOnNames(Map<String, Object> service) {
        Object dependsOn = service.get("depends_on");
        if (dependsOn instanceof Map<?, ?> map) {
            return map.keySet().stream().map(String::valueOf).collect(Collectors.toSet());
        }
        if (dependsOn instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.toSet());
        }
        return Set.of();
    }

    /**
     * host:port of the kafka service's advertised listeners whose host is the compose service name.
     */
    private static Set<String> kafkaAdvertisedAddresses(List<String> problems) {
        String advertised = environment(service(KAFKA)).get("KAFKA_ADVERTISED_LISTENERS");
        Set<String> addresses = new LinkedHashSet<>();
        if (advertised == null) {
            problems.add(
                    "kafka: environment has no KAFKA_ADVERTISED_LISTENERS, so containers cannot"
                            + " know how to reach the broker as "
                            + KAFKA
                            + ":<port>");
            return addresses;
        }
        for (String listener : advertised.split(",")) {
            String address = listener.strip().replaceFirst("^[A-Za-z0-9_]+://", "");
            if (address.startsWith(KAFKA + ":")) {
                addresses.add(address);
            }
        }
        if (addresses.isEmpty()) {
            problems.add(
                    "kafka: KAFKA_ADVERTISED_LISTENERS="
                            + advertised
                            + " advertises no listener on host "
                            + KAFKA
                            + ", so other containers cannot reach the broker");
        }
        return addresses;
    }

    record MongoAddress(List<String> hosts, String database, Map<String, String> options) {

        static MongoAddress parse(String uri) {
            String rest = uri.replaceFirst("^mongodb(\\+srv)?://", "");
            rest = rest.substring(rest.indexOf('@') + 1);
            String query = rest.contains("?") ? rest.substring(rest.indexOf('?') + 1) : "";
            String beforeQuery = rest.contains("?") ? rest.substring(0, rest.indexOf('?')) : rest;
            int slash = beforeQuery.indexOf('/');
            String hosts = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
            String database = slash < 0 ? null : beforeQuery.substring(slash + 1);
            Map<String, String> options = new LinkedHashMap<>();
            for (String option : query.split("&")) {
                if (!option.isEmpty()) {
                    String[] kv = option.split("=", 2);
                    options.put(kv[0], kv.length > 1 ? kv[1] : "");
                }
            }
            return new MongoAddress(
                    List.of(hosts.split(",")),
                    database == null || database.isEmpty() ? null : database,
                    options);
        }
    }

    private static String database(String uri) {
        return uri == null ? null : MongoAddress.parse(resolveDefault(uri)).database();
    }

    private static URI parseUri(String value) {
        if (value == null || !value.contains("://")) {
            return null;
        }
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- files

    private static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("docker-compose.yml"))
                    && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate;
            }
        }
        throw new AssertionError(
                "no directory with docker-compose.yml and pom.xml at or above " + dir);
    }

    private static Object loadYaml(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Yaml().load(in);
        }
    }

    private static List<Object> loadAllYaml(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            new Yaml().loadAll(in).forEach(documents::add);
        }
        return documents;
    }

    /**
     * Flattens YAML to Spring's dotted keys: {spring: {mongodb: {uri: x}}} -> spring.mongodb.uri=x.
     */
    static void flatten(String prefix, Object node, Map<String, String> into) {
        if (node instanceof Map<?, ?> map) {
            map.forEach(
                    (key, value) ->
                            flatten(
                                    prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key,
                                    value,
                                    into));
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, node == null ? "" : String.valueOf(node));
        }
    }

    /** ${PORT:8081} -> 8081; any other value unchanged. */
    private static String resolveDefault(String value) {
        Matcher m = PLACEHOLDER_DEFAULT.matcher(value.strip());
        return m.matches() ? m.group(1) : value.strip();
    }

    private static Document parsePom(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(pom.toFile());
    }

    /** Texts of project/{section}/{child}, e.g. project/modules/module. */
    private static List<String> childTexts(Document pom, String section, String child) {
        List<String> texts = new ArrayList<>();
        for (Node node = pom.getDocumentElement().getFirstChild();
                node != null;
                node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals(section)) {
                NodeList children = element.getElementsByTagName(child);
                for (int i = 0; i < children.getLength(); i++) {
                    texts.add(children.item(i).getTextContent().strip());
                }
            }
        }
        return texts;
    }

    private static boolean dependsOnPlumbing(Path pom) throws Exception {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        Document document = parsePom(pom);
        for (Node node = document.getDocumentElement().getFirstChild();
                node != null;
                node = node.getNextSibling()) {
            if (!(node instanceof Element element && element.getTagName().equals("dependencies"))) {
                continue;
            }
            NodeList dependencies = element.getElementsByTagName("dependency");
            for (int i = 0; i < dependencies.getLength(); i++) {
                Element dependency = (Element) dependencies.item(i);
                String artifactId = text(dependency, "artifactId");
                String scope = text(dependency, "scope");
                if (PLUMBING_MODULE.equals(artifactId)
                        && (scope == null || scope.equals("compile") || scope.equals("runtime"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().strip();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new AssertionError(what + " is not a mapping: " + value);
        }
        return (Map<String, Object>) value;
    }

    private static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(
                    what
                            + ": "
                            + problems.size()
                            + " mismatch(es) between docker-compose.yml / Dockerfile and the"
                            + " build\n"
                            + "  - "
                            + String.join("\n  - ", problems));
        }
    }
}
