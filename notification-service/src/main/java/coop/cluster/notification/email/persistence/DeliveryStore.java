package coop.cluster.notification.email.persistence;

import coop.cluster.notification.email.Deliveries;
import coop.cluster.notification.email.Delivery;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 * The e-mail deliveries' two collections, every write one document's or one conditional
 * multi-document update (no transaction anywhere; {@link Deliveries} has the order of the writes
 * and what a crash between two of them does):
 *
 * <ul>
 *   <li>{@code email_deliveries}: one small document per (event, person), inserted once (its {@code
 *       _id} is derived from both: a second insert is refused), {@code PENDING} until a worker has
 *       handed it to the SMTP server ({@code SENT}) or given up ({@code FAILED}): to whom, which
 *       event, the {@code Message-ID}, when. It keeps every delivery, so it grows with the
 *       platform's history; it does not keep the message.
 *   <li>{@code email_queue}: one document per delivery still to send ({@code _id} the delivery's),
 *       with its message (subject, text, HTML, unsubscribe link), the lease ({@code leaseOwner},
 *       {@code leaseUntil}, {@code leaseToken}) and the {@code claims}, and {@code recheck} when a
 *       redelivered event queued it again. A claim reads the deliveries waiting now, not the whole
 *       history (in {@code email_deliveries} the embedded store read every delivery ever made for
 *       each claim, and the send rate fell as it grew), and the updates of a delivery's state
 *       rewrite small documents.
 * </ul>
 */
@Repository
public class DeliveryStore {

    private static final Logger log = LoggerFactory.getLogger(DeliveryStore.class);

    public static final String COLLECTION = "email_deliveries";
    public static final String QUEUE = "email_queue";

    private static final List<String> MESSAGE =
            List.of(
                    "eventId",
                    "personId",
                    "kind",
                    "to",
                    "subject",
                    "text",
                    "html",
                    "unsubscribe",
                    "messageId");

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    public DeliveryStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * A queue entry: the delivery with its message and its claims, and whether its claim must read
     * the delivery's state first ({@code recheck}: a redelivered event queued it again, a sender
     * may have sent it since).
     */
    public record Entry(Delivery delivery, boolean recheck) {}

    /**
     * The queue's index on the lease, made once the service is ready; a store out of reach leaves
     * it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        try {
            mongo.indexOps(QUEUE).createIndex(new Index().on("leaseUntil", Sort.Direction.ASC));
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", QUEUE, e.toString());
        }
    }

    // --- email_deliveries

    /** Inserts the delivery, {@code PENDING}. @return false if it exists already */
    public boolean insert(Delivery delivery, Instant createdAt) {
        try {
            mongo.insert(record(delivery, createdAt), COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /**
     * Inserts the deliveries, {@code PENDING}, in one unordered bulk insert; one that exists
     * already is refused alone.
     *
     * @return the ids of those inserted now
     */
    public Set<String> insertAll(List<Delivery> deliveries, Instant createdAt) {
        List<Document> made = deliveries.stream().map(d -> record(d, createdAt)).toList();
        Set<String> inserted = new LinkedHashSet<>();
        effects.insertAllOnce(COLLECTION, made).forEach(id -> inserted.add((String) id));
        return inserted;
    }

    /** Which of these deliveries are still {@code PENDING}, in one read. */
    public List<String> pendingOf(Collection<String> ids) {
        Query pending =
                Query.query(Criteria.where("_id").in(ids).and("state").is(Deliveries.PENDING));
        pending.fields().include("_id");
        return mongo.find(pending, Document.class, COLLECTION).stream()
                .map(d -> d.getString("_id"))
                .toList();
    }

    /** Which of these deliveries are no longer {@code PENDING} (sent or given up), in one read. */
    public Set<String> doneOf(Collection<String> ids) {
        Query states =
                Query.query(Criteria.where("_id").in(ids).and("state").ne(Deliveries.PENDING));
        states.fields().include("_id");
        Set<String> done = new LinkedHashSet<>();
        mongo.find(states, Document.class, COLLECTION).forEach(d -> done.add(d.getString("_id")));
        return done;
    }

    public Optional<String> state(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION))
                .map(d -> d.getString("state"));
    }

    public long count(String state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), COLLECTION);
    }

    /** Marks these deliveries {@code SENT}, in one update; only pending ones change. */
    public void markAllSent(Collection<String> ids, Instant at) {
        mongo.updateMulti(
                Query.query(Criteria.where("_id").in(ids).and("state").is(Deliveries.PENDING)),
                new Update().set("state", Deliveries.SENT).set("sentAt", Date.from(at)),
                COLLECTION);
    }

    /**
     * Marks the delivery {@code SENT} if it is pending (a second holder's mark changes nothing).
     */
    public void markSent(String id, Instant at) {
        finish(id, new Update().set("state", Deliveries.SENT).set("sentAt", Date.from(at)));
    }

    /** Marks the delivery {@code FAILED} with the reason, if it is pending. */
    public void markFailed(String id, Instant at, String reason) {
        finish(
                id,
                new Update()
                        .set("state", Deliveries.FAILED)
                        .set("failedAt", Date.from(at))
                        .set("failure", reason));
    }

    /**
     * The pending deliveries of a store written before the queue existed: they carry their message
     * themselves.
     */
    public List<Delivery> pendingCarryingTheirMessage() {
        return mongo
                .find(
                        Query.query(
                                Criteria.where("state")
                                        .is(Deliveries.PENDING)
                                        .and("subject")
                                        .exists(true)),
                        Document.class,
                        COLLECTION)
                .stream()
                .map(d -> delivery(d, 1))
                .toList();
    }

    // --- email_queue

    /**
     * Queues the delivery's message, claimable at once, unless it is queued already (an upsert that
     * only sets the fields of a new entry: an entry that is there is left as it is).
     */
    public void enqueue(Delivery delivery, boolean recheck) {
        Document message = new Document();
        Document fields = message(delivery);
        MESSAGE.forEach(field -> message.append(field, fields.get(field)));
        if (recheck) {
            message.append("recheck", true);
        }
        Update entry = new Update().setOnInsert("leaseUntil", new Date(0)).setOnInsert("claims", 0);
        message.forEach(entry::setOnInsert);
        // claimable at once: the instance that inserted it usually sends it within milliseconds
        mongo.upsert(Query.query(Criteria.where("_id").is(delivery.id())), entry, QUEUE);
    }

    /**
     * Queues these entries in one unordered bulk insert, claimable at once; one that is queued
     * already is refused and left as it is.
     */
    public void queueAll(List<Entry> entries) {
        List<Document> queue = new ArrayList<>();
        for (Entry entry : entries) {
            Document message =
                    message(entry.delivery()).append("leaseUntil", new Date(0)).append("claims", 0);
            if (entry.recheck()) {
                message.append("recheck", true);
            }
            queue.add(message);
        }
        effects.insertAllOnce(QUEUE, queue);
    }

    /** Whether the delivery has a queue entry. */
    public boolean queued(String id) {
        return mongo.exists(Query.query(Criteria.where("_id").is(id)), QUEUE);
    }

    /** Deliveries waiting in the queue (claimed or not). */
    public long queued() {
        return mongo.count(new Query(), QUEUE);
    }

    /**
     * Leases one entry due at {@code now} (nobody holds it, or its holder's lease ran out) to
     * {@code owner} until {@code until}, by one conditional single-document update that answers
     * with the entry.
     *
     * @return the entry, its claims counting this one
     */
    public Optional<Entry> leaseOne(String owner, Instant now, Instant until) {
        Query due = Query.query(Criteria.where("leaseUntil").lte(Date.from(now)));
        Update take =
                new Update()
                        .set("leaseOwner", owner)
                        .set("leaseUntil", Date.from(until))
                        .inc("claims", 1);
        return Optional.ofNullable(
                        mongo.findAndModify(
                                due,
                                take,
                                FindAndModifyOptions.options().returnNew(true),
                                Document.class,
                                QUEUE))
                .map(d -> entry(d, 1));
    }

    /**
     * Up to {@code limit} entries due at {@code now}, as they are: their claims not counting a
     * claim to come.
     */
    public List<Entry> due(Instant now, int limit) {
        Query due = Query.query(Criteria.where("leaseUntil").lte(Date.from(now))).limit(limit);
        return mongo.find(due, Document.class, QUEUE).stream().map(d -> entry(d, 0)).toList();
    }

    /**
     * Leases those of these entries still due at {@code now} to {@code owner} until {@code until},
     * marked with {@code token}, in one conditional update.
     *
     * @return how many it leased
     */
    public long lease(
            Collection<String> ids, Instant now, String owner, String token, Instant until) {
        return mongo.updateMulti(
                        Query.query(
                                Criteria.where("_id")
                                        .in(ids)
                                        .and("leaseUntil")
                                        .lte(Date.from(now))),
                        new Update()
                                .set("leaseOwner", owner)
                                .set("leaseToken", token)
                                .set("leaseUntil", Date.from(until))
                                .inc("claims", 1),
                        QUEUE)
                .getModifiedCount();
    }

    /** The entries of these ids leased with {@code token}, their claims counting that lease. */
    public List<Entry> leasedWith(Collection<String> ids, String token) {
        return mongo
                .find(
                        Query.query(Criteria.where("_id").in(ids).and("leaseToken").is(token)),
                        Document.class,
                        QUEUE)
                .stream()
                .map(d -> entry(d, 1))
                .toList();
    }

    /**
     * Gives the entry back, still queued, claimable again at {@code until}. @return false if owner
     * lost its lease
     */
    public boolean release(String id, String owner, Instant until, String reason) {
        Query held = Query.query(Criteria.where("_id").is(id).and("leaseOwner").is(owner));
        return mongo.updateFirst(
                                held,
                                new Update()
                                        .set("leaseUntil", Date.from(until))
                                        .unset("leaseOwner")
                                        .set("lastFailure", reason),
                                QUEUE)
                        .getModifiedCount()
                == 1;
    }

    /**
     * Removes the entry if {@code owner} holds it. @return false if it had passed to another owner
     * (or was gone)
     */
    public boolean dequeue(String id, String owner) {
        return mongo.remove(
                                Query.query(
                                        Criteria.where("_id").is(id).and("leaseOwner").is(owner)),
                                QUEUE)
                        .getDeletedCount()
                == 1;
    }

    /**
     * Removes the entries of these ids that {@code owner} holds, in one request. @return how many
     */
    public long dequeueAll(Collection<String> ids, String owner) {
        return mongo.remove(
                        Query.query(Criteria.where("_id").in(ids).and("leaseOwner").is(owner)),
                        QUEUE)
                .getDeletedCount();
    }

    /** Which of these ids are still queued, in one read. */
    public Set<String> stillQueued(Collection<String> ids) {
        Query left = Query.query(Criteria.where("_id").in(ids));
        left.fields().include("_id");
        Set<String> queued = new LinkedHashSet<>();
        mongo.find(left, Document.class, QUEUE).forEach(d -> queued.add(d.getString("_id")));
        return queued;
    }

    private void finish(String id, Update update) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id).and("state").is(Deliveries.PENDING)),
                update,
                COLLECTION);
    }

    private static Document record(Delivery d, Instant createdAt) {
        return new Document("_id", d.id())
                .append("eventId", d.eventId())
                .append("personId", d.personId())
                .append("kind", d.kind())
                .append("to", d.to())
                .append("messageId", d.messageId())
                .append("state", Deliveries.PENDING)
                .append("createdAt", Date.from(createdAt));
    }

    private static Document message(Delivery d) {
        return new Document("_id", d.id())
                .append("eventId", d.eventId())
                .append("personId", d.personId())
                .append("kind", d.kind())
                .append("to", d.to())
                .append("subject", d.subject())
                .append("text", d.text())
                .append("html", d.html())
                .append("unsubscribe", d.unsubscribe())
                .append("messageId", d.messageId());
    }

    private static Entry entry(Document d, int claimsWhenAbsent) {
        return new Entry(
                delivery(d, claimsWhenAbsent), Boolean.TRUE.equals(d.getBoolean("recheck")));
    }

    private static Delivery delivery(Document d, int claimsWhenAbsent) {
        return new Delivery(
                d.getString("_id"),
                d.getString("eventId"),
                d.getString("personId"),
                d.getString("kind"),
                d.getString("to"),
                d.getString("subject"),
                d.getString("text"),
                d.getString("html"),
                d.getString("unsubscribe"),
                d.getString("messageId"),
                d.getInteger("claims", claimsWhenAbsent));
    }
}
