package coop.cluster.notification.inbox.persistence;

import coop.cluster.notification.inbox.Inbox;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
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
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The collection {@code inbox}: one document per notification and person ({@code _id} the entry's
 * id, unique: a second insert of it is refused), {@code personId}, {@code eventId}, {@code kind},
 * {@code title}, {@code text}, {@code link}, {@code createdAt}, {@code readAt} (null until read);
 * index {@code {personId, createdAt}}. Every read and write is scoped by {@code personId}.
 */
@Repository
public class InboxStore {

    private static final Logger log = LoggerFactory.getLogger(InboxStore.class);

    static final String COLLECTION = "inbox";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    InboxStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * The index of a person's list, made once the service is ready; a store out of reach then
     * leaves it.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        try {
            mongo.indexOps(COLLECTION)
                    .createIndex(
                            new Index()
                                    .on("personId", Sort.Direction.ASC)
                                    .on("createdAt", Sort.Direction.DESC));
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", COLLECTION, e.toString());
        }
    }

    /**
     * @return false if this entry exists already
     */
    public boolean insert(Inbox.NewEntry entry) {
        try {
            mongo.insert(document(entry), COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /**
     * Inserts the entries in one unordered bulk insert; one that exists already is refused alone.
     *
     * @return the ids of the entries inserted now
     */
    public Set<String> insertAll(List<Inbox.NewEntry> entries) {
        Set<String> inserted = new LinkedHashSet<>();
        effects.insertAllOnce(COLLECTION, entries.stream().map(InboxStore::document).toList())
                .forEach(id -> inserted.add((String) id));
        return inserted;
    }

    /**
     * The person's entries, read or unread ({@code unread} null: both), newest first: one page, and
     * their count.
     */
    public Inbox.Page list(String personId, Boolean unread, int page, int size) {
        Criteria criteria = Criteria.where("personId").is(personId);
        if (Boolean.TRUE.equals(unread)) {
            criteria.and("readAt").is(null);
        } else if (Boolean.FALSE.equals(unread)) {
            criteria.and("readAt").ne(null);
        }
        long total = mongo.count(Query.query(criteria), COLLECTION);
        Query query =
                Query.query(criteria)
                        .with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                        .skip((long) page * size)
                        .limit(size);
        List<Inbox.Entry> entries =
                mongo.find(query, Document.class, COLLECTION).stream()
                        .map(InboxStore::entry)
                        .toList();
        return new Inbox.Page(entries, page, size, total);
    }

    public long unread(String personId) {
        return mongo.count(
                Query.query(Criteria.where("personId").is(personId).and("readAt").is(null)),
                COLLECTION);
    }

    /**
     * Marks the person's entry read if it is unread, then reads it. @return empty if they have no
     * such entry
     */
    public Optional<Inbox.Entry> markRead(String personId, String id, Instant at) {
        Query own = Query.query(Criteria.where("_id").is(id).and("personId").is(personId));
        mongo.updateFirst(
                Query.query(
                        Criteria.where("_id")
                                .is(id)
                                .and("personId")
                                .is(personId)
                                .and("readAt")
                                .is(null)),
                new Update().set("readAt", Date.from(at)),
                COLLECTION);
        return Optional.ofNullable(mongo.findOne(own, Document.class, COLLECTION))
                .map(InboxStore::entry);
    }

    /**
     * @return how many of the person's entries were unread and are read now
     */
    public long markAllRead(String personId, Instant at) {
        return mongo.updateMulti(
                        Query.query(Criteria.where("personId").is(personId).and("readAt").is(null)),
                        new Update().set("readAt", Date.from(at)),
                        COLLECTION)
                .getModifiedCount();
    }

    private static Document document(Inbox.NewEntry e) {
        return new Document("_id", e.id())
                .append("personId", e.personId())
                .append("eventId", e.eventId())
                .append("kind", e.kind().code())
                .append("title", e.text().subject())
                .append("text", e.text().summary())
                .append("link", e.link())
                .append("createdAt", Date.from(e.at()))
                .append("readAt", null);
    }

    private static Inbox.Entry entry(Document d) {
        Date read = d.getDate("readAt");
        return new Inbox.Entry(
                d.getString("_id"),
                d.getString("kind"),
                d.getString("title"),
                d.getString("text"),
                d.getString("link"),
                d.getDate("createdAt").toInstant(),
                read == null ? null : read.toInstant());
    }
}
