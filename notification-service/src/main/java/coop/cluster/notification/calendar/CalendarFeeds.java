package coop.cluster.notification.calendar;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The secret feed URLs: one per person, in the collection {@code calendar_feeds} ({@code _id} the person id,
 * {@code tokenHash}, {@code issuedAt}, {@code rotations}). A token is 256 random bits ({@link SecureRandom}),
 * base64url; only its SHA-256 is stored, so the store cannot give the URL back (the person sees it when it is made,
 * and rotates it if they lost it). A lookup finds the document by the hash, then compares the hashes in constant time
 * ({@link MessageDigest#isEqual}). Rotation replaces the hash in one write: the old URL stops working at once.
 */
@Component
public class CalendarFeeds {

    static final String FEEDS = "calendar_feeds";

    /** 256 bits, base64url without padding: 43 characters. */
    private static final int TOKEN_BYTES = 32;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final MongoTemplate mongo;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    CalendarFeeds(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(Pair.of(FEEDS, new Index("tokenHash", Sort.Direction.ASC).unique()));
    }

    /**
     * A person's feed.
     *
     * @param token    the secret, only when it was made by this call (the store keeps its hash only); else null
     * @param issuedAt when the current URL was made
     */
    public record Feed(String personId, String token, Instant issuedAt, int rotations) {
    }

    /** The person's feed; made (with its token) on the first call. */
    public Feed feedOf(String personId) {
        Document existing = mongo.findById(personId, Document.class, FEEDS);
        if (existing != null) {
            return feed(existing, null);
        }
        String token = newToken();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the store keeps milliseconds
        try {
            mongo.insert(new Document("_id", personId).append("tokenHash", hash(token))
                    .append("issuedAt", Date.from(now)).append("rotations", 0), FEEDS);
            return new Feed(personId, token, now, 0);
        } catch (DuplicateKeyException raced) {
            // the same person's other request made it a moment ago: theirs stands, its URL was shown there
            return feed(mongo.findById(personId, Document.class, FEEDS), null);
        }
    }

    /** A new token for the person; the old one stops working with this single write. */
    public Feed rotate(String personId) {
        String token = newToken();
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // the store keeps milliseconds
        Document after = mongo.findAndModify(Query.query(Criteria.where("_id").is(personId)),
                new Update().set("tokenHash", hash(token)).set("issuedAt", Date.from(now)).inc("rotations", 1),
                FindAndModifyOptions.options().upsert(true).returnNew(true), Document.class, FEEDS);
        return feed(after, token);
    }

    /** Whose feed {@code token} opens; empty for an unknown, rotated or malformed one. */
    public Optional<String> personOf(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Document found = mongo.findOne(Query.query(Criteria.where("tokenHash").is(hash)), Document.class, FEEDS);
        if (found == null || !MessageDigest.isEqual(bytes(found.getString("tokenHash")), bytes(hash))) {
            return Optional.empty();
        }
        return Optional.of(found.getString("_id"));
    }

    private String newToken() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bytes(String s) {
        return s == null ? new byte[0] : s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Feed feed(Document d, String token) {
        return new Feed(d.getString("_id"), token, d.getDate("issuedAt").toInstant(), d.getInteger("rotations", 0));
    }
}
