package coop.cluster.notification.email;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param from the sender of every notification
 * @param messageIdDomain the right-hand side of each mail's stable {@code Message-ID}
 * @param lease how long an instance holds a claimed delivery; another instance (or this one after a
 *     restart) takes it over once it has run out. Longer than a send with all its retries
 * @param attempts SMTP attempts per claim (Resilience4j retry), the first included
 * @param firstBackoff pause before the second attempt; doubled before each next one
 * @param maxClaims claims of one delivery (failed sends, crashes and lost leases included) before
 *     it is given up and dead-lettered
 * @param claimBackoff after a claim whose attempts all failed, how long the delivery rests before
 *     the next claim; doubled after each such claim (an SMTP outage of minutes dead-letters
 *     nothing)
 * @param sweepInterval how often the worker looks for deliveries to send that nobody woke it for
 *     (another instance's, or a crashed claim's)
 * @param senders deliveries sent at once by this instance (default 4). Each sender claims its own
 *     delivery (the claim is one conditional update: ParallelSendersIT, DeliveriesIT); most of a
 *     send's time is spent waiting for the store's durable commits and the SMTP server, so a few
 *     senders multiply the rate
 * @param batch deliveries one sender claims, hands to the SMTP server over one connection and marks
 *     sent together (default 20): four store requests per batch as a rule, instead of five per mail
 */
@ConfigurationProperties("cluster.notifications.email")
public record EmailSettings(
        String from,
        String messageIdDomain,
        Duration lease,
        Integer attempts,
        Duration firstBackoff,
        Integer maxClaims,
        Duration claimBackoff,
        Duration sweepInterval,
        Integer senders,
        Integer batch) {

    public EmailSettings {
        from = from == null ? "Cluster <notifications@cluster.coop>" : from;
        messageIdDomain = messageIdDomain == null ? "notifications.cluster.coop" : messageIdDomain;
        lease = lease == null ? Duration.ofMinutes(2) : lease;
        attempts = attempts == null ? 4 : attempts;
        firstBackoff = firstBackoff == null ? Duration.ofSeconds(1) : firstBackoff;
        maxClaims = maxClaims == null ? 5 : maxClaims;
        claimBackoff = claimBackoff == null ? Duration.ofSeconds(30) : claimBackoff;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(5) : sweepInterval;
        senders = senders == null ? 4 : senders;
        batch = batch == null ? 20 : batch;
        if (batch < 1) {
            throw new IllegalArgumentException(
                    "cluster.notifications.email.batch must be at least 1");
        }
        if (senders < 1) {
            throw new IllegalArgumentException(
                    "cluster.notifications.email.senders must be at least 1");
        }
    }
}
