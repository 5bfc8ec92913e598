package coop.cluster.fundingwatch.feed.signed.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * A manager created a signed feed, rotated its secret or revoked it. Topic {@code
 * fundingwatch.feeds}; key: the feed id. Never carries a secret, sealed or not: it tells feed
 * operators' tools and audit what changed, by whom, when.
 *
 * @param change {@code created}, {@code secret-rotated} or {@code revoked}
 * @param by the {@code sub} of the manager who did it
 */
@IntegrationEvent(
        type = "cluster.fundingwatch.feed.signed-feed-changed",
        version = 1,
        topic = "fundingwatch.feeds")
public record SignedFeedChanged(String feedId, String change, String by, Instant at) {

    public static final String CREATED = "created";
    public static final String SECRET_ROTATED = "secret-rotated";
    public static final String REVOKED = "revoked";
}
