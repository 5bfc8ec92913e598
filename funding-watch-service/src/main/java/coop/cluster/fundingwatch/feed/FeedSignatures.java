package coop.cluster.fundingwatch.feed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a feed push: {@code X-Feed-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}
 * with the feed's shared secret, {@code X-Feed-Timestamp} in Unix seconds within the allowed skew, and each
 * signature accepted once (a replayed request inside the window is refused too).
 */
public class FeedSignatures {

    /** Why a signed push was refused. */
    public enum Refusal {
        UNKNOWN_FEED, MALFORMED, STALE_TIMESTAMP, BAD_SIGNATURE, REPLAYED
    }

    private static final String PREFIX = "sha256=";

    private final FeedRegistry registry;
    private final Clock clock;
    private final Cache<String, Boolean> seen;

    public FeedSignatures(FeedRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        // twice the skew: a signature can be replayed only while its timestamp is acceptable
        this.seen = Caffeine.newBuilder().expireAfterWrite(registry.maxClockSkew().multipliedBy(2))
                .maximumSize(200_000).build();
    }

    /** Empty when the push is authentic and new; else why not. */
    public Optional<Refusal> verify(String feedId, String timestamp, String signature, byte[] body) {
        Optional<FeedRegistry.SignedFeed> feed = registry.signedFeed(feedId);
        if (feed.isEmpty()) {
            return Optional.of(Refusal.UNKNOWN_FEED);
        }
        if (timestamp == null || signature == null || !signature.startsWith(PREFIX)
                || !timestamp.matches("\\d{1,12}")) {
            return Optional.of(Refusal.MALFORMED);
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, clock.instant()).abs().compareTo(registry.maxClockSkew()) > 0) {
            return Optional.of(Refusal.STALE_TIMESTAMP);
        }
        byte[] expected = sign(feed.get().secret(), timestamp, body);
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of(Refusal.MALFORMED);
        }
        if (!MessageDigest.isEqual(expected, given)) {
            return Optional.of(Refusal.BAD_SIGNATURE);
        }
        if (seen.asMap().putIfAbsent(feedId + ":" + signature, Boolean.TRUE) != null) {
            return Optional.of(Refusal.REPLAYED);
        }
        return Optional.empty();
    }

    /** The signature a feed sends, for documentation and tests: {@code sha256=<hex>}. */
    public static String signatureHeader(String secret, String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(sign(secret, timestamp, body));
    }

    private static byte[] sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
