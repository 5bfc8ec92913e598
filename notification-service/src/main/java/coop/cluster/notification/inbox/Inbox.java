package coop.cluster.notification.inbox;

import coop.cluster.notification.notify.Kind;
import coop.cluster.notification.notify.Rendered;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.util.Pair;
import org.springframework.stereotype.Component;

/**
 * The in-app inbox, collection {@code inbox}: one document per notification and person, whose {@code _id} is derived
 * from the event id and the person ({@code IdempotentEffects.effectId}), so a redelivered event adds nothing (the
 * insert is refused by the unique {@code _id}). Every read and write is scoped by {@code personId}: a person only ever
 * sees and marks their own.
 */
@Component
public class Inbox {

    static final String COLLECTION = "inbox";

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    Inbox(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    public static List<Pair<String, Index>> indexes() {
        return List.of(Pair.of(COLLECTION, new Index().on("personId", Sort.Direction.ASC)
                .on("createdAt", Sort.Direction.DESC)));
    }

    /** @return false if this entry exists already (the event was handled before) */
    public boolean add(String id, String eventId, String personId, Kind kind, Rendered text, String link,
                       Instant at) {
        Document entry = entry(id, eventId, personId, kind, text, link, at);
        try {
            mongo.insert(entry, COLLECTION);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    /** An entry to insert with {@link #addAll}. */
    public static Document entry(String id, String eventId, String personId, Kind kind, Rendered text, String link,
                                 Instant at) {
        return new Document("_id", id).append("personId", personId).append("eventId", eventId)
                .append("kind", kind.code()).append("title", text.subject()).append("text", text.summary())
                .append("link", link).append("createdAt", Date.from(at)).append("readAt", null);
    }

    /**
     * Inserts many entries ({@link #entry}) in one unordered bulk insert; one that exists already (its event was
     * handled before) is refused alone.
     *
     * @return the ids of the entries inserted now
     */
    public Set<Object> addAll(List<Document> entries) {
        return effects.insertAllOnce(COLLECTION, entries);
    }

    public record Entry(String id, String kind, String title, String text, String link, Instant createdAt,
                        Instant readAt) {
    }

    public record Page(List<Entry> content, int page, int size, long totalElements) {
    }

    public Page list(String personId, Boolean unread, int page, int size) {
        Criteria criteria = Criteria.where("personId").is(personId);
        if (Boolean.TRUE.equals(unread)) {
            criteria.and("readAt").is(null);
        } else if (Boolean.FALSE.equals(unread)) {
            criteria.and("readAt").ne(null);
        }
        long total = mongo.count(Query.query(criteria), COLLECTION);
        Query query = Query.query(criteria).with(Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("_id")))
                .skip((long) page * size).limit(size);
        List<Entry> entries = mongo.find(query, Document.class, COLLECTION).stream().map(Inbox::entry).toList();
        return new Page(entries, page, size, total);
    }

    public long unread(String personId) {
        return mongo.count(Query.query(Criteria.where("personId").is(personId).and("readAt").is(null)), COLLECTION);
    }

    /** Marks one of the person's own entries read (again: no change). @return empty if they have no such entry */
    public Optional<Entry> markRead(String personId, String id, Instant at) {
        Query own = Query.query(Criteria.where("_id").is(id).and("personId").is(personId));
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("personId").is(personId).and("readAt").is(null)),
                new Update().set("readAt", Date.from(at)), COLLECTION);
        return Optional.ofNullable(mongo.findOne(own, Document.class, COLLECTION)).map(Inbox::entry);
    }

    /** @return how many entries were unread and are read now */
    public long markAllRead(String personId, Instant at) {
        return mongo.updateMulti(Query.query(Criteria.where("personId").is(personId).and("readAt").is(null)),
                new Update().set("readAt", Date.from(at)), COLLECTION).getModifiedCount();
    }

    private static Entry entry(Document d) {
        Date read = d.getDate("readAt");
        return new Entry(d.getString("_id"), d.getString("kind"), d.getString("title"), d.getString("text"),
                d.getString("link"), d.getDate("createdAt").toInstant(), read == null ? null : read.toInstant());
    }
}
