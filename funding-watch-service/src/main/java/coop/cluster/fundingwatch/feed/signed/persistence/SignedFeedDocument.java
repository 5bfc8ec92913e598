package coop.cluster.fundingwatch.feed.signed.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A signed feed as stored, {@code _id} = the feed id, with its {@code SignedFeedChanged} events in
 * its {@code outbox} (not mapped here). {@code secret} and {@code previousSecret} are sealed
 * (AES-GCM, see {@code SecretBox}), never in clear.
 */
@Document("signed_feeds")
record SignedFeedDocument(
        @Id String feedId,
        String status,
        String secret,
        String previousSecret,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        String createdBy,
        Instant rotatedAt,
        String rotatedBy,
        Instant revokedAt,
        String revokedBy,
        @Version Long version) {}
