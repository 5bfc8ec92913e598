package coop.cluster.fundingwatch.watch.persistence;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * How many watches each member holds, one document per member in {@code watch_quotas}, so that the
 * limit holds under concurrent creates with single-document atomicity only: a create first takes a
 * place by a conditional increment ({@code count < max}), which two creates cannot both win for the
 * last place; a delete gives it back.
 *
 * <p>Without transactions a place can be taken and its watch never written (the instance stops in
 * between): the count is then higher than the watches. So a member found full is counted again from
 * its watches, and the quota set to that when it is lower. A place taken in the last {@link
 * #SETTLE} may belong to a create still writing its watch, so the recount is made only when none
 * was taken for that long, and is conditional on the count and that time read (a concurrent create
 * or delete is not undone).
 */
@Repository
public class WatchQuotas {

    static final String COLLECTION = "watch_quotas";

    /** Longer than any create takes between taking its place and writing its watch. */
    static final Duration SETTLE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final WatchStore watches;
    private final Clock clock;

    WatchQuotas(MongoTemplate mongo, WatchStore watches, Clock clock) {
        this.mongo = mongo;
        this.watches = watches;
        this.clock = clock;
    }

    /**
     * Takes a place for a new watch of {@code member}. @return false when it holds {@code max}
     * already
     */
    public boolean take(String member, int max) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (mongo.findById(member, Document.class, COLLECTION) == null) {
                try {
                    // the first time: start from the watches it holds (created before quotas were
                    // kept)
                    mongo.insert(
                            new Document("_id", member).append("count", watches.countOf(member)),
                            COLLECTION);
                } catch (DuplicateKeyException created) {
                    // another create did it first
                }
            }
            Document taken =
                    mongo.findAndModify(
                            Query.query(Criteria.where("_id").is(member).and("count").lt(max)),
                            new Update().inc("count", 1).set("takenAt", Date.from(clock.instant())),
                            FindAndModifyOptions.options().returnNew(true),
                            Document.class,
                            COLLECTION);
            if (taken != null) {
                return true;
            }
            if (!recount(member)) {
                return false;
            }
        }
        return false;
    }

    /** Gives back the place of a watch deleted, or of one that was not written after all. */
    public void giveBack(String member) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(member).and("count").gt(0)),
                new Update().inc("count", -1),
                COLLECTION);
    }

    /**
     * Sets the quota to the watches held when it says more and no place was taken lately. @return
     * if lowered
     */
    private boolean recount(String member) {
        Document quota = mongo.findById(member, Document.class, COLLECTION);
        if (quota == null) {
            return false;
        }
        Date takenAt = quota.getDate("takenAt");
        if (takenAt != null && takenAt.toInstant().isAfter(clock.instant().minus(SETTLE))) {
            return false;
        }
        long held = watches.countOf(member);
        if (quota.get("count", Number.class).longValue() <= held) {
            return false;
        }
        Criteria unchanged = Criteria.where("_id").is(member).and("count").is(quota.get("count"));
        unchanged =
                takenAt == null
                        ? unchanged.and("takenAt").exists(false)
                        : unchanged.and("takenAt").is(takenAt);
        return mongo.updateFirst(
                                Query.query(unchanged), new Update().set("count", held), COLLECTION)
                        .getModifiedCount()
                == 1;
    }
}
