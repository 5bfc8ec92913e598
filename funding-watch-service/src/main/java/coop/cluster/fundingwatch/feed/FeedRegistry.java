package coop.cluster.fundingwatch.feed;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The feeds allowed to push funding calls with an HMAC signature, and their shared secrets. Feeds that use
 * OAuth client credentials need no entry here: their token names the feed in {@code feed_id}.
 *
 * <pre>
 * cluster.feeds.signed.eu-ft-portal.secret=${EU_FT_PORTAL_FEED_SECRET}
 * cluster.feeds.max-clock-skew=5m
 * </pre>
 *
 * @param signed       feed id → its signing settings
 * @param maxClockSkew how far a signed request's timestamp may be from now, either way; older requests are
 *                     replays or badly delayed and are refused
 */
@Validated
@ConfigurationProperties("cluster.feeds")
public record FeedRegistry(@DefaultValue Map<String, SignedFeed> signed,
                           @DefaultValue("5m") Duration maxClockSkew) {

    /** @param secret the shared HMAC-SHA256 key, at least 32 characters */
    public record SignedFeed(@NotBlank @Size(min = 32) String secret) {

        @Override
        public String toString() {
            return "SignedFeed[secret=***]";
        }
    }

    public Optional<SignedFeed> signedFeed(String feedId) {
        return Optional.ofNullable(signed.get(feedId));
    }
}
