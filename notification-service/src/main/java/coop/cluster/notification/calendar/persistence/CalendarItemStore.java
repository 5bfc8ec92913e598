package coop.cluster.notification.calendar.persistence;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The calendar's two collections:
 *
 * <ul>
 *   <li>{@code calendar_items}: one document per dated thing, {@code _id} {@code <kind>:<id>}, with
 *       the fields its events set ({@code kind}, {@code ref}, {@code title}, {@code context},
 *       {@code starts} or {@code dueDate}, {@code memberIds} or {@code audience} or {@code
 *       personIds}, {@code cancelled}; an exchange event's {@code ends} and {@code titleEn} too),
 *       {@code sequence} (incremented by each change) and {@code updatedAt}. Each event is applied
 *       once ({@link IdempotentEffects#applyOnce}: the dedupe record is in the document), and one
 *       thing's events come in order on one partition (the key is its id).
 *   <li>{@code calendar_call_members}: {@code _id} the call id, {@code memberIds} the organisations
 *       a call was matched to, grown by {@code $addToSet}: idempotent and commutative, and a
 *       separate document so that the two topics' consumers never race for one document's creation.
 * </ul>
 *
 * Every write is one document's; nothing is deleted.
 */
@Repository
public class CalendarItemStore {

    private static final Logger log = LoggerFactory.getLogger(CalendarItemStore.class);

    public static final String ITEMS = "calendar_items";
    static final String CALL_MEMBERS = "calendar_call_members";

    /** The store's answer to a duplicate key: two upserts of one new {@code _id} at once. */
    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    CalendarItemStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * A change of one item for one event: the fields to set ({@link Instant}s, alone or in lists,
     * are stored as dates), at {@code at}; {@code added} a value to add to a set field ({@code
     * $addToSet}), {@code removed} one to take out of it ({@code $pull}).
     */
    public record Change(
            String id,
            String eventId,
            Map<String, Object> fields,
            Instant at,
            Map<String, Object> added,
            Map<String, Object> removed) {

        public Change(String id, String eventId, Map<String, Object> fields, Instant at) {
            this(id, eventId, fields, at, Map.of(), Map.of());
        }
    }

    /**
     * An item as stored.
     *
     * @param starts its instants (a call's cut-offs, ascending; a vote's or an invitation's one);
     *     empty for an invoice
     * @param dueDate an invoice's due date ({@code 2027-01-31}); null for the others
     * @param ends an exchange event's end; null for the others
     * @param titleEn an exchange event's English title ({@code title} the French one)
     */
    public record Item(
            String kind,
            String ref,
            String title,
            String context,
            List<Instant> starts,
            String dueDate,
            boolean cancelled,
            int sequence,
            Instant updatedAt,
            Instant ends,
            String titleEn) {}

    /**
     * The indexes the feed's question uses, made once the service is ready; a store out of reach
     * leaves them.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void createIndexes() {
        index(ITEMS, new Index("memberIds", Sort.Direction.ASC));
        index(ITEMS, new Index("audience", Sort.Direction.ASC));
        index(ITEMS, new Index("personIds", Sort.Direction.ASC));
        index(CALL_MEMBERS, new Index("memberIds", Sort.Direction.ASC));
    }

    // --- items

    /**
     * Applies the change once for its event: its fields, {@code updatedAt}, and {@code sequence} +
     * 1.
     */
    public void change(Change change) {
        effects.applyOnce(ITEMS, change.id(), change.eventId(), update(change));
    }

    /**
     * {@link #change} for many, in one bulk write (each still applied once: the update is
     * conditional on its event id not being in the item).
     */
    public void changeAll(List<Change> changes) {
        List<IdempotentEffects.Effect> all = new ArrayList<>();
        for (Change change : changes) {
            all.add(new IdempotentEffects.Effect(change.id(), change.eventId(), update(change)));
        }
        effects.applyAllOnce(ITEMS, all);
    }

    /** The calls the organisation was matched to. */
    public List<String> callsMatchedTo(String memberId) {
        return mongo
                .find(
                        Query.query(Criteria.where("memberIds").is(memberId)),
                        Document.class,
                        CALL_MEMBERS)
                .stream()
                .map(d -> d.getString("_id"))
                .toList();
    }

    /**
     * The items for the organisation {@code memberId} (null: none), those of these ids, those for
     * {@code audience} (null: none) and those of the person {@code personId} (null: none; the
     * exchange events they hold a place at), in one read; a cancelled one only if it changed at or
     * after {@code cancelledSince}. Nothing asked, nothing read.
     */
    public List<Item> items(
            String memberId,
            Collection<String> ids,
            String audience,
            String personId,
            Instant cancelledSince) {
        List<Criteria> any = new ArrayList<>();
        if (personId != null) {
            any.add(Criteria.where("personIds").is(personId));
        }
        if (memberId != null) {
            any.add(Criteria.where("memberIds").is(memberId));
        }
        if (!ids.isEmpty()) {
            any.add(Criteria.where("_id").in(ids));
        }
        if (audience != null) {
            any.add(Criteria.where("audience").is(audience));
        }
        if (any.isEmpty()) {
            return List.of();
        }
        Query query =
                Query.query(
                        new Criteria()
                                .andOperator(
                                        new Criteria().orOperator(any),
                                        new Criteria()
                                                .orOperator(
                                                        Criteria.where("cancelled").ne(true),
                                                        Criteria.where("updatedAt")
                                                                .gte(Date.from(cancelledSince)))));
        return mongo.find(query, Document.class, ITEMS).stream()
                .map(CalendarItemStore::item)
                .toList();
    }

    /** An item's document as an {@link Item}. */
    public static Item item(Document d) {
        List<Instant> starts =
                d.getList("starts", Date.class, List.of()).stream().map(Date::toInstant).toList();
        Date updatedAt = d.getDate("updatedAt");
        Date ends = d.getDate("ends");
        return new Item(
                d.getString("kind"),
                d.getString("ref"),
                d.getString("title"),
                d.getString("context"),
                starts,
                d.getString("dueDate"),
                Boolean.TRUE.equals(d.getBoolean("cancelled")),
                d.getInteger("sequence", 0),
                updatedAt == null ? null : updatedAt.toInstant(),
                ends == null ? null : ends.toInstant(),
                d.getString("titleEn"));
    }

    // --- the organisations of each call

    /** Adds organisations to those the call was matched to. */
    public void matched(String callId, Collection<String> memberIds, Instant at) {
        Query query = Query.query(Criteria.where("_id").is(callId));
        Update update =
                new Update()
                        .addToSet("memberIds")
                        .each(memberIds.toArray())
                        .set("updatedAt", Date.from(at));
        try {
            mongo.upsert(query, update, CALL_MEMBERS);
        } catch (DuplicateKeyException raced) {
            // another partition's match created the document at the same moment: it exists now,
            // update it
            mongo.upsert(query, update, CALL_MEMBERS);
        }
    }

    /**
     * {@link #matched} for many calls in one bulk write: one {@code $addToSet} upsert per call. A
     * bulk some of whose upserts raced another partition's creation of the same call is written
     * again (adding to a set twice changes nothing).
     */
    public void matchedAll(Map<String, Set<String>> byCall, Instant at) {
        for (int attempt = 1; ; attempt++) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CALL_MEMBERS);
            Date now = Date.from(at);
            byCall.forEach(
                    (callId, members) ->
                            bulk.upsert(
                                    Query.query(Criteria.where("_id").is(callId)),
                                    new Update()
                                            .addToSet("memberIds")
                                            .each(members.toArray())
                                            .set("updatedAt", now)));
            try {
                bulk.execute();
                return;
            } catch (BulkOperationException raced) {
                if (attempt > 1
                        || raced.getErrors().stream().anyMatch(e -> e.getCode() != DUPLICATE_KEY)) {
                    throw raced;
                }
            }
        }
    }

    private static Update update(Change change) {
        Update update = new Update();
        change.fields().forEach((field, value) -> update.set(field, stored(value)));
        change.added().forEach(update::addToSet);
        change.removed().forEach(update::pull);
        return update.set("updatedAt", Date.from(change.at())).inc("sequence", 1);
    }

    private static Object stored(Object value) {
        if (value instanceof Instant instant) {
            return Date.from(instant);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(CalendarItemStore::stored).toList();
        }
        return value;
    }

    private void index(String collection, Index index) {
        try {
            mongo.indexOps(collection).createIndex(index);
        } catch (RuntimeException e) {
            log.warn("Could not create an index on {} now: {}", collection, e.toString());
        }
    }
}
