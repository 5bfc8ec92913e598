package coop.cluster.notification.bounce.persistence;

import coop.cluster.notification.bounce.Bounces;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The collection {@code bounces}: one document per address, {@code _id} the address as {@link
 * Bounces#normalise} keys it, so every write is that one document's (an upsert, which answers with
 * the document after it). A hard bounce sets {@code hard} with its reason, source and time; a soft
 * one increments {@code softCount}.
 */
@Repository
public class BounceStore {

    static final String COLLECTION = "bounces";

    private final MongoTemplate mongo;

    BounceStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Whether the address (normalised) is marked hard-bounced. */
    public boolean hard(String address) {
        Document stored = mongo.findById(address, Document.class, COLLECTION);
        return stored != null && Boolean.TRUE.equals(stored.getBoolean("hard"));
    }

    /** Which of these addresses (normalised, distinct) are marked hard-bounced, in one read. */
    public Set<String> hardOf(Collection<String> addresses) {
        Query hard = Query.query(Criteria.where("_id").in(addresses).and("hard").is(true));
        hard.fields().include("_id");
        Set<String> bounced = new HashSet<>();
        mongo.find(hard, Document.class, COLLECTION).forEach(d -> bounced.add(d.getString("_id")));
        return bounced;
    }

    public Optional<Bounces.State> state(String address) {
        return Optional.ofNullable(mongo.findById(address, Document.class, COLLECTION))
                .map(BounceStore::state);
    }

    /**
     * Marks the address (normalised) hard-bounced, again if it was: the last reason wins. @return
     * its state after
     */
    public Bounces.State markHard(String address, String reason, String source, Instant at) {
        Date now = Date.from(at);
        return write(
                address,
                first(now)
                        .set("hard", true)
                        .set("hardReason", reason)
                        .set("hardSource", source)
                        .set("hardAt", now));
    }

    /** Counts a soft bounce of the address (normalised). @return its state after */
    public Bounces.State countSoft(String address, String reason, Instant at) {
        Date now = Date.from(at);
        return write(
                address,
                first(now)
                        .inc("softCount", 1)
                        .set("lastSoftReason", reason)
                        .set("lastSoftAt", now));
    }

    private static Update first(Date now) {
        return new Update().set("updatedAt", now).setOnInsert("firstAt", now);
    }

    private Bounces.State write(String address, Update update) {
        return state(
                mongo.findAndModify(
                        Query.query(Criteria.where("_id").is(address)),
                        update,
                        FindAndModifyOptions.options().upsert(true).returnNew(true),
                        Document.class,
                        COLLECTION));
    }

    private static Bounces.State state(Document d) {
        Date updated = d.getDate("updatedAt");
        return new Bounces.State(
                d.getString("_id"),
                Boolean.TRUE.equals(d.getBoolean("hard")),
                d.getInteger("softCount", 0),
                updated == null ? null : updated.toInstant());
    }
}
