package coop.cluster.notification.email;

import coop.cluster.notification.notify.Kind;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.notification.notify.Rendered;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
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
 * The e-mail deliveries, in two collections and without a transaction anywhere (docs/notifications.md has what a
 * crash at each step does):
 * <ul>
 *   <li>{@code email_deliveries}: one small document per (event, person), inserted once (its {@code _id} is derived
 *   from both: a second insert is refused), {@code PENDING} until a worker has handed it to the SMTP server
 *   ({@code SENT}) or given up ({@code FAILED}): to whom, which event, the {@code Message-ID}, when. It keeps every
 *   delivery, so it grows with the platform's history; it does not keep the message.</li>
 *   <li>{@code email_queue}: one document per delivery still to send ({@code _id} the delivery's), with its message
 *   (subject, text, HTML, unsubscribe link), the lease ({@code leaseOwner}, {@code leaseUntil}) and the
 *   {@code claims}. A worker claims one whose lease has run out by one conditional single-document update, which
 *   answers with the message; the entry is removed once its delivery is sent or given up. A claim therefore reads
 *   the deliveries waiting now, not the whole history (in {@code email_deliveries} the embedded store read every
 *   delivery ever made for each claim, and the send rate fell as it grew), and the updates of a delivery's state
 *   rewrite small documents.</li>
 * </ul>
 * The delivery is written before its queue entry; an insert refused as a duplicate puts a still pending delivery
 * back in the queue (an entry that is there already is left as it is), flagged {@code recheck}, so a crash between the
 * two writes is repaired by the event's redelivery. Without transactions, what a crash does in the sender's steps:
 * <ul>
 *   <li>between the claim's read of the due entries and its conditional update: nothing written; the update takes
 *   only those still due, and the token tells which it took;</li>
 *   <li>after the claim, before or during the SMTP conversation: the lease runs out and any sender claims the entry
 *   again ({@code claims} > 1: its delivery's state is read first), and sends it once;</li>
 *   <li>after the SMTP server accepted a mail, before {@code SENT} was written: sent again after the lease, with the
 *   same {@code Message-ID} (no protocol closes that window);</li>
 *   <li>after {@code SENT} was written, before the entry was removed: the entry's next claim reads the state (it was
 *   claimed before), sees it done and drops the entry: nothing is sent;</li>
 *   <li>a redelivered event that queues a delivery again just as a sender sends and removes it: the entry carries
 *   {@code recheck}, so its claim reads the state and drops it.</li>
 * </ul>
 * An entry claimed for the first time and not flagged was queued with its delivery pending and nothing has sent it
 * since: its claim reads no state, so that a batch is claimed in two requests and marked in two.
 */
@Component
public class Deliveries {

    static final String COLLECTION = "email_deliveries";
    static final String QUEUE = "email_queue";
    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
    /** A batch claim reads this many times its size of due entries and takes one such window of them at random. */
    static final int WINDOWS = 4;

    private final MongoTemplate mongo;
    private final Clock clock;
    private final EmailSettings settings;
    private final IdempotentEffects effects;

    Deliveries(MongoTemplate mongo, Clock clock, EmailSettings settings, IdempotentEffects effects) {
        this.mongo = mongo;
        this.clock = clock;
        this.settings = settings;
        this.effects = effects;
    }

    /** A delivery to make with {@link #addAll}: its id derives from (event, person, channel). */
    public record NewDelivery(String id, String eventId, String personId, String to, Kind kind, Rendered text,
                              String unsubscribe) {
    }

    /**
     * {@link #add} for many deliveries, in two requests as a rule whatever their number: one unordered bulk insert of
     * the deliveries, then one of the queue entries of those inserted now. A delivery refused as a duplicate (its
     * event was handled before, up to some step) costs one read of the duplicates' states, and each still pending
     * one's message is queued with the others (an entry that is there already is refused and left as it is), flagged
     * {@code recheck}: its claim reads the delivery's state, as a sender may have sent it since.
     *
     * @return the ids of the deliveries made now
     */
    public Set<String> addAll(List<NewDelivery> all) {
        if (all.isEmpty()) {
            return Set.of();
        }
        List<Document> made = new ArrayList<>();
        Map<String, Document> messages = new LinkedHashMap<>();
        for (NewDelivery d : all) {
            String messageId = "<" + d.id() + "@" + settings.messageIdDomain() + ">";
            made.add(new Document("_id", d.id()).append("eventId", d.eventId()).append("personId", d.personId())
                    .append("kind", d.kind().code()).append("to", d.to()).append("messageId", messageId)
                    .append("state", PENDING).append("createdAt", Date.from(clock.instant())));
            messages.put(d.id(), new Document("_id", d.id()).append("eventId", d.eventId())
                    .append("personId", d.personId()).append("kind", d.kind().code()).append("to", d.to())
                    .append("subject", d.text().subject()).append("text", d.text().text())
                    .append("html", d.text().html()).append("unsubscribe", d.unsubscribe())
                    .append("messageId", messageId).append("leaseUntil", new Date(0)).append("claims", 0));
        }
        Set<String> inserted = new LinkedHashSet<>();
        effects.insertAllOnce(COLLECTION, made).forEach(id -> inserted.add((String) id));
        List<Document> queue = new ArrayList<>();
        List<String> refused = messages.keySet().stream().filter(id -> !inserted.contains(id)).toList();
        if (!refused.isEmpty()) {
            Query pending = Query.query(Criteria.where("_id").in(refused).and("state").is(PENDING));
            pending.fields().include("_id");
            mongo.find(pending, Document.class, COLLECTION)
                    .forEach(d -> queue.add(messages.get(d.getString("_id")).append("recheck", true)));
        }
        inserted.forEach(id -> queue.add(messages.get(id)));
        effects.insertAllOnce(QUEUE, queue);
        return inserted;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(Pair.of(QUEUE, new Index().on("leaseUntil", Sort.Direction.ASC)));
    }

    /** @return false if this delivery exists already: the event was handled before for this person */
    public boolean add(String id, String eventId, String personId, String to, Kind kind, Rendered text,
                       String unsubscribe) {
        String messageId = "<" + id + "@" + settings.messageIdDomain() + ">";
        Document delivery = new Document("_id", id).append("eventId", eventId).append("personId", personId)
                .append("kind", kind.code()).append("to", to).append("messageId", messageId)
                .append("state", PENDING).append("createdAt", Date.from(clock.instant()));
        Document message = new Document("eventId", eventId).append("personId", personId).append("kind", kind.code())
                .append("to", to).append("subject", text.subject()).append("text", text.text())
                .append("html", text.html()).append("unsubscribe", unsubscribe).append("messageId", messageId);
        try {
            mongo.insert(delivery, COLLECTION);
        } catch (DuplicateKeyException alreadyThere) {
            if (state(id).filter(PENDING::equals).isPresent()) {
                // a crash may have come between the delivery and its queue entry: the redelivered event queues it
                // (its claim reads the delivery's state: a sender may have sent it since the state was read here)
                enqueue(id, message.append("recheck", true));
            }
            return false;
        }
        enqueue(id, message);
        return true;
    }

    private void enqueue(String id, Document message) {
        Update entry = new Update().setOnInsert("leaseUntil", new Date(0)).setOnInsert("claims", 0);
        message.forEach(entry::setOnInsert);
        // claimable at once: the instance that inserted it usually sends it within milliseconds
        mongo.upsert(Query.query(Criteria.where("_id").is(id)), entry, QUEUE);
    }

    /** Takes the lease of one pending delivery that nobody holds (or whose holder's lease ran out). */
    public Optional<Delivery> claim(String owner) {
        while (true) {
            Instant now = clock.instant();
            Query due = Query.query(Criteria.where("leaseUntil").lte(Date.from(now)));
            Update take = new Update().set("leaseOwner", owner)
                    .set("leaseUntil", Date.from(now.plus(settings.lease()))).inc("claims", 1);
            Document lease = mongo.findAndModify(due, take, FindAndModifyOptions.options().returnNew(true),
                    Document.class, QUEUE);
            if (lease == null) {
                return Optional.empty();
            }
            String id = lease.getString("_id");
            if (state(id).filter(PENDING::equals).isEmpty()) {
                // sent or given up by a holder whose lease had run out, or re-queued by a late redelivery
                dequeue(id, owner);
                continue;
            }
            return Optional.of(delivery(lease));
        }
    }

    /**
     * Takes the leases of up to {@code max} pending deliveries that nobody holds, in two requests as a rule: the
     * entries due now (up to {@value #WINDOWS} × {@code max} of them, of which this claim takes one window of
     * {@code max} at random, so that the senders of an instance do not all race for the same entries), then one
     * conditional update that leases those still due with a token of this claim. Only when that update took fewer than
     * it was given (another sender got there first) are the entries holding the token read back; only when an entry
     * was claimed before ({@code claims} > 0: a sender that crashed or gave it back, possibly after it was sent and
     * marked) or was queued again by a redelivered event ({@code recheck}) are the states of those deliveries read,
     * and an entry whose delivery is done is dropped. An entry claimed for the first time was queued with its delivery
     * pending and nothing has sent it yet.
     */
    public List<Delivery> claim(String owner, int max) {
        if (max <= 1) {
            return claim(owner).map(List::of).orElse(List.of());
        }
        Instant now = clock.instant();
        Query due = Query.query(Criteria.where("leaseUntil").lte(Date.from(now))).limit(max * WINDOWS);
        List<Document> found = mongo.find(due, Document.class, QUEUE);
        if (found.isEmpty()) {
            return List.of();
        }
        int windows = (found.size() + max - 1) / max;
        int from = ThreadLocalRandom.current().nextInt(windows) * max;
        List<Document> window = found.subList(from, Math.min(found.size(), from + max));
        List<Object> ids = window.stream().map(d -> d.get("_id")).toList();
        String token = owner + "/" + UUID.randomUUID();
        long taken = mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("leaseUntil").lte(Date.from(now))),
                new Update().set("leaseOwner", owner).set("leaseToken", token)
                        .set("leaseUntil", Date.from(now.plus(settings.lease()))).inc("claims", 1), QUEUE)
                .getModifiedCount();
        List<Document> leases;
        if (taken == ids.size()) {
            // the message fields are written once, at the entry's insert: the documents read are the leased ones
            leases = window.stream().map(d -> {
                Document leased = new Document(d);
                leased.put("claims", d.getInteger("claims", 0) + 1);
                return leased;
            }).toList();
        } else if (taken == 0) {
            return List.of();
        } else {
            leases = mongo.find(Query.query(Criteria.where("_id").in(ids).and("leaseToken").is(token)),
                    Document.class, QUEUE);
        }
        List<Object> suspect = leases.stream().filter(d -> d.getInteger("claims", 1) > 1
                || Boolean.TRUE.equals(d.getBoolean("recheck"))).map(d -> d.get("_id")).toList();
        Set<Object> done = new HashSet<>();
        if (!suspect.isEmpty()) {
            Query states = Query.query(Criteria.where("_id").in(suspect).and("state").ne(PENDING));
            states.fields().include("_id");
            mongo.find(states, Document.class, COLLECTION).forEach(d -> done.add(d.get("_id")));
        }
        List<Delivery> claimed = new ArrayList<>();
        for (Document lease : leases) {
            if (done.contains(lease.get("_id"))) {
                // sent or given up by a holder that crashed before removing the entry, or queued again late
                dequeue(lease.getString("_id"), owner);
            } else {
                claimed.add(delivery(lease));
            }
        }
        return claimed;
    }

    /**
     * Marks the deliveries sent, in two requests as a rule: the deliveries' state (only pending ones change), then
     * the removal of the queue entries this owner still holds. Only when fewer were removed than given are the ones
     * left read, to say which had passed to another instance.
     *
     * @return the ids of those whose lease this owner still held (the others had passed to another instance)
     */
    public Set<String> markSent(List<Delivery> sent, String owner) {
        if (sent.isEmpty()) {
            return Set.of();
        }
        List<String> ids = sent.stream().map(Delivery::id).toList();
        mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("state").is(PENDING)),
                new Update().set("state", SENT).set("sentAt", Date.from(clock.instant())), COLLECTION);
        long removed = mongo.remove(Query.query(Criteria.where("_id").in(ids).and("leaseOwner").is(owner)), QUEUE)
                .getDeletedCount();
        Set<String> held = new HashSet<>(ids);
        if (removed < ids.size()) {
            Query left = Query.query(Criteria.where("_id").in(ids));
            left.fields().include("_id");
            mongo.find(left, Document.class, QUEUE).forEach(d -> held.remove(d.getString("_id")));
        }
        return held;
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
        Query held = Query.query(Criteria.where("_id").is(delivery.id()).and("leaseOwner").is(owner));
        return mongo.updateFirst(held, new Update().set("leaseUntil", Date.from(until)).unset("leaseOwner")
                .set("lastFailure", reason), QUEUE).getModifiedCount() == 1;
    }

    /** The state of a delivery, for tests and operators. */
    public Optional<String> state(String id) {
        return Optional.ofNullable(mongo.findById(id, Document.class, COLLECTION)).map(d -> d.getString("state"));
    }

    public long count(String state) {
        return mongo.count(Query.query(Criteria.where("state").is(state)), COLLECTION);
    }

    /**
     * Puts in the queue the pending deliveries of a store written before the queue existed (they carry their message
     * themselves). Reads every pending delivery once.
     *
     * @return how many were queued
     */
    public int requeuePending() {
        int queued = 0;
        for (Document pending : mongo.find(Query.query(Criteria.where("state").is(PENDING)
                .and("subject").exists(true)), Document.class, COLLECTION)) {
            String id = pending.getString("_id");
            if (!mongo.exists(Query.query(Criteria.where("_id").is(id)), QUEUE)) {
                Document message = new Document();
                for (String field : List.of("eventId", "personId", "kind", "to", "subject", "text", "html",
                        "unsubscribe", "messageId")) {
                    message.append(field, pending.get(field));
                }
                enqueue(id, message);
                queued++;
            }
        }
        return queued;
    }

    /** Deliveries waiting in the queue (claimed or not). */
    public long queued() {
        return mongo.count(new Query(), QUEUE);
    }

    /**
     * The delivery's final state first (only a pending one changes: a second holder's mark changes nothing), then its
     * queue entry, if this owner still holds it. A crash between the two leaves a queue entry that the next claim
     * drops.
     */
    private boolean finish(Delivery delivery, String owner, Update update) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.id()).and("state").is(PENDING)), update,
                COLLECTION);
        return dequeue(delivery.id(), owner);
    }

    private boolean dequeue(String id, String owner) {
        return mongo.remove(Query.query(Criteria.where("_id").is(id).and("leaseOwner").is(owner)), QUEUE)
                .getDeletedCount() == 1;
    }

    private static Delivery delivery(Document lease) {
        return new Delivery(lease.getString("_id"), lease.getString("eventId"), lease.getString("personId"),
                lease.getString("kind"), lease.getString("to"), lease.getString("subject"), lease.getString("text"),
                lease.getString("html"), lease.getString("unsubscribe"), lease.getString("messageId"),
                lease.getInteger("claims", 1));
    }
}
