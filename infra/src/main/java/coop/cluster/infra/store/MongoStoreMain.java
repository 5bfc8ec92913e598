package coop.cluster.infra.store;

import coop.cluster.infra.support.InfraLogging;
import coop.cluster.infra.support.ParentWatchdog;
import coop.cluster.infra.support.ShutdownGuard;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs mongo-java-server, a server speaking the MongoDB wire protocol, in this JVM ({@link
 * StoreServer}). With {@code --file} the data lives in an H2 MVStore file: an answer leaves only
 * once the writes it reflects are in the file ({@link GroupCommit}), so an acknowledged write
 * survives a kill -9 of this process (and, with the default {@code --durability fsync}, a power
 * cut); SIGTERM commits, flushes and closes the file. It has no sessions and no multi-document
 * transactions. See docs/store.md.
 *
 * <pre>
 * java -cp infra.jar:lib/* coop.cluster.infra.store.MongoStoreMain \
 *     --host 127.0.0.1 --port 27017 (--file run/data/mongo/store.mv | --memory) [--durability fsync|commit]
 *     [--parent-pid PID]
 * </pre>
 *
 * Prints a line starting with {@value #READY_MARKER} when the server accepts connections, with the
 * time the file took to open. A file that cannot be opened ends the process with code 1 and a line
 * starting with {@value #FAILED_MARKER} that says why and how to recover ({@link StoreFile}).
 */
public final class MongoStoreMain {

    public static final String READY_MARKER = "MONGO STORE READY";
    public static final String FAILED_MARKER = "MONGO STORE FAILED";

    /**
     * Under the launcher's 20 s between SIGTERM and SIGKILL; closing takes well under a second
     * (docs/store.md).
     */
    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(18);

    private final StoreOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile StoreServer server;

    private MongoStoreMain(StoreOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        InfraLogging.useInfraConfiguration();
        StoreOptions options;
        try {
            options = StoreOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("MongoStoreMain: " + e.getMessage());
            System.err.println(StoreOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            new MongoStoreMain(options).run();
        } catch (StoreFile.CannotOpen e) {
            System.err.println(FAILED_MARKER + ": " + e.getMessage());
            System.exit(1);
        } catch (Exception | Error e) {
            System.err.println(FAILED_MARKER + ": " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        if (options.durability() == StoreOptions.Durability.NONE) {
            System.out.println(
                    "WARNING: --durability none answers before writing: a crash loses acknowledged"
                            + " writes (for measurements only)");
        }
        StoreServer s = StoreServer.open(options, this::writeFailed);
        server = s;
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mongo-store-shutdown"));
        options.parentPid()
                .ifPresent(
                        pid ->
                                ParentWatchdog.watch(
                                        pid,
                                        () ->
                                                System.out.println(
                                                        "parent process "
                                                                + pid
                                                                + " is gone; stopping the store")));
        long startedMillis = Duration.between(jvmStart(), Instant.now()).toMillis();
        System.out.printf(
                "%s on mongodb://%s:%d (%s%s) in %d ms since JVM start, the file opened in %d ms%n",
                READY_MARKER,
                options.host(),
                s.port(),
                s.describe(),
                options.file().isPresent() ? ", durability " + options.durability().option() : "",
                startedMillis,
                s.openMillis());
        System.out.flush();
        stopped.await();
    }

    /**
     * A commit or flush failed: the waiting clients were cut off; stop, the file keeps the last
     * good commit.
     */
    private void writeFailed() {
        Thread t = new Thread(() -> System.exit(1), "mongo-store-write-failed");
        t.start();
    }

    private void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ShutdownGuard guard = ShutdownGuard.arm("the store", SHUTDOWN_LIMIT);
        StoreServer s = server;
        if (s != null) {
            System.out.println("stopping the store on " + options.connectionString());
            long start = System.nanoTime();
            // stops accepting and processing, commits and flushes, answers, closes the connections
            // and the file
            s.close();
            System.out.println(
                    "store stopped"
                            + options.file().map(f -> ", data flushed to " + f).orElse("")
                            + " in "
                            + Duration.ofNanos(System.nanoTime() - start).toMillis()
                            + " ms");
        }
        stopped.countDown();
        guard.disarm();
    }

    private static Instant jvmStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
