package coop.cluster.plumbing.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.bson.Document;

/**
 * Makes one instance of a service the relay at a time, so that two replicas do not publish the same events in
 * parallel (which would reorder an aggregate's events). A single conditional upsert takes or renews the lease.
 */
class RelayLease {

    static final String COLLECTION = "outbox_relay_lease";
    private static final String ID = "relay";

    private final MongoTemplate mongo;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;

    RelayLease(MongoTemplate mongo, String owner, Duration ttl, Clock clock) {
        this.mongo = mongo;
        this.owner = owner;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** Takes the lease if it is free, expired or already ours, and extends it. */
    boolean tryAcquire() {
        Date now = Date.from(clock.instant());
        Query free = Query.query(new Criteria().andOperator(Criteria.where("_id").is(ID),
                new Criteria().orOperator(Criteria.where("owner").is(owner), Criteria.where("expiresAt").lt(now))));
        Update take = new Update().set("owner", owner).set("expiresAt", Date.from(clock.instant().plus(ttl)));
        try {
            Document lease = mongo.findAndModify(free, take, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    Document.class, COLLECTION);
            return lease != null && owner.equals(lease.getString("owner"));
        } catch (DuplicateKeyException heldByAnother) {
            return false;
        }
    }

    void release() {
        mongo.remove(Query.query(Criteria.where("_id").is(ID).and("owner").is(owner)), COLLECTION);
    }

    String owner() {
        return owner;
    }

    Duration renewEvery() {
        return ttl.dividedBy(3);
    }
}
