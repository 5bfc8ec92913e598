package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The single-document atomicity the services build on, on the store as {@code ./platform run}
 * starts it (H2 file, group commit), under many concurrent clients: a conditional {@code
 * findAndModify} (a worker's claim of a lease) hands each document to exactly one client, and a
 * compare-and-set update on a version loses no increment.
 */
class ConcurrentConditionalWritesIT {

    private static final int CLIENTS = 16;

    @TempDir Path directory;

    @Test
    void aConditionalFindAndModifyHandsEachDocumentToOneClientOnly() throws Exception {
        int documents = 800;
        try (StoreServer server =
                        StoreServer.open(
                                StoreOptions.parse(
                                        new String[] {
                                            "--file",
                                            directory.resolve("store.mv").toString(),
                                            "--port",
                                            "0"
                                        }));
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
            MongoCollection<Document> leases = client.getDatabase("claims").getCollection("leases");
            leases.createIndex(Indexes.ascending("state", "leaseUntil"));
            List<Document> pending = new ArrayList<>();
            for (int i = 0; i < documents; i++) {
                pending.add(
                        new Document("_id", "d" + i)
                                .append("state", "PENDING")
                                .append("claims", 0)
                                .append("leaseUntil", new Date(0)));
            }
            leases.insertMany(pending);

            Map<String, List<String>> claimedBy = new ConcurrentHashMap<>();
            List<Integer> perClient =
                    race(
                            owner -> {
                                int claimed = 0;
                                Document next;
                                while ((next =
                                                leases.findOneAndUpdate(
                                                        Filters.and(
                                                                Filters.eq("state", "PENDING"),
                                                                Filters.lte(
                                                                        "leaseUntil", new Date())),
                                                        Updates.combine(
                                                                Updates.set("owner", owner),
                                                                Updates.set(
                                                                        "leaseUntil",
                                                                        new Date(
                                                                                System
                                                                                                .currentTimeMillis()
                                                                                        + 120_000)),
                                                                Updates.inc("claims", 1)),
                                                        new FindOneAndUpdateOptions()
                                                                .returnDocument(
                                                                        ReturnDocument.AFTER)))
                                        != null) {
                                    claimedBy
                                            .computeIfAbsent(
                                                    next.getString("_id"),
                                                    id -> new CopyOnWriteArrayList<>())
                                            .add(owner);
                                    long marked =
                                            leases.updateOne(
                                                            Filters.and(
                                                                    Filters.eq(
                                                                            "_id",
                                                                            next.getString("_id")),
                                                                    Filters.eq("state", "PENDING"),
                                                                    Filters.eq("owner", owner)),
                                                            Updates.set("state", "SENT"))
                                                    .getModifiedCount();
                                    assertThat(marked)
                                            .as("%s marks %s", owner, next.getString("_id"))
                                            .isEqualTo(1);
                                    claimed++;
                                }
                                return claimed;
                            });

            Map<String, List<String>> twice = new TreeMap<>();
            claimedBy.forEach(
                    (id, owners) -> {
                        if (owners.size() > 1) {
                            twice.put(id, owners);
                        }
                    });
            assertThat(twice).as("documents handed to more than one client").isEmpty();
            assertThat(perClient.stream().mapToInt(Integer::intValue).sum()).isEqualTo(documents);
            assertThat(leases.countDocuments(Filters.eq("claims", 1))).isEqualTo(documents);
            assertThat(perClient)
                    .as("claims spread over the clients")
                    .filteredOn(n -> n > 0)
                    .hasSizeGreaterThan(1);
        }
    }

    @Test
    void compareAndSetOnAVersionLosesNoIncrement() throws Exception {
        int incrementsPerClient = 60;
        try (StoreServer server =
                        StoreServer.open(
                                StoreOptions.parse(
                                        new String[] {
                                            "--file",
                                            directory.resolve("store.mv").toString(),
                                            "--port",
                                            "0"
                                        }));
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
            MongoCollection<Document> counters =
                    client.getDatabase("cas").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("version", 0L).append("value", 0L));
            AtomicInteger conflicts = new AtomicInteger();
            race(
                    owner -> {
                        for (int done = 0; done < incrementsPerClient; ) {
                            Document current = counters.find(Filters.eq("_id", "c")).first();
                            long version = current.getLong("version");
                            long changed =
                                    counters.updateOne(
                                                    Filters.and(
                                                            Filters.eq("_id", "c"),
                                                            Filters.eq("version", version)),
                                                    Updates.combine(
                                                            Updates.set("version", version + 1),
                                                            Updates.set(
                                                                    "value",
                                                                    current.getLong("value") + 1)))
                                            .getModifiedCount();
                            if (changed == 1) {
                                done++;
                            } else {
                                conflicts.incrementAndGet();
                            }
                        }
                        return incrementsPerClient;
                    });
            Document last = counters.find(Filters.eq("_id", "c")).first();
            assertThat(last.getLong("value"))
                    .as("increments (%d conflicts retried)", conflicts.get())
                    .isEqualTo((long) CLIENTS * incrementsPerClient);
            assertThat(last.getLong("version")).isEqualTo((long) CLIENTS * incrementsPerClient);
        }
    }

    /**
     * Readers never see a document half updated: every update sets all 40 fields of the document to
     * the same new value, and every read, by query or find-and-modify, finds them all equal. (The
     * store answers with copies taken under the collection's lock; answering with the stored
     * objects, which an update changes field by field, let a reader see some fields new and some
     * old, and a compare-and-set on such a read lost an increment.)
     */
    @Test
    void aReaderNeverSeesADocumentHalfUpdated() throws Exception {
        int fields = 40;
        try (StoreServer server =
                        StoreServer.open(
                                StoreOptions.parse(
                                        new String[] {
                                            "--file",
                                            directory.resolve("store.mv").toString(),
                                            "--port",
                                            "0"
                                        }));
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
            MongoCollection<Document> wide = client.getDatabase("torn").getCollection("wide");
            Document first = new Document("_id", "w");
            for (int f = 0; f < fields; f++) {
                first.append("f" + f, 0L);
            }
            wide.insertOne(first);
            List<String> torn = new CopyOnWriteArrayList<>();
            race(
                    owner -> {
                        boolean writer = owner.endsWith("0") || owner.endsWith("5");
                        for (int i = 0; i < 300; i++) {
                            if (writer) {
                                List<org.bson.conversions.Bson> sets = new ArrayList<>();
                                long next = System.nanoTime();
                                for (int f = 0; f < fields; f++) {
                                    sets.add(Updates.set("f" + f, next));
                                }
                                wide.updateOne(Filters.eq("_id", "w"), Updates.combine(sets));
                            } else {
                                Document read =
                                        i % 2 == 0
                                                ? wide.find(Filters.eq("_id", "w")).first()
                                                : wide.findOneAndUpdate(
                                                        Filters.eq("_id", "w"),
                                                        Updates.inc("reads", 1),
                                                        new FindOneAndUpdateOptions()
                                                                .returnDocument(
                                                                        ReturnDocument.AFTER));
                                long distinct =
                                        java.util.stream.IntStream.range(0, fields)
                                                .mapToObj(f -> read.getLong("f" + f))
                                                .distinct()
                                                .count();
                                if (distinct != 1) {
                                    torn.add(owner + " read " + distinct + " different values");
                                }
                            }
                        }
                        return 0;
                    });
            assertThat(torn).as("documents read half updated").isEmpty();
        }
    }

    private interface Client {
        int run(String owner) throws Exception;
    }

    private static List<Integer> race(Client work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String owner = "client-" + c;
                results.add(
                        pool.submit(
                                () -> {
                                    start.await();
                                    return work.run(owner);
                                }));
            }
            start.countDown();
            List<Integer> counts = new ArrayList<>();
            for (Future<Integer> result : results) {
                counts.add(result.get(3, TimeUnit.MINUTES));
            }
            return counts;
        } finally {
            pool.shutdownNow();
        }
    }
}
