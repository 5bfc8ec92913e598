package coop.cluster.notification.calendar.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The collection {@code calendar_feeds}: one document per person ({@code _id} the person id, {@code
 * tokenHash}, {@code issuedAt}, {@code rotations}), {@code tokenHash} unique. Only the token's hash
 * is stored. Every write is that one document's: made by an insert (refused when it exists),
 * rotated by one upsert that replaces the hash.
 */
@Repository
public class CalendarFeedStore {

    private static final Logger log = LoggerFactory.getLogger(CalendarFeedStore.class);

    public static final String FEEDS = "calendar_feeds";

    private final MongoTemplate mongo;

    CalendarFeedStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * A person's feed as stored: the hash of its token, when the token was made, how many times it
     * was rotated.
     */
    public record StoredFeed(String personId, String tokenHash, Instant issuedAt, int rotations) {}

    /**
     * The unique index on the hash, made once the service is ready; a store out of reach then
     * leaves it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        try {
            mongo.indexOps(FEEDS).createIndex(new Index("tokenHash", Sort.Direction.ASC).unique());
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", FEEDS, e.toString());
        }
    }

    public Optional<StoredFeed> find(String personId) {
        return Optional.ofNullable(mongo.findById(personId, Document.class, FEEDS))
                .map(CalendarFeedStore::feed);
    }

    /**
     * Makes the person's feed, unless it exists (the same person's other request made it a moment
     * ago).
     *
     * @return when it was issued, as the store keeps it (in milliseconds); empty if it existed
     */
    public Optional<Instant> insert(String personId, String tokenHash, Instant issuedAt) {
        Instant stored = issuedAt.truncatedTo(ChronoUnit.MILLIS); // the store keeps milliseconds
        try {
            mongo.insert(
                    new Document("_id", personId)
                            .append("tokenHash", tokenHash)
                            .append("issuedAt", Date.from(stored))
                            .append("rotations", 0),
                    FEEDS);
            return Optional.of(stored);
        } catch (DuplicateKeyException raced) {
            return Optional.empty();
        }
    }

    /**
     * Replaces the person's token hash (making the feed if it had none), in one write. @return the
     * feed after it
     */
    public StoredFeed rotate(String personId, String tokenHash, Instant issuedAt) {
        Instant stored = issuedAt.truncatedTo(ChronoUnit.MILLIS); // the store keeps milliseconds
        return feed(
                mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(personId)),
                        new Update()
                                .set("tokenHash", tokenHash)
                                .set("issuedAt", Date.from(stored))
                                .inc("rotations", 1),
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        FEEDS));
    }

    /** The feed whose token has this hash, if any. */
    public Optional<StoredFeed> byTokenHash(String tokenHash) {
        return Optional.ofNullable(
                        mongo.findOne(
                                Query.query(Criteria.where("tokenHash").is(tokenHash)),
                                Document.class,
                                FEEDS))
                .map(CalendarFeedStore::feed);
    }

    private static StoredFeed feed(Document d) {
        return new StoredFeed(
                d.getString("_id"),
                d.getString("tokenHash"),
                d.getDate("issuedAt").toInstant(),
                d.getInteger("rotations", 0));
    }
}
