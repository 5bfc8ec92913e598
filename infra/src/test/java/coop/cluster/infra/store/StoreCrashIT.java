package coop.cluster.infra.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import coop.cluster.infra.support.NetworkPorts;
import coop.cluster.infra.testing.ChildJvm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's promise under kill -9: concurrent clients (the real MongoDB driver) insert and
 * update, every acknowledged write is recorded, the store process is killed with SIGKILL in the
 * middle, restarted on the same file, and every acknowledged write must be there; several times
 * over the same file, which must open each time.
 *
 * <p>The control test runs the same against {@code --durability none} (H2 writing every 200 ms
 * after the answers, as the store did before group commit) and expects losses: it shows that this
 * test catches them. To run the crash test against the store as it was before (its main class and
 * options), on a classpath of your choosing: {@code -Dstore.crash.classpath=DIR_OF_OLD_CLASSES:...
 * -Dstore.crash.legacy=true}.
 */
class StoreCrashIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final int WRITERS = 8;

    @TempDir Path dir;

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheStore() throws Exception {
        Outcome outcome = crashRounds(List.of("--durability", "fsync"), 3);

        assertThat(outcome.acknowledged()).as("acknowledged writes").isGreaterThan(300);
        assertThat(outcome.lost()).as("acknowledged writes lost: " + outcome.examples()).isEmpty();
    }

    @Test
    void everyAcknowledgedWriteSurvivesAKillOfTheStoreWithoutFlushes() throws Exception {
        // --durability commit: the commit is with the OS before the answer, which a kill of the
        // store cannot undo
        Outcome outcome = crashRounds(List.of("--durability", "commit"), 2);

        assertThat(outcome.acknowledged()).as("acknowledged writes").isGreaterThan(300);
        assertThat(outcome.lost()).as("acknowledged writes lost: " + outcome.examples()).isEmpty();
    }

    @Test
    void theControlWithoutGroupCommitLosesAcknowledgedWrites() throws Exception {
        // the store as it was: answers at once, the file written every 200 ms; up to 3 kills to see
        // a loss
        Outcome outcome = crashRounds(List.of("--durability", "none"), 3, true);

        assertThat(outcome.lost())
                .as("the kill lands after answers that no commit followed")
                .isNotEmpty();
    }

    private Outcome crashRounds(List<String> durability, int rounds) throws Exception {
        return crashRounds(durability, rounds, false);
    }

    /**
     * @param untilLoss stop after the first round that lost something (the control)
     */
    private Outcome crashRounds(List<String> durability, int rounds, boolean untilLoss)
            throws Exception {
        Path file = dir.resolve("store.mv");
        Set<String> inserted = ConcurrentHashMap.newKeySet();
        AtomicLongArray counters = new AtomicLongArray(WRITERS);
        List<String> lost = new ArrayList<>();
        for (int round = 0; round < rounds && !(untilLoss && !lost.isEmpty()); round++) {
            int port = NetworkPorts.freePort();
            ChildJvm store = startStore(port, file, durability);
            String uri = "mongodb://127.0.0.1:" + port;
            try (MongoClient client = client(uri)) {
                if (round > 0) {
                    lost.addAll(missing(client, inserted, counters));
                }
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> writers = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    int r = round;
                    Thread t =
                            Thread.ofPlatform()
                                    .name("writer-" + w)
                                    .start(
                                            () ->
                                                    write(
                                                            client, writer, r, stop, inserted,
                                                            counters));
                    writers.add(t);
                }
                Thread.sleep(1500 + ThreadLocalRandom.current().nextInt(1500));
                store.kill();
                stop.set(true);
                for (Thread t : writers) {
                    t.join(TimeUnit.SECONDS.toMillis(30));
                }
            } finally {
                store.kill();
            }
        }
        // the last check, and a clean stop: SIGTERM closes the file, which opens again with
        // everything
        int port = NetworkPorts.freePort();
        ChildJvm store = startStore(port, file, durability);
        try (MongoClient client = client("mongodb://127.0.0.1:" + port)) {
            lost.addAll(missing(client, inserted, counters));
        }
        assertThat(store.stop()).isEqualTo(143);
        assertThat(store.outputText()).contains("store stopped, data flushed to");
        ChildJvm again = startStore(NetworkPorts.freePort(), file, durability);
        again.stop();
        Outcome outcome = new Outcome(inserted.size() + sum(counters), lost);
        System.out.printf(
                "%s: %d acknowledged writes kept, %d lost %s%n",
                durability, outcome.acknowledged(), lost.size(), outcome.examples());
        return outcome;
    }

    private record Outcome(long acknowledged, List<String> lost) {
        String examples() {
            return lost.subList(0, Math.min(10, lost.size())).toString();
        }
    }

    private static void write(
            MongoClient client,
            int writer,
            int round,
            AtomicBoolean stop,
            Set<String> inserted,
            AtomicLongArray counters) {
        MongoCollection<Document> members =
                client.getDatabase("membership").getCollection("members");
        MongoCollection<Document> counterCollection =
                client.getDatabase("membership").getCollection("counters");
        for (int i = 0; !stop.get(); i++) {
            try {
                String id = "w" + writer + "-r" + round + "-" + i;
                members.insertOne(
                        new Document("_id", id)
                                .append("name", "member " + i)
                                .append("fee", i)
                                .append("outbox", List.of(new Document("id", id + "-applied"))));
                inserted.add(id);
                Document counter =
                        counterCollection.findOneAndUpdate(
                                new Document("_id", "writer-" + writer),
                                new Document("$inc", new Document("n", 1L)),
                                new FindOneAndUpdateOptions()
                                        .upsert(true)
                                        .returnDocument(ReturnDocument.AFTER));
                long n = counter.getLong("n");
                counters.accumulateAndGet(writer, n, Math::max);
            } catch (RuntimeException e) {
                // the store is gone: nothing acknowledged here
                sleep(20);
            }
        }
    }

    /**
     * The acknowledged writes that the store does not have: inserted ids missing, counters below
     * what was answered.
     */
    private static List<String> missing(
            MongoClient client, Set<String> inserted, AtomicLongArray counters) {
        List<String> missing = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (Document d :
                client.getDatabase("membership")
                        .getCollection("members")
                        .find()
                        .projection(new Document("_id", 1))) {
            present.add(d.getString("_id"));
        }
        for (String id : inserted) {
            if (!present.contains(id)) {
                missing.add("insert " + id);
            }
        }
        MongoCollection<Document> counterCollection =
                client.getDatabase("membership").getCollection("counters");
        for (int w = 0; w < WRITERS; w++) {
            Document counter = counterCollection.find(new Document("_id", "writer-" + w)).first();
            long stored = counter == null ? 0 : counter.getLong("n");
            if (stored < counters.get(w)) {
                missing.add(
                        "counter writer-"
                                + w
                                + ": "
                                + stored
                                + " < acknowledged "
                                + counters.get(w));
                counters.set(w, stored); // count each loss once
            }
        }
        inserted.removeIf(id -> !present.contains(id));
        return missing;
    }

    private static long sum(AtomicLongArray counters) {
        long sum = 0;
        for (int i = 0; i < counters.length(); i++) {
            sum += counters.get(i);
        }
        return sum;
    }

    private static ChildJvm startStore(int port, Path file, List<String> durability) {
        boolean legacy = Boolean.getBoolean("store.crash.legacy");
        List<String> args =
                new ArrayList<>(
                        List.of("--port", Integer.toString(port), "--file", file.toString()));
        if (!legacy) {
            args.addAll(durability);
        }
        ChildJvm.Builder builder =
                ChildJvm.builder(MongoStoreMain.class)
                        .name("store-crash")
                        .jvmOptions("-Xmx384m")
                        .args(args);
        String classpath = System.getProperty("store.crash.classpath");
        if (classpath != null) {
            builder.classpath(classpath);
        }
        ChildJvm store = builder.start();
        store.awaitOutput(MongoStoreMain.READY_MARKER, START);
        return store;
    }

    private static MongoClient client(String uri) {
        return MongoClients.create(
                MongoClientSettings.builder()
                        .applyConnectionString(
                                new ConnectionString(
                                        uri
                                                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000"
                                                + "&socketTimeoutMS=10000&maxPoolSize="
                                                + (WRITERS + 2)))
                        .build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
