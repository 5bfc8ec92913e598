package coop.cluster.infra.store;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Writes a large, fragmented store file the way the platform fills its store, to measure opening,
 * closing and housekeeping on it ({@code docs/store.md}): several databases and collections like
 * the services' (documents of 0.5–2 KB, unique and non-unique indexes, pending events in an {@code
 * outbox} array inside some documents), first inserted, then updated over and over with more
 * inserted now and then (the updates make the file fragmented, as months of use do), until the file
 * reaches the target size.
 *
 * <pre>
 * ./platform store generate --file /tmp/big/store.mv [--gb 2]
 * # or, on the test classpath: java -Xmx1g coop.cluster.infra.store.StoreFileGenerator --file F [--gb 2]
 * </pre>
 *
 * It starts the store in this JVM on the file (through the same {@link StoreServer} as {@link
 * MongoStoreMain}, with {@code --durability commit}: generating is not what is measured) and talks
 * to it with the MongoDB driver.
 */
public final class StoreFileGenerator {

    /** database, collection, documents per 100,000, document size range. */
    private record Kind(
            String database,
            String collection,
            int share,
            int minBytes,
            int maxBytes,
            boolean outbox) {}

    private static final List<Kind> KINDS =
            List.of(
                    new Kind("membership", "members", 20, 800, 2000, true),
                    new Kind("membership", "groups", 2, 500, 1500, true),
                    new Kind("membership", "proposals", 3, 600, 2000, true),
                    new Kind("project", "projects", 10, 800, 2000, true),
                    new Kind("project", "invitations", 15, 500, 900, true),
                    new Kind("finance", "journal", 35, 500, 800, false),
                    new Kind("finance", "budgets", 3, 600, 1500, true),
                    new Kind("funding-watch", "calls", 7, 1000, 2000, true),
                    new Kind("funding-watch", "watches", 5, 500, 900, false));

    private static final String WORDS =
            "cooperative member budget project call funding partner region council invoice ledger"
                + " energy water housing training research network green digital social care food";

    private final Random random = new Random(42);

