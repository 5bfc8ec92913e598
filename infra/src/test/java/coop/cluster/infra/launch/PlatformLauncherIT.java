package coop.cluster.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import coop.cluster.infra.testing.MailBox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher end to end, with a real broker and store and {@link FakeService} jars in place of
 * the services (which are built elsewhere): start order, environment, health polling, stop order,
 * failures, and that nothing is left behind.
 */
@EnabledOnOs(OS.LINUX)
class PlatformLauncherIT {

    private static final List<String> APPLICATIONS =
            List.of(
                    "membership-service",
                    "project-service",
                    "funding-watch-service",
                    "finance-service",
                    "activity-service",
                    "notification-service",
                    "web",
                    "gateway");

    /**
     * Boot jars the launcher runs: the applications and the authorization server (infrastructure
     * tier).
     */
    private static final List<String> JARS =
            List.of(
                    "auth-server",
                    "membership-service",
                    "project-service",
                    "funding-watch-service",
                    "finance-service",
                    "activity-service",
                    "notification-service",
                    "web",
                    "gateway");

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(150);
    private static final Pattern STARTED = Pattern.compile("started (\\S+)\\s+pid (\\d+)");

    @TempDir Path home;

    private final Map<String, Integer> ports = new LinkedHashMap<>();

    @BeforeEach
    void fakeServiceJarsAndFreePorts() throws IOException {
        for (String module : JARS) {
            writeFakeServiceJar(home.resolve(module).resolve("target").resolve(module + ".jar"));
        }
        for (String name :
                List.of(
                        "kafka",
                        "kafka-controller",
                        "mongo",
                        "mail",
                        "mail-api",
                        "auth-server",
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service",
                        "activity-service",
                        "notification-service",
                        "web",
                        "gateway")) {
            ports.put(name, distinctFreePort());
        }
    }

    /**
     * A free port none of this test's processes has been given yet: the system may hand the same
     * ephemeral port out twice once the probing socket is closed, and two processes on one port
     * fail the run (one cannot bind).
     */
    private int distinctFreePort() {
        int port;
        do {
            port = NetworkPorts.freePort();
        } while (ports.containsValue(port));
        return port;
    }

    @Test
    void startsEverythingInOrderReportsItAndStopsServicesBeforeTheStoreAndTheBroker()
            throws IOException {
        ChildJvm launcher = launcher("--timeout", "120");
        launcher.awaitOutput("running; stop with Ctrl-C", RUN_TIMEOUT);
        String output = launcher.outputText();

        assertThat(output)
                .contains(
                        "Platform UP in",
                        "Memory at idle",
                        "TOTAL",
                        "Kafka bootstrap 127.0.0.1:" + ports.get("kafka"),
                        "http://localhost:" + ports.get("gateway"),
                        "swagger UI http://localhost:"
                                + ports.get("membership-service")
                                + "/swagger-ui.html",
                        "SMTP 127.0.0.1:"
                                + ports.get("mail")
                                + ", messages http://127.0.0.1:"
                                + ports.get("mail-api")
                                + "/messages");
        assertThat(output.indexOf("UP      kafka"))
                .as("services start after the broker is up")
                .isLessThan(output.indexOf("started membership-service"));
        assertThat(output.indexOf("UP      mongo")).isLessThan(output.indexOf("started gateway"));
        assertThat(output.indexOf("UP      auth-server"))
                .as("services start once the issuer is up")
                .isLessThan(output.indexOf("started membership-service"));
        assertThat(output.indexOf("UP      mail"))
                .as("services start once the mail catcher is up")
                .isLessThan(output.indexOf("started membership-service"));

        Path run = home.resolve("run");
        assertThat(run.resolve("platform.pid"))
                .content()
                .isEqualToIgnoringNewLines(Long.toString(launcher.pid()));
        Map<String, Long> pids = startedPids(output);
        assertThat(pids)
                .containsOnlyKeys(
                        "kafka",
                        "mongo",
                        "mail",
                        "auth-server",
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service",
                        "activity-service",
                        "notification-service",
                        "web",
                        "gateway");
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            assertThat(run.resolve("pids").resolve(e.getKey() + ".pid"))
                    .content()
                    .isEqualToIgnoringNewLines(e.getValue().toString());
            assertThat(session(e.getValue()))
                    .as("%s runs in its own session", e.getKey())
                    .isEqualTo(e.getValue());
        }
        assertThat(
                        PlatformStatus.report(
                                LaunchOptions.parse(
                                        new String[] {"--home", home.toString()}, Map.of())))
                .isZero();
        assertThat(new MailBox(URI.create("http://127.0.0.1:" + ports.get("mail-api"))).messages())
                .as("the mail catcher answers on its API port")
                .isEmpty();

