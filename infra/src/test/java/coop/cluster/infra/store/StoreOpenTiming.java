package coop.cluster.infra.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * Times the steps of opening a store file and serving its first queries, one by one: H2's {@code
 * MVStore} open, the backend's construction (which opens every database, collection and index in
 * the file), then over the wire a read by {@code _id} and the outbox relay's first look for pending
 * events in each collection (which builds {@link PendingOutboxIndex}). Then the close. For {@code
 * docs/store.md}; the file is written by {@link StoreFileGenerator}.
 *
 * <pre>
 * ./platform store open-timing --file /tmp/big/store.mv
 * </pre>
 *
 * Run it with the store's heap ({@code -Xmx384m}) and on a file whose pages are not in the OS cache
 * for the worst case ({@code echo 3 > /proc/sys/vm/drop_caches} as root).
 */
public final class StoreOpenTiming {

    public static void main(String[] args) throws Exception {
        if (args.length != 2 || !args[0].equals("--file")) {
            throw new IllegalArgumentException("usage: StoreOpenTiming --file PATH");
        }
        Path file = Path.of(args[1]).toAbsolutePath();
        System.out.printf(
                "file %s, %.2f GB, heap max %d MB%n",
                file, Files.size(file) / 1e9, Runtime.getRuntime().maxMemory() / (1024 * 1024));
        long t0 = System.nanoTime();
        MVStore mvStore = StoreFile.open(file);
        long t1 = System.nanoTime();
        System.out.printf(
                "MVStore open: %d ms (%d maps)%n", ms(t1 - t0), mvStore.getMapNames().size());
        H2StoreBackend backend = new H2StoreBackend(mvStore);
        long t2 = System.nanoTime();
        System.out.printf("H2StoreBackend (databases, collections, indexes): %d ms%n", ms(t2 - t1));
        backend.close();
        long t3 = System.nanoTime();
        System.out.printf("close: %d ms%n", ms(t3 - t2));

        StoreOptions options =
                StoreOptions.parse(new String[] {"--file", file.toString(), "--port", "0"});
        long t4 = System.nanoTime();
        try (StoreServer server = StoreServer.open(options);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
            long t5 = System.nanoTime();
            System.out.printf(
                    "store server open (again, file now in the OS cache): %d ms%n", ms(t5 - t4));
            for (String db : client.listDatabaseNames()) {
                for (String name : client.getDatabase(db).listCollectionNames()) {
                    MongoCollection<Document> c = client.getDatabase(db).getCollection(name);
                    long a = System.nanoTime();
                    Document any = c.find(new Document("_id", name + "-1")).first();
                    long b = System.nanoTime();
                    // the relay's query, as OutboxRelay sends it
                    long pending =
                            c.find(new Document("outbox.id", new Document("$exists", true)))
                                    .projection(new Document("_id", 1))
                                    .into(new java.util.ArrayList<>())
                                    .size();
                    long d = System.nanoTime();
                    System.out.printf(
                            "  %s.%s: find by _id %d ms (%s), first outbox look %d ms (%d"
                                    + " pending)%n",
                            db,
                            name,
                            ms(b - a),
                            any == null ? "none" : "found",
                            ms(d - b),
                            pending);
                }
            }
            long t6 = System.nanoTime();
            System.out.printf("first queries: %d ms%n", ms(t6 - t5));
        }
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
