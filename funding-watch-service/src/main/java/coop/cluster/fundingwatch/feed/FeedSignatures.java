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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a feed push: {@code X-Feed-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>">} with the feed's shared secret, {@code X-Feed-Timestamp} in Unix seconds
 * within the allowed skew, and each signature accepted once (a replayed request inside the window
 * is refused too). A feed may have two secrets at once while a rotation's grace period runs ({@link
 * FeedSecrets}): a signature made with either is accepted.
 */
public class FeedSignatures {

    /**
     * Why a signed push was refused: 401 with the problem {@code feed-signature-<reason>}, except
     * when the service cannot tell (503: the registry is not read yet, or the feed's stored secret
     * cannot be decrypted here).
     */
    public enum Refusal {
        UNKNOWN_FEED,
        REVOKED,
        MALFORMED,
        STALE_TIMESTAMP,
        BAD_SIGNATURE,
        REPLAYED,
        /**
         * The feed's secrets are stored encrypted with another key than this instance's (or it has
         * none).
         */
        UNREADABLE_SECRET,
        /** The signed-feed registry could not be read since start-up. */
        NOT_READY;

        /** The reason as the metric's tag and in the problem code: {@code bad-signature}. */
        public String reason() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the push itself is at fault (401), rather than the service (503). */
        public boolean clientFault() {
            return this != UNREADABLE_SECRET && this != NOT_READY;
        }
    }

    private static final String PREFIX = "sha256=";

    private final FeedRegistry registry;
    private final FeedSecrets secrets;
    private final Clock clock;
    private final Cache<String, Boolean> seen;

    /** Verification against the configured feeds only. */
    public FeedSignatures(FeedRegistry registry, Clock clock) {
        this(registry, FeedSecrets.configured(registry), clock);
    }

    /**
     * @param secrets the feeds' secrets (configuration and registry); {@code registry} gives the
     *     allowed skew
     */
    public FeedSignatures(FeedRegistry registry, FeedSecrets secrets, Clock clock) {
        this.registry = registry;
        this.secrets = secrets;
        this.clock = clock;
        // twice the skew: a signature can be replayed only while its timestamp is acceptable
        this.seen =
                Caffeine.newBuilder()
                        .expireAfterWrite(registry.maxClockSkew().multipliedBy(2))
                        .maximumSize(200_000)
                        .build();
    }

    /** Empty when the push is authentic and new; else why not. */
    public Optional<Refusal> verify(
            String feedId, String timestamp, String signature, byte[] body) {
        if (feedId == null) {
            return Optional.of(Refusal.UNKNOWN_FEED);
        }
        Instant now = clock.instant();
        FeedSecrets.Lookup feed = secrets.lookup(feedId, now);
        switch (feed.outcome()) {
            case UNKNOWN -> {
                return Optional.of(Refusal.UNKNOWN_FEED);
            }
            case REVOKED -> {
                return Optional.of(Refusal.REVOKED);
            }
            case UNREADABLE -> {
                return Optional.of(Refusal.UNREADABLE_SECRET);
            }
            case NOT_READY -> {
                return Optional.of(Refusal.NOT_READY);
            }
            case SECRETS -> {
                // verified below
            }
        }
        if (timestamp == null
                || signature == null
                || !signature.startsWith(PREFIX)
                || !timestamp.matches("\\d{1,12}")) {
            return Optional.of(Refusal.MALFORMED);
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, now).abs().compareTo(registry.maxClockSkew()) > 0) {
            return Optional.of(Refusal.STALE_TIMESTAMP);
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(signature.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return Optional.of(Refusal.MALFORMED);
        }
        if (!signedWithAny(feed.secrets(), timestamp, body, given)) {
            return Optional.of(Refusal.BAD_SIGNATURE);
        }
        if (seen.asMap().putIfAbsent(feedId + ":" + signature, Boolean.TRUE) != null) {
            return Optional.of(Refusal.REPLAYED);
        }
        return Optional.empty();
    }

    /**
     * Every secret is tried, each in constant time: which one matched is not told by the time
     * taken.
     */
    private static boolean signedWithAny(
            List<String> secrets, String timestamp, byte[] body, byte[] given) {
        boolean matched = false;
        for (String secret : secrets) {
            matched |= MessageDigest.isEqual(sign(secret, timestamp, body), given);
        }
        return matched;
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
