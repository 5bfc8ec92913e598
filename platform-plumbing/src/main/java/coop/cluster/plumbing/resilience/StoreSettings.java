package coop.cluster.plumbing.resilience;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long a service waits for the store (docs/resilience.md). Each bound turns a store that is
 * down or does not answer into an error within a known time, which a request answers with a 503 and
 * the relay and consumers retry. An option given in the connection string ({@code
 * connectTimeoutMS}, {@code socketTimeoutMS}, {@code serverSelectionTimeoutMS}, {@code
 * waitQueueTimeoutMS}) wins over these.
 *
 * @param connectTimeout to open a connection; also how long the driver's monitor waits for the
 *     store's answer to its heartbeat before it deems the store gone
 * @param socketTimeout the longest wait for one reply of the store (one batch of a query, one
 *     write); 0 is infinite, which is what let a store that stopped answering hold a request for
 *     good
 * @param serverSelectionTimeout how long an operation waits for a reachable store before it fails:
 *     while the store is down, what a request waits before its 503
 * @param maxWaitTime how long an operation waits for a free connection of the pool
 * @param healthTimeout how long {@code /actuator/health} waits for the store's answer before it
 *     says DOWN
 */
@ConfigurationProperties("cluster.store")
public record StoreSettings(
        Duration connectTimeout,
        Duration socketTimeout,
        Duration serverSelectionTimeout,
        Duration maxWaitTime,
        Duration healthTimeout) {

    public StoreSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofSeconds(30) : socketTimeout;
        serverSelectionTimeout =
                serverSelectionTimeout == null ? Duration.ofSeconds(3) : serverSelectionTimeout;
        maxWaitTime = maxWaitTime == null ? Duration.ofSeconds(5) : maxWaitTime;
        healthTimeout = healthTimeout == null ? Duration.ofMillis(1500) : healthTimeout;
    }
}