        assertThat(run.resolve("logs").resolve("membership-service.log"))
                .content()
                .contains(
                        "ENV SERVER_PORT=" + ports.get("membership-service"),
                        "ENV SPRING_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + ports.get("kafka"),
                        "ENV SPRING_MONGODB_URI=mongodb://127.0.0.1:"
                                + ports.get("mongo")
                                + "/membership",
                        "ENV CLUSTER_IDENTITY_ISSUER=http://localhost:" + ports.get("auth-server"),
                        "ENV SPRING_MAIL_HOST=127.0.0.1",
                        "ENV SPRING_MAIL_PORT=" + ports.get("mail"));
        assertThat(run.resolve("logs").resolve("auth-server.log"))
                .content()
                .as("the identity service sends invitations")
                .contains("ENV SPRING_MAIL_PORT=" + ports.get("mail"));
        assertThat(run.resolve("logs").resolve("funding-watch-service.log"))
                .content()
                .contains("/funding_watch");
        assertThat(run.resolve("logs").resolve("gateway.log"))
                .content()
                .contains(
                        "ENV CLUSTER_SERVICES_FINANCE_URL=http://127.0.0.1:"
                                + ports.get("finance-service"))
                .doesNotContain("SPRING_KAFKA", "SPRING_MONGODB", "SPRING_MAIL");

        assertThat(launcher.stop()).isEqualTo(143);

