package coop.cluster.plumbing.outbox;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the transactional outbox.
 *
 * @param collections collections whose documents carry pending events in their {@code outbox}
 *     array; the relay scans exactly these, so a pending event left by a crash is found after a
 *     restart
 * @param batchSize documents read per collection per relay pass
 * @param pollInterval how long an idle relay waits before it looks again; a write in the same
 *     instance wakes it at once, so this bounds only the delay of events written by other instances
 *     or left by a crash
 * @param sendTimeout how long the relay waits for the broker to acknowledge a pass
 * @param maxBackoff the longest pause between two failed passes
 * @param leaseTtl how long a relay instance holds the lease without renewing it
 * @param instanceId identity of this instance for the lease; a restarted instance with the same id
 *     takes the lease back at once. Defaults to host name and server port.
 * @param linger under load, the least time between the starts of two relay passes, so that a pass
 *     reads and publishes the documents of many writes at once; an idle relay sends a new event at
 *     once
 * @param cleanupInterval how long acknowledged events may stay in their documents before the relay
 *     removes them, all of a collection's in one write; a crash in between publishes them again (a
 *     duplicate, which consumers absorb). Zero removes them after every pass.
 */
@ConfigurationProperties("cluster.outbox")
public record OutboxProperties(
        List<String> collections,
        Integer batchSize,
        Duration pollInterval,
        Duration sendTimeout,
        Duration maxBackoff,
        Duration leaseTtl,
        String instanceId,
        Duration linger,
        Duration cleanupInterval) {

    public OutboxProperties {
        collections = collections == null ? List.of() : List.copyOf(collections);
        batchSize = batchSize == null ? 500 : batchSize;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        sendTimeout = sendTimeout == null ? Duration.ofSeconds(30) : sendTimeout;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(5) : maxBackoff;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(10) : leaseTtl;
        linger = linger == null ? Duration.ofMillis(10) : linger;
        cleanupInterval = cleanupInterval == null ? Duration.ofMillis(200) : cleanupInterval;
    }
}
