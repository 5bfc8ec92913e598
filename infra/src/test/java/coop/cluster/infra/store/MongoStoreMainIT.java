package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import coop.cluster.infra.support.IdleMain;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreMainIT {

    private static final Duration START = Duration.ofSeconds(60);

    private static ChildJvm startStore(String... args) {
        ChildJvm store = ChildJvm.builder(MongoStoreMain.class).args(args).start();
        store.awaitOutput(MongoStoreMain.READY_MARKER, START);
        return store;
    }

    private static MongoCollection<Document> members(MongoClient client) {
        return client.getDatabase("membership").getCollection("members");
    }

    @Test
    void theFileBackendKeepsDocumentsAcrossAStopAndAStart(@TempDir Path dir) {
        int port = NetworkPorts.freePort();
        String file = dir.resolve("store.mv").toString();
        String uri = "mongodb://127.0.0.1:" + port;

        ChildJvm first = startStore("--port", Integer.toString(port), "--file", file);
        try (MongoClient client = MongoClients.create(uri)) {
            members(client)
                    .insertOne(new Document("_id", "m-1").append("name", "Ada").append("fee", 120));
            members(client)
                    .updateOne(
                            new Document("_id", "m-1"),
                            new Document("$inc", new Document("fee", 5)));
        }
        assertThat(first.stop()).isEqualTo(143);
        assertThat(first.outputText()).contains("store stopped, data flushed to " + file);
        assertThat(NetworkPorts.isListening("127.0.0.1", port)).isFalse();

        ChildJvm second = startStore("--port", Integer.toString(port), "--file", file);
        try (MongoClient client = MongoClients.create(uri)) {
            Document hello = client.getDatabase("admin").runCommand(new Document("hello", 1));
            assertThat(hello.get("isWritablePrimary"))
                    .as("Spring Boot's health indicator sends hello")
                    .isEqualTo(true);
            Document member = members(client).find(new Document("_id", "m-1")).first();
            assertThat(member).isNotNull();
            assertThat(member.getString("name")).isEqualTo("Ada");
            assertThat(member.getInteger("fee")).isEqualTo(125);
        } finally {
            second.stop();
        }
    }

    @Test
    void aStoreFileThatCannotOpenStopsTheStoreAndSaysHowToRepairIt(@TempDir Path dir)
            throws Exception {
        Path file = dir.resolve("store.mv");
        Files.write(file, new byte[16384]); // not a store file: both headers unreadable

        ChildJvm store =
                ChildJvm.builder(MongoStoreMain.class)
                        .args(
                                "--port",
                                Integer.toString(NetworkPorts.freePort()),
                                "--file",
                                file.toString())
                        .start();

        assertThat(store.waitForExit(START)).isTrue();
        assertThat(store.exitCode()).isEqualTo(1);
        assertThat(store.outputText())
                .contains(
                        MongoStoreMain.FAILED_MARKER,
                        "cannot be opened",
                        "Nothing was changed",
                        "./platform store repair --file " + file);
        assertThat(Files.readAllBytes(file))
                .as("the file is left as it was")
                .isEqualTo(new byte[16384]);
    }

    @Test
    void theReadyLineSaysHowLongTheFileTookToOpen(@TempDir Path dir) {
        ChildJvm store =
                startStore(
                        "--port",
                        Integer.toString(NetworkPorts.freePort()),
                        "--file",
                        dir.resolve("store.mv").toString());
        try {
            // the READY marker may be read before the rest of its line is written: wait for the
            // whole line
            java.util.regex.Pattern line =
                    java.util.regex.Pattern.compile(
                            "durability fsync\\) in \\d+ ms since JVM start, the file opened in"
                                    + " \\d+ ms");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> line.matcher(store.outputText()).find());
            assertThat(store.outputText()).containsPattern(line);
        } finally {
            store.stop();
        }
    }

    @Test
    void exitsCleanlyWhenItsParentIsGone() {
        ChildJvm parent = ChildJvm.builder(IdleMain.class).start();
        parent.awaitOutput("idle", START);
        ChildJvm store =
                startStore(
                        "--memory",
                        "--port",
                        Integer.toString(NetworkPorts.freePort()),
                        "--parent-pid",
                        Long.toString(parent.pid()));

        parent.kill();

        await().atMost(Duration.ofSeconds(30)).until(() -> !store.isAlive());
        assertThat(store.exitCode()).isZero();
        assertThat(store.outputText())
                .contains("parent process " + parent.pid() + " is gone", "store stopped");
    }

    @Test
    void failsLoudlyOnABusyPort() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ChildJvm store =
                    ChildJvm.builder(MongoStoreMain.class)
                            .args("--memory", "--port", Integer.toString(busy.getLocalPort()))
                            .start();

            assertThat(store.waitForExit(START)).isTrue();
            assertThat(store.exitCode()).isEqualTo(1);
            assertThat(store.outputText()).contains("MONGO STORE FAILED");
        }
    }
}
