package coop.cluster.fundingwatch.feed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feeds the configuration knows: those allowed to push funding calls with an HMAC signature,
 * with their shared secrets, and the others ({@code known}). Feeds that push over HTTP with OAuth
 * client credentials need no entry here: their token names the feed in {@code feed_id}. Signed
 * feeds may also be managed at run time by managers, in the signed-feed registry ({@code
 * feed.signed}); for a feed id in both, the registry wins (see {@code SignedFeedSecrets}). A record
 * on the raw feed topic is accepted only for a feed known here or active in the registry.
 *
 * <pre>
 * cluster.feeds.signed.eu-ft-portal.secret=${EU_FT_PORTAL_FEED_SECRET}
 * cluster.feeds.known=eu-ft-portal,region-sud
 * cluster.feeds.max-clock-skew=5m
 * </pre>
 *
 * @param signed feed id → its signing settings
 * @param known other feeds the cluster knows, by id (a signed feed is known without being listed)
 * @param maxClockSkew how far a signed request's timestamp may be from now, either way; older
 *     requests are replays or badly delayed and are refused
 */
@Validated
@ConfigurationProperties("cluster.feeds")
public record FeedRegistry(
        @DefaultValue Map<String, SignedFeed> signed,
        @DefaultValue Set<String> known,
        @DefaultValue("5m") Duration maxClockSkew) {

    /**
     * @param secret the shared HMAC-SHA256 key, at least 32 characters
     */
    public record SignedFeed(@NotBlank @Size(min = 32) String secret) {

        @Override
        public String toString() {
            return "SignedFeed[secret=***]";
        }
    }

    public Optional<SignedFeed> signedFeed(String feedId) {
        return Optional.ofNullable(signed.get(feedId));
    }

    /**
     * True when {@code feedId} is a feed of the configuration: listed in {@code known}, or a signed
     * feed.
     */
    public boolean knows(String feedId) {
        return feedId != null && (known.contains(feedId) || signed.containsKey(feedId));
    }
}
