package coop.cluster.plumbing.consumer;

import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.result.UpdateResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * "Apply this event once", correct with single-document atomicity only. Two ways:
 *
 * <ul>
 *   <li>{@link #applyOnce}: the effect and its dedupe record are in ONE document. The update is
 *       conditional on the event id not being among the document's recently applied ids, and adds
 *       it in the same write.
 *   <li>{@link #insertOnce}: the effect is a new document whose id is derived from the event id
 *       ({@link #effectId}), so inserting it twice is refused by the store's unique {@code _id}.
 * </ul>
 *
 * A separate "processed events" collection is deliberately absent: without transactions it could
 * disagree with the effect.
 */
public class IdempotentEffects {

    /** Field holding the ids of the last events applied to a document. */
    public static final String APPLIED_EVENTS = "appliedEventIds";

    private static final int DUPLICATE_KEY = 11000;

    private final MongoTemplate mongo;
    private final int window;
    private final Counter duplicates;

    public IdempotentEffects(MongoTemplate mongo, int window, MeterRegistry meters) {
        this.mongo = mongo;
        this.window = window;
        this.duplicates =
                Counter.builder("cluster.events.duplicates")
                        .description("Events received again and not applied a second time")
                        .register(meters);
    }

    /**
     * Applies {@code effect} to the document {@code id} of {@code collection} (creating it if
     * absent) unless the event was applied already. The last {@code window} event ids are kept per
     * document; redelivery happens within far fewer events than that, because one aggregate's
     * events arrive in order on one partition.
     *
     * @param effect the update to apply; the event id's bookkeeping is added to it, so pass a fresh
     *     one per call
     * @return true if applied now, false if it had been applied before
     */
    public boolean applyOnce(String collection, Object id, String eventId, Update effect) {
        Query notYetApplied =
                Query.query(Criteria.where("_id").is(id).and(APPLIED_EVENTS).ne(eventId));
        effect.push(APPLIED_EVENTS).slice(-window).each(eventId);
        try {
            // an update, not a findAndModify: the store need not send the document back
            UpdateResult result = mongo.upsert(notYetApplied, effect, collection);
            if (result.getMatchedCount() == 0 && result.getUpsertedId() == null) {
                throw new IllegalStateException(
                        "Upsert into " + collection + " neither matched nor inserted");
            }
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            duplicates.increment();
            return false;
        }
    }

    /**
     * Inserts an effect document whose id was derived from the event id. @return false if it
     * existed already
     */
    public boolean insertOnce(Object effect) {
        try {
            mongo.insert(effect);
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            duplicates.increment();
            return false;
        }
    }

    /**
     * Inserts a raw effect document into {@code collection}; its {@code _id} must derive from the
     * event id.
     */
    public boolean insertOnce(String collection, org.bson.Document effect) {
        try {
            mongo.insert(effect, collection);
            return true;
        } catch (DuplicateKeyException alreadyApplied) {
            duplicates.increment();
            return false;
        }
    }

    /**
     * {@link #insertOnce(String, org.bson.Document)} for many effect documents in ONE unordered
     * bulk insert: those whose {@code _id} exists already (their event was handled before) are
     * refused one by one, the others inserted.
     *
     * @return the ids of the documents inserted now
     */
    public Set<Object> insertAllOnce(String collection, List<org.bson.Document> effects) {
        if (effects.isEmpty()) {
            return Set.of();
        }
        Set<Integer> refused = new HashSet<>();
        try {
            mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection).insert(effects).execute();
        } catch (BulkOperationException partly) {
            refused.addAll(duplicates(partly));
        }
        Set<Object> inserted = new LinkedHashSet<>();
        for (int i = 0; i < effects.size(); i++) {
            if (!refused.contains(i)) {
                inserted.add(effects.get(i).get("_id"));
            }
        }
        duplicates.increment(refused.size());
        return inserted;
    }

    /**
     * One {@link #applyOnce} of many: the update {@code effect} of the document {@code id} for
     * event {@code eventId}.
     */
    public record Effect(Object id, String eventId, Update effect) {}

    /**
     * {@link #applyOnce} for many effects in one unordered bulk write (as many as the most effects
     * one document gets: two effects on one document are never in one bulk, whose order the store
     * need not keep, and the later one goes in a later bulk). Each is still conditional on its
     * event id not being in its document.
     *
     * @return how many were applied now (the others had been before)
     */
    public int applyAllOnce(String collection, List<Effect> effects) {
        List<List<Effect>> rounds = new ArrayList<>();
        Map<Object, Integer> perDocument = new HashMap<>();
        for (Effect effect : effects) {
            int round = perDocument.merge(effect.id(), 1, Integer::sum) - 1;
            if (round == rounds.size()) {
                rounds.add(new ArrayList<>());
            }
            rounds.get(round).add(effect);
        }
        int applied = 0;
        for (List<Effect> round : rounds) {
            BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, collection);
            for (Effect effect : round) {
                effect.effect().push(APPLIED_EVENTS).slice(-window).each(effect.eventId());
                bulk.upsert(
                        Query.query(
                                Criteria.where("_id")
                                        .is(effect.id())
                                        .and(APPLIED_EVENTS)
                                        .ne(effect.eventId())),
                        effect.effect());
            }
            int refused = 0;
            try {
                bulk.execute();
            } catch (BulkOperationException partly) {
                refused = duplicates(partly).size();
            }
            duplicates.increment(refused);
            applied += round.size() - refused;
        }
        return applied;
    }

    /** The indexes of the operations refused as duplicates; any other error is thrown again. */
    private static Set<Integer> duplicates(BulkOperationException partly) {
        Set<Integer> refused = new HashSet<>();
        for (BulkWriteError error : partly.getErrors()) {
            if (error.getCode() != DUPLICATE_KEY) {
                throw partly;
            }
            refused.add(error.getIndex());
        }
        return refused;
    }

    /**
     * A stable id for the effect {@code purpose} of event {@code eventId}: the same inputs give the
     * same id.
     */
    public static String effectId(String eventId, String purpose) {
        return UUID.nameUUIDFromBytes(
                        (purpose + '\u0000' + eventId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
