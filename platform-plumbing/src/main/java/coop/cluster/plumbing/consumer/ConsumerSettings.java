package coop.cluster.plumbing.consumer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retry and dedupe settings of the event consumers.
 *
 * @param maxRetries retries of a failing record before it is dead-lettered
 * @param initialBackoff pause before the first retry
 * @param backoffMultiplier growth of the pause between retries
 * @param maxBackoff the longest pause
 * @param dedupeWindow event ids remembered per document by {@link IdempotentEffects#applyOnce}
 */
@ConfigurationProperties("cluster.consumers")
public record ConsumerSettings(
        Integer maxRetries,
        Duration initialBackoff,
        Double backoffMultiplier,
        Duration maxBackoff,
        Integer dedupeWindow) {

    public ConsumerSettings {
        maxRetries = maxRetries == null ? 3 : maxRetries;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        backoffMultiplier = backoffMultiplier == null ? 3.0 : backoffMultiplier;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        dedupeWindow = dedupeWindow == null ? 200 : dedupeWindow;
    }
}
