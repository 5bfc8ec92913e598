package coop.cluster.infra.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * Compares findAndModify upserts by {@code {_id}} and by {@code {_id, appliedEventIds: {$ne: E}}}
 * (idempotent consumption) on the library's backends and on the store's, at 1,000 and 20,000
 * documents, over the wire as the services do, and prints ops/s. Not a test (no assertions on a
 * clock); run it by hand after {@code ./mvnw -o -pl infra test-compile}:
 *
 * <pre>
 * ./mvnw -o -q -pl infra dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=/tmp/cp.txt
 * java -cp infra/target/test-classes:infra/target/classes:$(cat /tmp/cp.txt) \
 *     coop.cluster.infra.store.StoreIdLookupBenchmark [seconds per measurement, default 3]
 * </pre>
 */
public final class StoreIdLookupBenchmark {

    private static final int[] SIZES = {1_000, 20_000};
    private static final List<String> BACKENDS =
            List.of("library memory", "store memory", "library H2", "store H2");

    private StoreIdLookupBenchmark() {}

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path dir = Files.createTempDirectory("store-id-lookup-benchmark");
        List<String> lines = new ArrayList<>();
        lines.add(
                String.format(
                        "%-16s %8s %14s %14s",
                        "backend", "docs", "{_id} ops/s", "{_id,$ne} ops/s"));
        int run = 0;
        for (int size : SIZES) {
            for (String name : BACKENDS) {
                if (run < BACKENDS.size()) {
                    // a first, unreported round so that the JIT has compiled both backends' paths
                    System.out.println(
                            "warm-up: "
                                    + measure(
                                            name,
                                            open(name, dir.resolve("warm-up-" + run + ".mv")),
                                            size,
                                            seconds / 2));
                }
                String line =
                        measure(
                                name,
                                open(name, dir.resolve("run-" + (run++) + ".mv")),
                                size,
                                seconds);
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.println();
        lines.forEach(System.out::println);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static MongoBackend open(String name, Path file) {
        return switch (name) {
            case "library memory" -> new MemoryBackend();
            case "store memory" -> new MemoryStoreBackend();
            case "library H2" -> new H2Backend(MVStore.open(file.toString()));
            default -> new H2StoreBackend(MVStore.open(file.toString()));
        };
    }

    private static String measure(String name, MongoBackend backend, int size, double seconds) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoCollection<Document> counters =
                    client.getDatabase("bench").getCollection("counters");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(
                        new Document("_id", "agg-" + i)
                                .append("count", 0)
                                .append("appliedEventIds", List.of()));
                if (batch.size() == 1_000) {
                    counters.insertMany(batch);
                    batch.clear();
                }
            }
            BiFunction<String, String, Document> byId = (id, event) -> new Document("_id", id);
            BiFunction<String, String, Document> byIdNotApplied =
                    (id, event) ->
                            new Document("_id", id)
                                    .append("appliedEventIds", new Document("$ne", event));
            double idOnly = opsPerSecond(counters, size, byId, "id-", seconds);
            double idAndNe = opsPerSecond(counters, size, byIdNotApplied, "ne-", seconds);
            return String.format("%-16s %8d %14.0f %14.0f", name, size, idOnly, idAndNe);
        } finally {
            server.shutdownNow();
        }
    }

    /** Warms up for a third of the time, then counts the operations done in {@code seconds}. */
    private static double opsPerSecond(
            MongoCollection<Document> counters,
            int size,
            BiFunction<String, String, Document> filter,
            String eventPrefix,
            double seconds) {
        FindOneAndUpdateOptions upsert = new FindOneAndUpdateOptions().upsert(true);
        SplittableRandom random = new SplittableRandom(42);
        long eventNumber = 0;
        long warmUpEnd = System.nanoTime() + (long) (seconds / 3 * 1e9);
        boolean measuring = false;
        long start = 0;
        long end = 0;
        long operations = 0;
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= warmUpEnd) {
                measuring = true;
                start = now;
                end = now + (long) (seconds * 1e9);
                operations = 0;
            } else if (measuring && now >= end) {
                return operations / ((now - start) / 1e9);
            }
            String id = "agg-" + random.nextInt(size);
            String event =
                    eventPrefix + (eventNumber++); // never applied before: every operation modifies
            counters.findOneAndUpdate(
                    filter.apply(id, event),
                    new Document("$inc", new Document("count", 1))
                            .append("$push", new Document("appliedEventIds", event)),
                    upsert);
            operations++;
        }
    }
}
