package coop.cluster.infra.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProcessTableTest {

    private static Map<String, ManagedProcess> table(Map<String, String> env, String... args) {
        LaunchOptions options = LaunchOptions.parse(args, env);
        List<ManagedProcess> processes =
                ProcessTable.platform(
                        options,
                        "/jdk/bin/java",
                        "/repo/infra/target/infra.jar:/repo/infra/target/lib/*",
                        4242);
        return processes.stream()
                .collect(
                        Collectors.toMap(
                                ManagedProcess::name,
                                Function.identity(),
                                (a, b) -> a,
                                java.util.LinkedHashMap::new));
    }

    @Test
    void infrastructureFirstThenServicesThenTheGateway() {
        assertThat(table(Map.of(), "--home", "/repo").keySet())
                .containsExactly(
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
    }

    @Test
    void theWebConsoleIsBehindTheGatewayAndLogsInAtTheIssuer() {
        Map<String, ManagedProcess> t =
                table(Map.of(), "--home", "/repo", "--port", "gateway=9080");
        ManagedProcess web = t.get("web");

        assertThat(web.port()).isEqualTo(8085);
        assertThat(web.tier()).isEqualTo(ManagedProcess.Tier.APPLICATION);
        assertThat(web.env())
                .containsEntry("SERVER_PORT", "8085")
                .containsEntry("SERVER_ADDRESS", "127.0.0.1")
                .containsEntry("CLUSTER_WEB_ISSUER_URI", "http://localhost:9000")
                .containsEntry("CLUSTER_WEB_API_URL", "http://127.0.0.1:9080")
                .containsKey("LOGGING_FILE_NAME")
                .doesNotContainKeys("SPRING_MONGODB_URI", "SPRING_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(web.jar()).contains(Path.of("/repo/web/target/web.jar"));
        assertThat(t.get("gateway").env())
                .containsEntry("CLUSTER_SERVICES_WEB_URL", "http://127.0.0.1:8085");
        assertThat(ProcessTable.consoleUrl(8080)).isEqualTo("http://127.0.0.1:8080/");
    }

    @Test
    void servicesGetTheirPortTheirDatabaseTheBrokerAndALogFile() {
        Map<String, ManagedProcess> t = table(Map.of(), "--home", "/repo");

        ManagedProcess membership = t.get("membership-service");
        assertThat(membership.tier()).isEqualTo(ManagedProcess.Tier.APPLICATION);
        assertThat(membership.port()).isEqualTo(8081);
        assertThat(membership.healthUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8081/actuator/health"));
        assertThat(membership.env())
                .containsEntry("SERVER_PORT", "8081")
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/membership")
                .containsEntry(
                        "LOGGING_FILE_NAME",
                        Path.of("/repo/run/logs/membership-service.log").toString());
        assertThat(membership.jar())
                .contains(Path.of("/repo/membership-service/target/membership-service.jar"));
        assertThat(membership.command())
                .startsWith("/jdk/bin/java")
                .contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");

        assertThat(t.get("project-service").env())
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/project");
        assertThat(t.get("funding-watch-service").env())
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/funding_watch")
                .containsEntry(
                        "CLUSTER_FEEDS_SECRET_KEY_FILE",
                        Path.of("/repo/run/data/funding-watch-service/signed-feeds.key")
                                .toString());
        assertThat(t.get("finance-service").env())
                .containsEntry("SERVER_PORT", "8084")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/finance");
        assertThat(t.get("notification-service").env())
                .containsEntry("SERVER_PORT", "8086")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/notification")
                .containsEntry("SPRING_MAIL_HOST", "127.0.0.1")
                .containsEntry("SPRING_MAIL_PORT", "2525")
                .containsEntry("CLUSTER_NOTIFICATIONS_CONSOLE_URL", "http://127.0.0.1:8080/");
        assertThat(
                        table(Map.of(), "--home", "/repo", "--port", "gateway=9080")
                                .get("notification-service")
                                .env())
                .as("its links follow the gateway")
                .containsEntry("CLUSTER_NOTIFICATIONS_CONSOLE_URL", "http://127.0.0.1:9080/");
    }

    @Test
    void onlyTheGatewayListensBeyondTheLoopbackInterface() {
        Map<String, ManagedProcess> t = table(Map.of(), "--home", "/repo");

        for (String behind :
                List.of(
                        "auth-server",
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service",
                        "activity-service",
                        "notification-service",
                        "web")) {
            assertThat(t.get(behind).env()).as(behind).containsEntry("SERVER_ADDRESS", "127.0.0.1");
        }
        assertThat(t.get("gateway").env()).doesNotContainKey("SERVER_ADDRESS");
        assertThat(t.get("mongo").command()).containsSequence("--host", "127.0.0.1");
        assertThat(t.get("mongo").command())
                .as("acknowledged writes are flushed to the disk by default")
                .containsSequence("--durability", "fsync");
        assertThat(
                        table(Map.of("PLATFORM_STORE_DURABILITY", "commit"), "--home", "/repo")
                                .get("mongo")
                                .command())
                .containsSequence("--durability", "commit");
        assertThat(t.get("kafka").command()).containsSequence("--host", "127.0.0.1");

        Map<String, ManagedProcess> open = table(Map.of(), "--home", "/repo", "--listen-all");
        assertThat(open.get("membership-service").env()).doesNotContainKey("SERVER_ADDRESS");
        assertThat(open.get("auth-server").env()).doesNotContainKey("SERVER_ADDRESS");
    }

    @Test
    void theGatewayGetsTheServiceUrlsAndNeitherBrokerNorStore() {
        ManagedProcess gateway = table(Map.of(), "--home", "/repo").get("gateway");

        assertThat(gateway.port()).isEqualTo(8080);
        assertThat(gateway.command())
                .as("the gateway keeps C2")
                .contains("-XX:+UseSerialGC", "-Xmx256m")
                .doesNotContain("-XX:TieredStopAtLevel=1");
        assertThat(gateway.env())
                .containsOnlyKeys(
                        "SERVER_PORT",
                        "LOGGING_FILE_NAME",
                        "CLUSTER_IDENTITY_ISSUER",
                        "CLUSTER_SERVICES_MEMBERSHIP_URL",
                        "CLUSTER_SERVICES_PROJECT_URL",
                        "CLUSTER_SERVICES_FUNDING_WATCH_URL",
                        "CLUSTER_SERVICES_FINANCE_URL",
                        "CLUSTER_SERVICES_ACTIVITY_URL",
                        "CLUSTER_SERVICES_NOTIFICATION_URL",
                        "CLUSTER_SERVICES_IDENTITY_URL",
                        "CLUSTER_SERVICES_WEB_URL");
        assertThat(gateway.env())
                .containsEntry("CLUSTER_SERVICES_IDENTITY_URL", "http://127.0.0.1:9000")
                .containsEntry("CLUSTER_SERVICES_MEMBERSHIP_URL", "http://127.0.0.1:8081")
                .containsEntry("CLUSTER_SERVICES_PROJECT_URL", "http://127.0.0.1:8082")
                .containsEntry("CLUSTER_SERVICES_ACTIVITY_URL", "http://127.0.0.1:8087")
                .containsEntry("CLUSTER_SERVICES_FUNDING_WATCH_URL", "http://127.0.0.1:8083")
                .containsEntry("CLUSTER_SERVICES_FINANCE_URL", "http://127.0.0.1:8084")
                .containsEntry("CLUSTER_SERVICES_NOTIFICATION_URL", "http://127.0.0.1:8086");
    }

    @Test
    void theAuthorizationServerStartsWithTheInfrastructureAndEveryoneTrustsIt() {
        Map<String, ManagedProcess> t =
                table(Map.of(), "--home", "/repo", "--port", "auth-server=9100");

        ManagedProcess auth = t.get("auth-server");
        assertThat(auth.tier()).isEqualTo(ManagedProcess.Tier.INFRASTRUCTURE);
        assertThat(auth.healthUrl()).isEqualTo(URI.create("http://127.0.0.1:9100/actuator/health"));
        assertThat(auth.env())
                .containsEntry("CLUSTER_IDENTITY_ISSUER", "http://localhost:9100")
                .containsEntry("CLUSTER_IDENTITY_DEMO_ENABLED", "true")
                .containsEntry(
                        "CLUSTER_IDENTITY_SIGNING_KEY_FILE",
                        Path.of("/repo/run/data/auth-server/signing-key.json").toString())
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:27017/identity");
        assertThat(auth.jar()).contains(Path.of("/repo/auth-server/target/auth-server.jar"));
        for (String app :
                List.of(
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service",
                        "gateway")) {
            assertThat(t.get(app).env())
                    .as(app)
                    .containsEntry("CLUSTER_IDENTITY_ISSUER", "http://localhost:9100");
        }
        assertThat(t.get("funding-watch-service").env().get("SPRING_APPLICATION_JSON"))
                .contains("\"region-sud\":{\"secret\":");
    }

    @Test
    void theBrokerAndTheStoreRunFromTheInfraClasspathWatchingTheLauncher() {
        Map<String, ManagedProcess> t = table(Map.of(), "--home", "/repo");

        ManagedProcess kafka = t.get("kafka");
        assertThat(kafka.tier()).isEqualTo(ManagedProcess.Tier.INFRASTRUCTURE);
        assertThat(kafka.healthUrl()).isEqualTo(URI.create("tcp://127.0.0.1:9092"));
        assertThat(String.join(" ", kafka.command()))
                .contains(
                        "-cp /repo/infra/target/infra.jar:/repo/infra/target/lib/*"
                                + " coop.cluster.infra.kafka.KafkaBrokerMain",
                        "--port 9092",
                        "--controller-port 9093",
                        "--data-dir " + Path.of("/repo/run/data/kafka"),
                        "--parent-pid 4242",
                        "--partitions 3");
        assertThat(kafka.jar()).isEmpty();

        ManagedProcess mongo = t.get("mongo");
        assertThat(String.join(" ", mongo.command()))
                .contains(
                        "coop.cluster.infra.store.MongoStoreMain",
                        "--port 27017",
                        "--file " + Path.of("/repo/run/data/mongo/store.mv"),
                        "--parent-pid 4242");
    }

    @Test
    void theMailCatcherStartsWithTheInfrastructureAndTheApplicationsThatSendMailGetItsAddress() {
        Map<String, ManagedProcess> t = table(Map.of(), "--home", "/repo");

        ManagedProcess mail = t.get("mail");
        assertThat(mail.tier()).isEqualTo(ManagedProcess.Tier.INFRASTRUCTURE);
        assertThat(mail.port()).isEqualTo(2525);
        assertThat(mail.healthUrl())
                .as("UP once its API is, which starts after SMTP")
                .isEqualTo(URI.create("http://127.0.0.1:8025/health"));
        assertThat(mail.env()).isEmpty();
        assertThat(mail.jar()).isEmpty();
        assertThat(String.join(" ", mail.command()))
                .contains(
                        "-cp /repo/infra/target/infra.jar:/repo/infra/target/lib/*"
                                + " coop.cluster.infra.mail.MailServerMain",
                        "--host 127.0.0.1",
                        "--port 2525",
                        "--api-port 8025",
                        "--parent-pid 4242");

        for (String app :
                List.of(
                        "auth-server",
                        "membership-service",
                        "project-service",
                        "funding-watch-service",
                        "finance-service")) {
            assertThat(t.get(app).env())
                    .as(app)
                    .containsEntry("SPRING_MAIL_HOST", "127.0.0.1")
                    .containsEntry("SPRING_MAIL_PORT", "2525");
        }
        assertThat(t.get("gateway").env())
                .as("the gateway sends no mail")
                .doesNotContainKeys("SPRING_MAIL_HOST", "SPRING_MAIL_PORT");
    }

    @Test
    void theMailPortsFollowTheOffsetAndTheirOwnOverrides() {
        Map<String, ManagedProcess> shifted =
                table(Map.of(), "--home", "/repo", "--port-offset", "30000");
        assertThat(shifted.get("mail").port()).isEqualTo(32525);
        assertThat(shifted.get("mail").healthUrl())
                .isEqualTo(URI.create("http://127.0.0.1:38025/health"));
        assertThat(shifted.get("membership-service").env())
                .containsEntry("SPRING_MAIL_PORT", "32525");

        Map<String, ManagedProcess> t =
                table(
                        Map.of("PLATFORM_PORT_MAIL_API", "18025"),
                        "--home",
                        "/repo",
                        "--port",
                        "mail=12525");
        assertThat(String.join(" ", t.get("mail").command()))
                .contains("--port 12525", "--api-port 18025");
        assertThat(t.get("auth-server").env()).containsEntry("SPRING_MAIL_PORT", "12525");
        assertThat(t.get("finance-service").env()).containsEntry("SPRING_MAIL_PORT", "12525");
    }

    @Test
    void portOverridesReachEveryoneWhoReferencesThePort() {
        Map<String, ManagedProcess> t =
                table(
                        Map.of("PLATFORM_PORT_OFFSET", "1000"),
                        "--home",
                        "/repo",
                        "--port",
                        "project-service=19999",
                        "--mongo-port",
                        "37017");

        assertThat(t.get("kafka").port()).isEqualTo(10092);
        assertThat(String.join(" ", t.get("kafka").command())).contains("--controller-port 10093");
        assertThat(t.get("membership-service").env())
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:10092")
                .containsEntry("SPRING_MONGODB_URI", "mongodb://127.0.0.1:37017/membership");
        assertThat(t.get("gateway").port()).isEqualTo(9080);
        assertThat(t.get("gateway").env())
                .containsEntry("CLUSTER_SERVICES_PROJECT_URL", "http://127.0.0.1:19999");
    }

    @Test
    void cdsArchivesGoToTheRunDirectoryUnlessDisabled() {
        String withCds =
                String.join(" ", table(Map.of(), "--home", "/repo").get("gateway").command());
        String withoutCds =
                String.join(
                        " ",
                        table(Map.of(), "--home", "/repo", "--no-cds").get("gateway").command());

        assertThat(withCds)
                .containsPattern("-XX:SharedArchiveFile=/repo/run/cds/gateway-[0-9a-f]{16}\\.jsa")
                .contains("-XX:+AutoCreateSharedArchive");
        assertThat(withoutCds).doesNotContain("SharedArchiveFile");
    }

    @Test
    void extraJvmOptionsComeLastSoTheyWin() {
        List<String> command =
                table(Map.of(), "--home", "/repo", "--jvm-opts", "-Xmx512m")
                        .get("finance-service")
                        .command();

        assertThat(command.indexOf("-Xmx512m"))
                .isGreaterThan(command.indexOf("-Xmx256m"))
                .isLessThan(command.indexOf("-jar"));
    }

    @Test
    void portNamesIncludeTheSecondPortsOfTheBrokerAndTheMailCatcher() {
        assertThat(ProcessTable.portNames(List.copyOf(table(Map.of(), "--home", "/repo").values())))
                .contains("kafka", "kafka-controller", "mongo", "mail", "mail-api", "gateway");
    }

    @Test
    void twoInstancesGiveEachBusinessServiceASecondInstanceThatTheGatewayBalancesTo() {
        Map<String, ManagedProcess> t =
                table(Map.of(), "--home", "/repo", "--instances", "2", "--port-offset", "1000");

        assertThat(t.keySet())
                .contains(
                        "membership-service-2",
                        "project-service-2",
                        "funding-watch-service-2",
                        "finance-service-2",
                        "notification-service-2")
                .doesNotContain("web-2", "gateway-2", "auth-server-2");
        ManagedProcess first = t.get("membership-service");
        ManagedProcess second = t.get("membership-service-2");
        assertThat(first.tier()).isEqualTo(ManagedProcess.Tier.APPLICATION);
        assertThat(second.tier()).isEqualTo(ManagedProcess.Tier.REPLICA);
        assertThat(second.port()).isEqualTo(9181);
        assertThat(second.healthUrl())
                .isEqualTo(URI.create("http://127.0.0.1:9181/actuator/health"));
        // the same database and broker (so the same consumer groups and relay lease), its own port
        // and log
        assertThat(second.env())
                .containsEntry("SERVER_PORT", "9181")
                .containsEntry("SPRING_MONGODB_URI", first.env().get("SPRING_MONGODB_URI"))
                .containsEntry(
                        "SPRING_KAFKA_BOOTSTRAP_SERVERS",
                        first.env().get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
                .containsEntry(
                        "LOGGING_FILE_NAME",
                        Path.of("/repo/run/logs/membership-service-2.log").toString());
        assertThat(second.jar()).isEqualTo(first.jar());
        assertThat(second.command())
                .contains("-Dplatform.process=membership-service-2")
                .doesNotContain("-XX:+AutoCreateSharedArchive");
        assertThat(t.get("funding-watch-service-2").env())
                .containsEntry(
                        "CLUSTER_FEEDS_SECRET_KEY_FILE",
                        t.get("funding-watch-service").env().get("CLUSTER_FEEDS_SECRET_KEY_FILE"));

        Map<String, String> gateway = t.get("gateway").env();
        assertThat(gateway)
                .containsEntry("CLUSTER_SERVICES_MEMBERSHIP_URL", "lb://membership-service")
                .containsEntry("CLUSTER_SERVICES_NOTIFICATION_URL", "lb://notification-service")
                .containsEntry("CLUSTER_SERVICES_WEB_URL", "http://127.0.0.1:9085")
                .containsEntry("CLUSTER_SERVICES_IDENTITY_URL", "http://127.0.0.1:10000");
        assertThat(gateway.get("SPRING_APPLICATION_JSON"))
                .startsWith(
                        "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{")
                .contains(
                        "\"membership-service\":[{\"uri\":\"http://127.0.0.1:9081\"},{\"uri\":\"http://127.0.0.1:9181\"}]")
                .contains(
                        "\"finance-service\":[{\"uri\":\"http://127.0.0.1:9084\"},{\"uri\":\"http://127.0.0.1:9184\"}]");
        assertThat(ProcessTable.portNames(List.copyOf(t.values()))).contains("project-service-2");
    }

    @Test
    void oneInstanceByDefaultAndTheGatewayCallsTheServicesDirectly() {
        Map<String, ManagedProcess> t = table(Map.of(), "--home", "/repo");

        assertThat(t.values()).noneMatch(p -> p.tier() == ManagedProcess.Tier.REPLICA);
        assertThat(t.get("gateway").env())
                .containsEntry("CLUSTER_SERVICES_MEMBERSHIP_URL", "http://127.0.0.1:8081")
                .doesNotContainKey("SPRING_APPLICATION_JSON");
        assertThat(table(Map.of("PLATFORM_INSTANCES", "3"), "--home", "/repo"))
                .containsKeys("finance-service-3")
                .doesNotContainKey("finance-service-4");
    }
}
