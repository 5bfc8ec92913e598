package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link H2StoreBackend} opens its collections' MVStore maps itself, under the names the library's
 * {@code H2Database} gives them: files written by either backend open with their data in the other.
 */
class H2StoreBackendTest {

    @TempDir Path dir;

    @Test
    void opensAFileWrittenByTheLibrarysBackendWithItsData() {
        Path file = dir.resolve("library-written.mv");
        withServer(
                new H2Backend(MVStore.open(file.toString())),
                orders -> {
                    orders.insertMany(
                            List.of(
                                    new Document("_id", "o-1").append("version", 1),
                                    new Document("_id", "o-2").append("version", 5)));
                    orders.createIndex(new Document("version", 1));
                });

        H2StoreBackend store = new H2StoreBackend(MVStore.open(file.toString()));
        // the databases in the file are opened by the H2Backend constructor, before ours ran
        assertThat(store.resolveDatabase("shop").resolveCollection("orders", true))
                .isInstanceOf(H2StoreCollection.class);
        withServer(
                store,
                orders -> {
                    assertThat(orders.countDocuments()).isEqualTo(2);
                    assertThat(orders.find(new Document("_id", "o-2").append("version", 5)).first())
                            .isNotNull();
                    assertThat(
                                    orders.updateOne(
                                                    new Document("_id", "o-1").append("version", 1),
                                                    new Document(
                                                            "$inc", new Document("version", 1)))
                                            .getModifiedCount())
                            .isEqualTo(1);
                    assertThat(orders.find(new Document("version", 2)).first())
                            .containsEntry("_id", "o-1");
                    assertThat(
                                    orders.listIndexes()
                                            .map(index -> index.getString("name"))
                                            .into(new ArrayList<>()))
                            .containsExactlyInAnyOrder("_id_", "version_1");
                });
    }

    @Test
    void writesAFileTheLibrarysBackendReads() {
        Path file = dir.resolve("store-written.mv");
        withServer(
                new H2StoreBackend(MVStore.open(file.toString())),
                orders -> orders.insertOne(new Document("_id", "o-1").append("version", 1)));

        withServer(
                new H2Backend(MVStore.open(file.toString())),
                orders -> {
                    assertThat(orders.countDocuments()).isEqualTo(1);
                    assertThat(orders.find(new Document("_id", "o-1")).first())
                            .containsEntry("version", 1);
                });
    }

    private static void withServer(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            work.accept(client.getDatabase("shop").getCollection("orders"));
        } finally {
            server.shutdownNow(); // closes the backend, which writes and closes the file
        }
    }
}