        String stopping = launcher.outputText().substring(output.length());
        for (String app : APPLICATIONS) {
            assertThat(stopping.indexOf("stopped " + app))
                    .as(app + " stops before the store")
                    .isPositive()
                    .isLessThan(stopping.indexOf("stopped mongo"));
            assertThat(run.resolve("logs").resolve(app + ".log")).content().contains("STOPPED");
        }
        assertThat(stopping.indexOf("stopped mail"))
                .as("the mail catcher stops after the services, before the store")
                .isGreaterThan(stopping.indexOf("stopped gateway"))
                .isLessThan(stopping.indexOf("stopped mongo"));
        assertThat(stopping.indexOf("stopped mongo"))
                .as("the broker stops last")
                .isLessThan(stopping.indexOf("stopped kafka"));
        assertThat(stopping).contains("platform stopped");
        assertAllGone(pids);
        assertThat(run.resolve("platform.pid")).doesNotExist();
        try (var left = Files.list(run.resolve("pids"))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aServiceThatDiesDuringStartUpFailsTheRunWithItsOutputAndNothingIsLeftBehind()
            throws IOException {
        Files.createFile(home.resolve("finance-service").resolve("FAIL"));

        ChildJvm launcher = launcher("--timeout", "120");

        assertThat(launcher.waitForExit(RUN_TIMEOUT)).isTrue();
        assertThat(launcher.exitCode()).isEqualTo(1);
        assertThat(launcher.outputText())
                .contains(
                        "FAILED: finance-service",
                        "exited with code 3",
                        "failing on purpose",
                        "platform stopped");
        assertAllGone(startedPids(launcher.outputText()));
    }

    @Test
    void aServiceThatStaysDownFailsTheRunAfterTheTimeout() throws IOException {
        Files.createFile(home.resolve("project-service").resolve("DOWN"));

        ChildJvm launcher = launcher("--timeout", "25");

        assertThat(launcher.waitForExit(RUN_TIMEOUT)).isTrue();
        assertThat(launcher.exitCode()).isEqualTo(1);
        assertThat(launcher.outputText())
                .contains(
                        "FAILED: not UP after 25 s",
                        "project-service (pid",
                        ": DOWN;",
                        "last health response: {\"status\":\"DOWN\"}",
                        "platform stopped")
                .doesNotContain("gateway (pid");
        assertAllGone(startedPids(launcher.outputText()));
    }

    @Test
    void refusesToStartWhenAPortIsTakenAndStartsNothing() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ports.put("mongo", taken.getLocalPort());

            ChildJvm launcher = launcher();

            assertThat(launcher.waitForExit(Duration.ofSeconds(60))).isTrue();
            assertThat(launcher.exitCode()).isEqualTo(2);
            assertThat(launcher.outputText())
                    .contains(
                            "already in use: " + taken.getLocalPort() + " (mongo)", "--port-offset")
                    .doesNotContain("started kafka");
        }
    }

    @Test
    void refusesToStartWhenTheMailCatchersApiPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ports.put("mail-api", taken.getLocalPort());

            ChildJvm launcher = launcher();

            assertThat(launcher.waitForExit(Duration.ofSeconds(60))).isTrue();
            assertThat(launcher.exitCode()).isEqualTo(2);
            assertThat(launcher.outputText())
                    .contains("already in use: " + taken.getLocalPort() + " (mail-api)")
                    .doesNotContain("started kafka");
        }
    }

    @Test
    void
            twoInstancesStartTheSecondOnesOnceAllIsUpBalanceThemAtTheGatewayAndStopThemWithTheServices()
                    throws IOException {
        List<String> scaled =
                List.of(
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service",
                        "activity-service",
                        "notification-service");
        List<String> args = new ArrayList<>(List.of("--timeout", "120", "--instances", "2"));
        Map<String, Integer> secondPorts = new LinkedHashMap<>();
        for (String service : scaled) {
            int port;
            do {
                port = distinctFreePort();
            } while (secondPorts.containsValue(port));
            secondPorts.put(service + "-2", port);
            args.addAll(List.of("--port", service + "-2=" + secondPorts.get(service + "-2")));
        }
        ChildJvm launcher = launcher(args.toArray(String[]::new));
        launcher.awaitOutput("running; stop with Ctrl-C", RUN_TIMEOUT);
        String output = launcher.outputText();

        Map<String, Long> pids = startedPids(output);
        assertThat(pids)
                .containsKeys(secondPorts.keySet().toArray(String[]::new))
                .doesNotContainKeys("web-2", "gateway-2");
        assertThat(output.indexOf("UP      gateway"))
                .as("the second instances start once the first ones are UP")
                .isLessThan(output.indexOf("started membership-service-2"));
        assertThat(output.indexOf("UP      finance-service-2"))
                .isLessThan(output.indexOf("Platform UP in"));
        Path logs = home.resolve("run").resolve("logs");
        assertThat(logs.resolve("finance-service-2.log"))
                .content()
                .contains("ENV SERVER_PORT=" + secondPorts.get("finance-service-2"), "/finance");
        assertThat(logs.resolve("gateway.log"))
                .content()
                .contains(
                        "ENV CLUSTER_SERVICES_FINANCE_URL=lb://finance-service",
                        "ENV CLUSTER_SERVICES_WEB_URL=http://127.0.0.1:" + ports.get("web"),
                        "{\"uri\":\"http://127.0.0.1:"
                                + secondPorts.get("finance-service-2")
                                + "\"}");
        assertThat(
                        PlatformStatus.report(
                                LaunchOptions.parse(
                                        new String[] {"--home", home.toString()}, Map.of())))
                .isZero();

        assertThat(launcher.stop()).isEqualTo(143);
        String stopping = launcher.outputText().substring(output.length());
        assertThat(stopping.indexOf("stopped notification-service-2"))
                .as("second instances stop with the services")
                .isPositive()
                .isLessThan(stopping.indexOf("stopped mongo"));
        assertAllGone(pids);
    }

    @Test
    void refusesToStartWhenAJarIsMissing() throws IOException {
        Files.delete(home.resolve("gateway").resolve("target").resolve("gateway.jar"));

        ChildJvm launcher = launcher();

        assertThat(launcher.waitForExit(Duration.ofSeconds(60))).isTrue();
        assertThat(launcher.exitCode()).isEqualTo(2);
        assertThat(launcher.outputText())
                .contains("missing jar(s):", "gateway.jar", "./mvnw -B -ntp -DskipTests package");
    }

    private ChildJvm launcher(String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("--home", home.toString(), "--no-cds"));
        ports.forEach((name, port) -> args.addAll(List.of("--port", name + "=" + port)));
        args.addAll(List.of(extraArgs));
        return ChildJvm.builder(PlatformLauncher.class)
                .name("launcher")
                .args(args)
                .output(home.resolve("launcher.out"))
                .start();
    }

    private static Map<String, Long> startedPids(String output) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Matcher m = STARTED.matcher(output);
        while (m.find()) {
            pids.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return pids;
    }

    private static void assertAllGone(Map<String, Long> pids) {
        assertThat(pids).isNotEmpty();
        pids.forEach(
                (name, pid) ->
                        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                                .as("%s (pid %d) is gone", name, pid)
                                .isFalse());
    }

    /** The session id of a process, from /proc/PID/stat (field 6). */
    private static long session(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[3]);
    }

    private static void writeFakeServiceJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String entry = FakeService.class.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest);
                InputStream classFile =
                        FakeService.class.getClassLoader().getResourceAsStream(entry)) {
            assertThat(classFile).as(entry).isNotNull();
            out.putNextEntry(new JarEntry(entry));
            classFile.transferTo(out);
            out.closeEntry();
        }
        assertThat(new String(Files.readAllBytes(jar), StandardCharsets.ISO_8859_1))
                .contains("FakeService");
    }
}
