package coop.cluster.plumbing.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How many requests a service works on at once (docs/resilience.md, "Overload: shedding load").
 * When the store is slow, requests beyond the limit would otherwise queue in Tomcat's 200 threads
 * and the driver's pool, each waiting longer than the last; instead they are refused at once with a
 * 503 the client can retry.
 *
 * @param maxConcurrentRequests how many requests (outside {@code /actuator}) are handled at once
 * @param maxQueueWait how long a request over the limit waits for one of them to finish before its
 *     503
 * @param overloadRetryAfter the {@code Retry-After} of that 503
 */
@ConfigurationProperties("cluster.web")
public record LoadSheddingSettings(
        Integer maxConcurrentRequests, Duration maxQueueWait, Duration overloadRetryAfter) {

    public LoadSheddingSettings {
        maxConcurrentRequests = maxConcurrentRequests == null ? 64 : maxConcurrentRequests;
        maxQueueWait = maxQueueWait == null ? Duration.ofMillis(100) : maxQueueWait;
        overloadRetryAfter =
                overloadRetryAfter == null ? Duration.ofSeconds(1) : overloadRetryAfter;
        if (maxConcurrentRequests < 1) {
            throw new IllegalArgumentException(
                    "cluster.web.max-concurrent-requests must be at least 1, not "
                            + maxConcurrentRequests);
        }
        if (maxQueueWait.isNegative()) {
            throw new IllegalArgumentException("cluster.web.max-queue-wait must not be negative");
        }
    }
}
