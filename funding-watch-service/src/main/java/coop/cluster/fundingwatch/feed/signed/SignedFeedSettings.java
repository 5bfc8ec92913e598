package coop.cluster.fundingwatch.feed.signed;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the signed-feed registry (beside {@code FeedRegistry}'s, under the same prefix).
 *
 * <pre>
 * cluster.feeds.secret-key=${SIGNED_FEEDS_SECRET_KEY}   # Base64 of 32 random bytes: openssl rand -base64 32
 * cluster.feeds.rotation-grace=24h
 * cluster.feeds.registry-refresh=5s
 * </pre>
 *
 * @param secretKey the AES-256 key the feeds' secrets are encrypted with in the store (Base64 of 32
 *     bytes). Without it the service still starts and verifies the configured feeds, but creating
 *     or rotating a signed feed answers 503 {@code signed-feed-key-missing}, and the start fails
 *     when the store holds active signed feeds (they could not be verified): see {@link
 *     SignedFeedSecrets}
 * @param rotationGrace how long a rotated-out secret (or the configured secret of a feed taken
 *     over) stays valid, so that the feed can switch without losing pushes
 * @param registryRefresh how often each instance reads the registry again: changes made on another
 *     instance (a revocation included) take effect here within this time
 * @param secretKeyFile where to keep the key when {@code secretKey} is not set: read from this
 *     file, created with a random key (owner-only permissions) if it does not exist. {@code
 *     ./platform run} sets it in its data directory, so signed feeds work out of the box and
 *     survive restarts; several instances must share the file (or set {@code secretKey} alike)
 */
@ConfigurationProperties("cluster.feeds")
public record SignedFeedSettings(
        String secretKey,
        @DefaultValue("PT24H") Duration rotationGrace,
        @DefaultValue("PT5S") Duration registryRefresh,
        Path secretKeyFile) {

    /** The key as configured, else the key file's (created on first use), else none. */
    public String effectiveSecretKey() {
        if (secretKey != null && !secretKey.isBlank()) {
            return secretKey;
        }
        return secretKeyFile == null ? secretKey : KeyFile.readOrCreate(secretKeyFile);
    }

    @Override
    public String toString() {
        return "SignedFeedSettings[secretKey="
                + (secretKey == null || secretKey.isBlank() ? "(none)" : "***")
                + ", rotationGrace="
                + rotationGrace
                + ", registryRefresh="
                + registryRefresh
                + "]";
    }
}
