package coop.cluster.infra.store;

import coop.cluster.infra.support.InfraLogging;
import coop.cluster.infra.support.ParentWatchdog;
import coop.cluster.infra.support.ShutdownGuard;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs mongo-java-server, a server speaking the MongoDB wire protocol, in this JVM.
 * With {@code --file} the data lives in an H2 MVStore file and survives a restart; the file is
 * flushed and closed on SIGTERM. It has no sessions and no multi-document transactions.
 *
 * <pre>
 * java -cp infra.jar:lib/* coop.cluster.infra.store.MongoStoreMain \
 *     --host 127.0.0.1 --port 27017 (--file run/data/mongo/store.mv | --memory) [--parent-pid PID]
 * </pre>
 *
 * Prints a line starting with {@value #READY_MARKER} when the server accepts connections.
 */
public final class MongoStoreMain {

    public static final String READY_MARKER = "MONGO STORE READY";

    private static final Duration SHUTDOWN_LIMIT = Duration.ofSeconds(30);

    private final StoreOptions options;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile MongoServer server;

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
            System.err.println("usage: MongoStoreMain (--file PATH | --memory) [--host 127.0.0.1] [--port 27017]"
                    + " [--parent-pid PID] [--commit-delay-ms 200]");
            System.exit(2);
            return;
        }
        try {
            new MongoStoreMain(options).run();
        } catch (Exception | Error e) {
            System.err.println("MONGO STORE FAILED: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        MongoBackend backend = openBackend();
        Runtime.getRuntime().addShutdownHook(new Thread(this::shutdown, "mongo-store-shutdown"));
        options.parentPid().ifPresent(pid -> ParentWatchdog.watch(pid,
                () -> System.out.println("parent process " + pid + " is gone; stopping the store")));
        MongoServer s = new MongoServer(backend);
        server = s;
        try {
            s.bind(options.host(), options.port());
        } catch (RuntimeException e) {
            // bind failed (port taken): close the file so that it is not left half-open
            server = null;
            backend.close();
            throw e;
        }
        long startedMillis = Duration.between(jvmStart(), Instant.now()).toMillis();
        System.out.printf("%s on %s (%s) in %d ms since JVM start%n", READY_MARKER, options.connectionString(),
                options.file().map(f -> "H2 file " + f).orElse("in memory"), startedMillis);
        System.out.flush();
        stopped.await();
    }

    private MongoBackend openBackend() throws Exception {
        if (options.file().isEmpty()) {
            return new MemoryStoreBackend();
        }
        Path file = options.file().get();
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        MVStore mvStore = new MVStore.Builder().fileName(file.toString()).open();
        mvStore.setAutoCommitDelay(options.commitDelayMs());
        return new H2StoreBackend(mvStore);
    }

    private void shutdown() {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        ShutdownGuard guard = ShutdownGuard.arm("the store", SHUTDOWN_LIMIT);
        MongoServer s = server;
        if (s != null) {
            System.out.println("stopping the store on " + options.connectionString());
            // closes the client connections, then the backend: H2 writes and closes its file
            s.shutdownNow();
            System.out.println("store stopped" + options.file().map(f -> ", data flushed to " + f).orElse(""));
        }
        stopped.countDown();
        guard.disarm();
    }

    private static Instant jvmStart() {
        return ProcessHandle.current().info().startInstant().orElseGet(Instant::now);
    }
}
