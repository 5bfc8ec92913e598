package coop.cluster.plumbing.resilience;

import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code mongo} in {@code /actuator/health}, answered within {@code cluster.store.health-timeout}
 * whatever the store does. It sends one {@code hello} (Spring Boot's indicator lists every
 * database, then sends one {@code hello} per database, and waits as long as the driver does: 30 s
 * of server selection by default). The command runs on a thread of its own, one at a time: a check
 * still waiting for a store that does not answer is not started again, and the health endpoint says
 * DOWN after the time-out while it waits.
 */
public class StoreHealthIndicator implements HealthIndicator {

    private static final Document HELLO = new Document("hello", 1);

    private final MongoClient client;
    private final String database;
    private final Duration timeout;
    private CompletableFuture<Document> check = CompletableFuture.completedFuture(null);

    public StoreHealthIndicator(MongoClient client, String database, Duration timeout) {
        this.client = client;
        this.database = database;
        this.timeout = timeout;
    }

    @Override
    public Health health() {
        CompletableFuture<Document> current = current();
        try {
            Document hello = current.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Health.up()
                    .withDetail("database", database)
                    .withDetail("maxWireVersion", hello.get("maxWireVersion"))
                    .build();
        } catch (TimeoutException e) {
            return Health.down()
                    .withDetail("database", database)
                    .withDetail("error", "no answer within " + timeout.toMillis() + " ms")
                    .build();
        } catch (ExecutionException e) {
            return Health.down()
                    .withDetail("database", database)
                    .withDetail("error", e.getCause().toString())
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unknown().build();
        }
    }

    /** The check in flight, or a new one if the last has finished. */
    private synchronized CompletableFuture<Document> current() {
        if (check.isDone()) {
            CompletableFuture<Document> next = new CompletableFuture<>();
            Thread.ofPlatform()
                    .daemon()
                    .name("store-health")
                    .start(
                            () -> {
                                try {
                                    next.complete(client.getDatabase(database).runCommand(HELLO));
                                } catch (Throwable e) {
                                    next.completeExceptionally(e);
                                }
                            });
            check = next;
        }
        return check;
    }
}
