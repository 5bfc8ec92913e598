package coop.cluster.notification.calendar;

import coop.cluster.notification.calendar.persistence.CalendarFeedStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The secret feed URLs: one per person ({@link CalendarFeedStore}, collection {@code
 * calendar_feeds}). A token is 256 random bits ({@link SecureRandom}), base64url; only its SHA-256
 * is stored, so the store cannot give the URL back (the person sees it when it is made, and rotates
 * it if they lost it). A lookup finds the feed by the hash, then compares the hashes in constant
 * time ({@link MessageDigest#isEqual}). Rotation replaces the hash in one write: the old URL stops
 * working at once.
 */
@Component
public class CalendarFeeds {

    /** 256 bits, base64url without padding: 43 characters. */
    private static final int TOKEN_BYTES = 32;

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final CalendarFeedStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CalendarFeeds(CalendarFeedStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * A person's feed.
     *
     * @param token the secret, only when it was made by this call (the store keeps its hash only);
     *     else null
     * @param issuedAt when the current URL was made
     */
    public record Feed(String personId, String token, Instant issuedAt, int rotations) {}

    /** The person's feed; made (with its token) on the first call. */
    public Feed feedOf(String personId) {
        Optional<CalendarFeedStore.StoredFeed> existing = store.find(personId);
        if (existing.isPresent()) {
            return feed(existing.get(), null);
        }
        String token = newToken();
        return store.insert(personId, hash(token), clock.instant())
                .map(issuedAt -> new Feed(personId, token, issuedAt, 0))
                // the same person's other request made it a moment ago: theirs stands, its URL was
                // shown there
                .orElseGet(() -> feed(store.find(personId).orElseThrow(), null));
    }

    /** A new token for the person; the old one stops working with this single write. */
    public Feed rotate(String personId) {
        String token = newToken();
        return feed(store.rotate(personId, hash(token), clock.instant()), token);
    }

    /** Whose feed {@code token} opens; empty for an unknown, rotated or malformed one. */
    public Optional<String> personOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String hash = hash(token);
        return store.byTokenHash(hash)
                .filter(found -> MessageDigest.isEqual(bytes(found.tokenHash()), bytes(hash)))
                .map(CalendarFeedStore.StoredFeed::personId);
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(
                            MessageDigest.getInstance("SHA-256")
                                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Feed feed(CalendarFeedStore.StoredFeed stored, String token) {
        return new Feed(stored.personId(), token, stored.issuedAt(), stored.rotations());
    }
}