    public static void main(String[] args) throws Exception {
        Path file = null;
        double gb = 2;
        int soakMinutes = 0;
        int clients = 16;
        String durability = "commit";
        String usage =
                "usage: StoreFileGenerator --file PATH [--gb 2] [--soak-minutes 0 [--clients 16]"
                        + " [--durability commit]]";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--file" -> file = Path.of(args[++i]).toAbsolutePath();
                case "--gb" -> gb = Double.parseDouble(args[++i]);
                case "--soak-minutes" -> soakMinutes = Integer.parseInt(args[++i]);
                case "--clients" -> clients = Integer.parseInt(args[++i]);
                case "--durability" -> durability = args[++i];
                default -> throw new IllegalArgumentException(usage);
            }
        }
        if (file == null) {
            throw new IllegalArgumentException(usage);
        }
        new StoreFileGenerator()
                .generate(file, (long) (gb * 1024 * 1024 * 1024), soakMinutes, clients, durability);
    }

    /**
     * Fills the file up to {@code targetBytes}; then, with {@code soakMinutes}, {@code clients}
     * threads update single documents (and insert one now and then) for that long, each request its
     * own commit as the services' are, printing the file's size every 15 s: whether the
     * housekeeping keeps the file from growing.
     */
    void generate(Path file, long targetBytes, int soakMinutes, int clients, String durability)
            throws Exception {
        Files.createDirectories(file.getParent());
        long started = System.nanoTime();
        StoreOptions options =
                StoreOptions.parse(
                        new String[] {
                            "--file", file.toString(), "--port", "0", "--durability", durability
                        });
        try (StoreServer server = StoreServer.open(options);
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.port())) {
            createIndexes(client);
            long inserted = 0;
            // inserts: about 40% of the target as live data; then updates until the file is as
            // large as wanted
            while (Files.size(file) < targetBytes * 4 / 10) {
                for (Kind kind : KINDS) {
                    MongoCollection<Document> c = collection(client, kind);
                    List<Document> batch = new ArrayList<>();
                    for (int i = 0; i < kind.share() * 5; i++) {
                        batch.add(document(kind, inserted + i));
                    }
                    c.insertMany(batch);
                }
                inserted += 500;
                if (inserted % 50_000 == 0) {
                    report("inserted " + inserted * KINDS.size() / 9, file, started);
                }
            }
            long rounds = 0;
            while (Files.size(file) < targetBytes) {
                // the housekeeping reuses the space that updates free: new documents make the file
                // grow
                if (rounds % 4 == 3) {
                    for (Kind kind : KINDS) {
                        List<Document> batch = new ArrayList<>();
                        for (int i = 0; i < kind.share() * 5; i++) {
                            batch.add(document(kind, inserted + i));
                        }
                        collection(client, kind).insertMany(batch);
                    }
                    inserted += 500;
                }
                for (Kind kind : KINDS) {
                    MongoCollection<Document> c = collection(client, kind);
                    List<WriteModel<Document>> updates = new ArrayList<>();
                    for (int i = 0; i < kind.share() * 10; i++) {
                        long n = (long) (random.nextDouble() * inserted);
                        updates.add(
                                new UpdateOneModel<>(
                                        new Document("_id", id(kind, n)), update(kind)));
                    }
                    c.bulkWrite(updates);
                }
                if (++rounds % 100 == 0) {
                    report("update rounds " + rounds, file, started);
                }
            }
            if (soakMinutes > 0) {
                soak(client, server, inserted, soakMinutes, clients, file);
            }
            report("done, closing", file, started);
        }
        report("closed", file, started);
    }

    private void soak(
            MongoClient client,
            StoreServer server,
            long inserted,
            int minutes,
            int clients,
            Path file)
            throws Exception {
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        java.util.concurrent.atomic.AtomicLong ops = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicLong nextId =
                new java.util.concurrent.atomic.AtomicLong(inserted + 1_000_000);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(
                    Thread.ofPlatform()
                            .start(
                                    () -> {
                                        java.util.concurrent.ThreadLocalRandom r =
                                                java.util.concurrent.ThreadLocalRandom.current();
                                        while (System.nanoTime() < end) {
                                            Kind kind = KINDS.get(r.nextInt(KINDS.size()));
                                            MongoCollection<Document> c = collection(client, kind);
                                            if (r.nextInt(10) == 0) {
                                                Document d;
                                                synchronized (this) {
                                                    d = document(kind, nextId.incrementAndGet());
                                                }
                                                c.insertOne(d);
                                            } else {
                                                Document u;
                                                synchronized (this) {
                                                    u = update(kind);
                                                }
                                                c.updateOne(
                                                        new Document(
                                                                "_id",
                                                                id(
                                                                        kind,
                                                                        (long)
                                                                                (r.nextDouble()
                                                                                        * inserted))),
                                                        u);
                                            }
                                            ops.incrementAndGet();
                                        }
                                    }));
        }
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(15_000);
            System.out.printf(
                    "soak %3d s: %d writes, %d/s; %s%n",
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started),
                    ops.get(),
                    ops.get() * 1_000_000_000L / (System.nanoTime() - started),
                    server.fileStats());
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void report(String what, Path file, long started) throws Exception {
        System.out.printf(
                "%s: file %.2f GB after %d s%n",
                what,
                Files.size(file) / 1e9,
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    }

    private static MongoCollection<Document> collection(MongoClient client, Kind kind) {
        return client.getDatabase(kind.database()).getCollection(kind.collection());
    }

    private static void createIndexes(MongoClient client) {
        for (Kind kind : KINDS) {
            MongoCollection<Document> c = collection(client, kind);
            c.createIndex(new Document("status", 1));
            c.createIndex(new Document("updatedAt", 1));
            if (kind.outbox()) {
                c.createIndex(new Document("outbox.id", 1));
            }
            switch (kind.collection()) {
                case "members" ->
                        c.createIndex(
                                new Document("registrationKey", 1),
                                new IndexOptions().unique(true).sparse(true));
                case "groups" ->
                        c.createIndex(new Document("nameKey", 1), new IndexOptions().unique(true));
                case "invitations" ->
                        c.createIndex(
                                new Document("pendingKey", 1),
                                new IndexOptions().unique(true).sparse(true));
                case "journal" ->
                        c.createIndex(new Document("entryKey", 1), new IndexOptions().unique(true));
                default -> {}
            }
        }
    }

    private static String id(Kind kind, long n) {
        return kind.collection() + "-" + n;
    }

    private Document document(Kind kind, long n) {
        Document d =
                new Document("_id", id(kind, n))
                        .append("status", pick("applied", "active", "closed", "pending"))
                        .append("version", 0L)
                        .append("updatedAt", Instant.now().toString());
        switch (kind.collection()) {
            case "members" ->
                    d.append("registrationKey", random.nextInt(3) == 0 ? null : "reg-" + n);
            case "groups" -> d.append("nameKey", "group-" + n);
            case "invitations" ->
                    d.append("pendingKey", random.nextBoolean() ? "pending-" + n : null);
            case "journal" -> d.append("entryKey", "entry-" + n);
            default -> {}
        }
        d.values().removeIf(v -> v == null);
        int size = kind.minBytes() + random.nextInt(kind.maxBytes() - kind.minBytes());
        d.append("title", text(40)).append("tags", List.of(word(), word(), word()));
        while (size > 200) {
            int len = Math.min(size - 100, 200 + random.nextInt(300));
            d.append(
                    "field" + d.size(),
                    new Document("text", text(len)).append("n", random.nextLong()));
            size -= len + 40;
        }
        if (kind.outbox() && random.nextInt(4) == 0) {
            d.append("outbox", List.of(event()));
        }
        return d;
    }

    private Document update(Kind kind) {
        int what = random.nextInt(4);
        Document set =
                new Document("updatedAt", Instant.now().toString())
                        .append("status", pick("active", "closed"))
                        .append("note", text(100 + random.nextInt(200)));
        Document update = new Document("$set", set).append("$inc", new Document("version", 1));
        if (kind.outbox() && what == 0) {
            update.append("$push", new Document("outbox", event()));
        } else if (kind.outbox() && what == 1) {
            set.append("outbox", List.of());
        }
        return update;
    }

    private Document event() {
        return new Document("id", java.util.UUID.randomUUID().toString())
                .append("type", "changed")
                .append("payload", text(200 + random.nextInt(200)))
                .append("at", Instant.now().toString());
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private String word() {
        String[] words = WORDS.split(" ");
        return words[random.nextInt(words.length)];
    }

    private String text(int length) {
        StringBuilder b = new StringBuilder(length + 16);
        while (b.length() < length) {
            b.append(word()).append(' ');
        }
        return b.substring(0, length);
    }
}
