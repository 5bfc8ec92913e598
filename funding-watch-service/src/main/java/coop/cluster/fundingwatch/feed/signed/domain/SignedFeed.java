package coop.cluster.fundingwatch.feed.signed.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A feed allowed to push funding calls signed with a shared secret, as managers keep it at run
 * time: its current secret and, for a grace period after a rotation, the previous one, so that the
 * feed can switch without losing pushes. Only one previous secret is kept: rotating again during
 * the grace ends the older one at once. A revoked feed keeps no secret at all (its document stays,
 * so that the revocation wins over a configured secret of the same feed id and is seen by every
 * instance); it can be created again, with a new secret.
 *
 * <p>The secrets here are <em>sealed</em> (encrypted for the store, see {@code SecretBox}): the
 * domain never needs them in clear, only the verification does.
 *
 * @param previousSecretExpiresAt until when {@code previousSecret} is accepted (exclusive); null
 *     without one
 * @param rotatedAt the last rotation, null before the first
 * @param version the store's version, null before the first write
 */
public record SignedFeed(
        String feedId,
        Status status,
        String secret,
        String previousSecret,
        Instant previousSecretExpiresAt,
        Instant createdAt,
        String createdBy,
        Instant rotatedAt,
        String rotatedBy,
        Instant revokedAt,
        String revokedBy,
        Long version) {

    /** Whether pushes signed with its secrets are accepted. */
    public enum Status {
        ACTIVE,
        REVOKED
    }

    public SignedFeed {
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(status, "status");
        if (status == Status.ACTIVE && secret == null) {
            throw new IllegalArgumentException("an active signed feed has a secret");
        }
        if ((previousSecret == null) != (previousSecretExpiresAt == null)) {
            throw new IllegalArgumentException("a previous secret comes with its expiry");
        }
    }

    /** A new feed with its first (sealed) secret. */
    public static SignedFeed created(String feedId, String secret, String by, Instant at) {
        return new SignedFeed(
                feedId, Status.ACTIVE, secret, null, null, at, by, null, null, null, null, null);
    }

    /**
     * A feed revoked before the registry had it: a configured feed ({@code cluster.feeds.signed})
     * whose secret must stop working now. The registry wins over the configuration, so this
     * document is enough.
     */
    public static SignedFeed revokedBeforeManaged(String feedId, String by, Instant at) {
        return new SignedFeed(
                feedId, Status.REVOKED, null, null, null, at, by, null, null, at, by, null);
    }

    /**
     * This new feed, with a secret it used before still accepted until {@code expiresAt}: the
     * configured secret of a feed the registry takes over.
     */
    public SignedFeed keeping(String previous, Instant expiresAt) {
        return new SignedFeed(
                feedId, status, secret, previous, expiresAt, createdAt, createdBy, rotatedAt,
                rotatedBy, revokedAt, revokedBy, version);
    }

    /**
     * A new secret; the current one stays valid for {@code grace} (an older previous one ends now).
     */
    public SignedFeed rotated(String newSecret, String by, Instant at, Duration grace) {
        requireActive();
        return new SignedFeed(
                feedId,
                Status.ACTIVE,
                newSecret,
                secret,
                at.plus(grace),
                createdAt,
                createdBy,
                at,
                by,
                null,
                null,
                version);
    }

    /** No secret of it is accepted any more. */
    public SignedFeed revoked(String by, Instant at) {
        return new SignedFeed(
                feedId,
                Status.REVOKED,
                null,
                null,
                null,
                createdAt,
                createdBy,
                rotatedAt,
                rotatedBy,
                at,
                by,
                version);
    }

    /** A revoked feed created again with a new secret: none of its old secrets comes back. */
    public SignedFeed recreated(String newSecret, String by, Instant at) {
        if (active()) {
            throw new IllegalStateException("feed " + feedId + " is active");
        }
        return new SignedFeed(
                feedId,
                Status.ACTIVE,
                newSecret,
                null,
                null,
                at,
                by,
                null,
                null,
                null,
                null,
                version);
    }

    public boolean active() {
        return status == Status.ACTIVE;
    }

    /** The previous secret while it is still accepted at {@code now}. */
    public Optional<String> previousSecretAt(Instant now) {
        return previousSecret != null && now.isBefore(previousSecretExpiresAt)
                ? Optional.of(previousSecret)
                : Optional.empty();
    }

    /** Until when the previous secret is accepted, if it still is at {@code now}. */
    public Optional<Instant> previousSecretExpiryAt(Instant now) {
        return previousSecretAt(now).map(previous -> previousSecretExpiresAt);
    }

    private void requireActive() {
        if (!active()) {
            throw new IllegalStateException("feed " + feedId + " is revoked");
        }
    }

    @Override
    public String toString() {
        return "SignedFeed[feedId="
                + feedId
                + ", status="
                + status
                + ", secret=***, previousSecret="
                + (previousSecret == null ? "none" : "*** until " + previousSecretExpiresAt)
                + ", version="
                + version
                + "]";
    }
}
