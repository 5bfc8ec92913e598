package coop.cluster.notification.email;

import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
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
 * The e-mail deliveries, collection {@code email_deliveries}: one document per (event, person), inserted once
 * (its {@code _id} is derived from both: a second insert is refused), then {@code PENDING} until a worker has handed
 * it to the SMTP server ({@code SENT}) or given up ({@code FAILED}). A worker claims a pending delivery whose lease
 * has run out by one conditional single-document update that takes the lease ({@code leaseOwner},
 * {@code leaseUntil}); only the lease's holder marks it sent. No transaction anywhere: docs/notifications.md has
 * what a crash at each step does.
 */
@Component
public class Deliveries {

    static final String COLLECTION = "email_deliveries";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final EmailSettings settings;

    Deliveries(MongoTemplate mongo, Clock clock, EmailSettings settings) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = settings;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(Pair.of(COLLECTION, new Index().on("state", Sort.Direction.ASC)
                .on("leaseUntil", Sort.Direction.ASC)));
    }

    /** @return false if this delivery exists already: the event was handled before for this person */
    public boolean add(String id, String eventId, String personId, String to, Kind kind, Rendered text,
                       String unsubscribe) {
        Document delivery = new Document("_id", id).append("eventId", eventId).append("personId", personId)
                .append("kind", kind.code()).append("to", to).append("subject", text.subject())
                .append("text", text.text()).append("html", text.html()).append("unsubscribe", unsubscribe)
                .append("messageId", "<" + id + "@" + settings.messageIdDomain() + ">")
                .append("state", PENDING).append("claims", 0)
                // claimable at once: the instance that inserted it usually sends it within milliseconds
                .append("leaseUntil", new Date(0)).append("createdAt", Date.from(clock.instant()));
        try {
            mongo.insert(delivery, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /** Takes the lease of one pending delivery that nobody holds (or whose holder's lease ran out). */
    public Optional<Delivery> claim(String owner) {
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("state").is(PENDING).and("leaseUntil").lte(Date.from(now)));
        Update take = new Update().set("leaseOwner", owner).set("leaseUntil", Date.from(now.plus(settings.lease())))
                .inc("claims", 1);
        Document claimed = mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(true),
                Document.class, COLLECTION);
        return Optional.ofNullable(claimed).map(d -> new Delivery(d.getString("_id"), d.getString("eventId"),
                d.getString("personId"), d.getString("kind"), d.getString("to"), d.getString("subject"),
                d.getString("text"), d.getString("html"), d.getString("unsubscribe"), d.getString("messageId"),
                d.getInteger("claims", 1)));
    }

    /** @return false if the lease was lost meanwhile (another instance took the delivery over) */
    public boolean markSent(Delivery delivery, String owner) {
        return finish(delivery, owner, new Update().set("state", SENT).set("sentAt", Date.from(clock.instant())));
    }

    public boolean markFailed(Delivery delivery, String owner, String reason) {
        return finish(delivery, owner, new Update().set("state", FAILED).set("failedAt", Date.from(clock.instant()))
                .set("failure", reason));
    }

    /**
     * Gives the claim back after a failed send: still {@code PENDING}, claimable again at {@code until}.
     *
     * @return false if the lease was lost meanwhile
     */
    public boolean release(Delivery delivery, String owner, Instant until, String reason) {
        Query held = Query.query(Criteria.where("_id").is(delivery.id()).and("state").is(PENDING)
                .and("leaseOwner").is(owner));
        return mongo.updateFirst(held, new Update().set("leaseUntil", Date.from(until)).unset("leaseOwner")
                .set("lastFailure", reason), COLLECTION).getModifiedCount() == 1;
    }

    /** The state of a delivery, for tests and operators. */
    public Optional<String> state(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(d -> d.getString("state"));
    }

    public long count(String state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), COLLECTION);
    }

    private boolean finish(Delivery delivery, String owner, Update update) {
        Query held = Query.query(Criteria.where("_id").is(delivery.id()).and("state").is(PENDING)
                .and("leaseOwner").is(owner));
        return mongo.updateFirst(held, update.unset("leaseUntil"), COLLECTION).getModifiedCount() == 1;
    }
}
