package coop.cluster.plumbing.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import coop.cluster.plumbing.events.PendingEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes an aggregate's new state and the events that announce it in ONE single-document write, so
 * the store's single-document atomicity is all it needs: either both are stored or neither is.
 *
 * <p>The events go into the document's {@code outbox} array, which the persistence document class
 * does not map. The state is written with {@code $set} of the mapped fields, never by replacing the
 * document, so an update cannot resurrect events that the relay has removed in the meantime. The
 * document's {@code @Version} field guards against lost updates: a stale write fails with {@link
 * OptimisticLockingFailureException}.
 */
public class OutboxWriter {

    static final String OUTBOX = "outbox";
    static final String PENDING_EVENT_IDS = OUTBOX + ".id";

    private final MongoTemplate mongo;
    private final Set<String> outboxCollections;
    private final Signal relaySignal;

    /**
     * Told which document has new events, so the relay fetches it by id at once instead of waiting
     * for a scan.
     */
    @FunctionalInterface
    public interface Signal {
        void pending(String collection, Object id);
    }

    public OutboxWriter(MongoTemplate mongo, OutboxProperties properties, Signal relaySignal) {
        this.mongo = mongo;
        this.outboxCollections = new HashSet<>(properties.collections());
        this.relaySignal = relaySignal;
    }

    /**
     * Inserts a new aggregate document with its first events. Fails with {@code
     * DuplicateKeyException}.
     */
    public <T> T insert(T document, List<PendingEvent> events) {
        return insert(document, events, Map.of());
    }

    /**
     * Inserts a new aggregate document with its first events and {@code unmapped}: fields its class
     * does not map, which the aggregate's service keeps beside it (read raw), stored in the same
     * write.
     *
     * @throws IllegalArgumentException if an unmapped field is mapped after all, or is the id, the
     *     version or the outbox
     */
    public <T> T insert(T document, List<PendingEvent> events, Map<String, ?> unmapped) {
        MongoPersistentEntity<?> entity = entityOf(document);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(document);
        MongoPersistentProperty version = requireVersion(entity);
        accessor.setProperty(version, 0L);
        T versioned = accessor.getBean();

        Document raw = new Document();
        mongo.getConverter().write(versioned, raw);
        unmapped.forEach(
                (field, value) -> {
                    requireUnmapped(entity, field, raw);
                    raw.put(field, value);
                });
        raw.put(OUTBOX, events.stream().map(PendingEvent::toDocument).toList());
        mongo.execute(entity.getCollection(), collection -> collection.insertOne(raw));
        signal(entity.getCollection(), raw.get("_id"), events);
        return versioned;
    }

    /**
     * One new aggregate document for {@link #insertAll}: the document, its first events, and
     * unmapped fields.
     */
    public record NewDocument<T>(T document, List<PendingEvent> events, Map<String, ?> unmapped) {

        public NewDocument {
            events = List.copyOf(events);
            unmapped = Map.copyOf(unmapped);
        }
    }

    /**
     * What {@link #insertAll} did, by position in the list given.
     *
     * @param inserted the documents stored (version 0), with their positions
     * @param duplicates the positions of documents whose id (or another unique key) was taken:
     *     nothing written
     * @param failed the positions of documents the store refused for another reason, with its
     *     message
     */
    public record InsertedAll<T>(
            Map<Integer, T> inserted, Set<Integer> duplicates, Map<Integer, String> failed) {}

    /**
     * Inserts new aggregate documents of one collection, each with its first events (as {@link
     * #insert} does one), in ONE unordered {@code insertMany}: a document whose key is taken is a
     * duplicate, reported and not written, and the others are stored all the same. The relay is
     * told of every document written — and, when the store's answer is lost, of every document
     * sent, so whatever did get written goes out without waiting for a scan.
     *
     * @throws org.springframework.dao.DataAccessException when the store did not answer the command
     *     at all
     */
    public <T> InsertedAll<T> insertAll(List<NewDocument<T>> documents) {
        if (documents.isEmpty()) {
            return new InsertedAll<>(Map.of(), Set.of(), Map.of());
        }
        MongoPersistentEntity<?> entity = entityOf(documents.getFirst().document());
        MongoPersistentProperty version = requireVersion(entity);
        List<Document> raws = new ArrayList<>(documents.size());
        List<T> versioned = new ArrayList<>(documents.size());
        for (NewDocument<T> next : documents) {
            if (entityOf(next.document()) != entity) {
                throw new IllegalArgumentException(
                        "insertAll writes documents of one collection at a time");
            }
            PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(next.document());
            accessor.setProperty(version, 0L);
            T first = accessor.getBean();
            Document raw = new Document();
            mongo.getConverter().write(first, raw);
            next.unmapped()
                    .forEach(
                            (field, value) -> {
                                requireUnmapped(entity, field, raw);
                                raw.put(field, value);
                            });
            raw.put(OUTBOX, next.events().stream().map(PendingEvent::toDocument).toList());
            raws.add(raw);
            versioned.add(first);
        }
        Map<Integer, BulkWriteError> errors = new LinkedHashMap<>();
        try {
            mongo.execute(
                    entity.getCollection(),
                    collection -> {
                        try {
                            collection.insertMany(raws, new InsertManyOptions().ordered(false));
                        } catch (MongoBulkWriteException refused) {
                            if (refused.getWriteConcernError() != null) {
                                throw refused;
                            }
                            refused.getWriteErrors()
                                    .forEach(error -> errors.put(error.getIndex(), error));
                        }
                        return null;
                    });
        } catch (RuntimeException unknown) {
            raws.forEach(raw -> relaySignal.pending(entity.getCollection(), raw.get("_id")));
            throw unknown;
        }
        Map<Integer, T> inserted = new LinkedHashMap<>();
        Set<Integer> duplicates = new HashSet<>();
        Map<Integer, String> failed = new LinkedHashMap<>();
        for (int i = 0; i < raws.size(); i++) {
            BulkWriteError error = errors.get(i);
            if (error == null) {
                inserted.put(i, versioned.get(i));
                signal(entity.getCollection(), raws.get(i).get("_id"), documents.get(i).events());
            } else if (ErrorCategory.fromErrorCode(error.getCode())
                    == ErrorCategory.DUPLICATE_KEY) {
                duplicates.add(i);
            } else {
                failed.put(i, error.getCode() + ": " + error.getMessage());
            }
        }
        return new InsertedAll<>(inserted, duplicates, failed);
    }

    /**
     * Updates an aggregate whose {@code @Version} is the one it was read with, and appends its new
     * events.
     *
     * @throws OptimisticLockingFailureException if someone else changed the document since it was
     *     read
     */
    public <T> T update(T document, List<PendingEvent> events) {
        return update(document, events, update -> {});
    }

    /**
     * As {@link #update(Object, List)}, and {@code unmapped} adds to the same write operations on
     * fields the class does not map (e.g. {@code addToSet}); a mapped field, the id, the version or
     * the outbox is refused.
     *
     * @throws OptimisticLockingFailureException if someone else changed the document since it was
     *     read
     */
    public <T> T update(T document, List<PendingEvent> events, Consumer<Update> unmapped) {
        MongoPersistentEntity<?> entity = entityOf(document);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(document);
        MongoPersistentProperty version = requireVersion(entity);
        MongoPersistentProperty idProperty = entity.getRequiredIdProperty();
        Object id = accessor.getProperty(idProperty);
        Number expected = (Number) accessor.getProperty(version);
        if (id == null || expected == null) {
            throw new IllegalArgumentException(
                    "update needs a document read from the store (id and version set)");
        }

        Document raw = new Document();
        mongo.getConverter().write(document, raw);
        Update update = new Update();
        raw.forEach(
                (field, value) -> {
                    if (!"_id".equals(field)
                            && !version.getFieldName().equals(field)
                            && !OUTBOX.equals(field)) {
                        update.set(field, value);
                    }
                });
        entity.doWithProperties(
                (MongoPersistentProperty property) -> {
                    if (!property.isIdProperty()
                            && !property.isVersionProperty()
                            && !raw.containsKey(property.getFieldName())) {
                        update.unset(property.getFieldName());
                    }
                });
        update.inc(version.getFieldName(), 1);
        if (!events.isEmpty()) {
            update.push(OUTBOX).each(events.stream().map(PendingEvent::toDocument).toArray());
        }
        Update extra = new Update();
        unmapped.accept(extra);
        Update write = update;
        if (!extra.getUpdateObject().isEmpty()) {
            Document merged = update.getUpdateObject();
            extra.getUpdateObject()
                    .forEach(
                            (operator, fields) ->
                                    ((Document) fields)
                                            .forEach(
                                                    (field, value) -> {
                                                        requireUnmapped(entity, field, raw);
                                                        ((Document)
                                                                        merged.computeIfAbsent(
                                                                                operator,
                                                                                op ->
                                                                                        new Document()))
                                                                .put(field, value);
                                                    }));
            write = Update.fromDocument(merged);
        }
        Query query =
                Query.query(
                        Criteria.where("_id")
                                .is(raw.get("_id"))
                                .and(version.getFieldName())
                                .is(expected.longValue()));
        long matched = mongo.updateFirst(query, write, entity.getCollection()).getMatchedCount();
        if (matched == 0) {
            throw new OptimisticLockingFailureException(
                    "%s %s was changed by someone else (expected version %d)"
                            .formatted(entity.getType().getSimpleName(), id, expected.longValue()));
        }
        accessor.setProperty(version, expected.longValue() + 1);
        signal(entity.getCollection(), raw.get("_id"), events);
        return accessor.getBean();
    }

    private MongoPersistentEntity<?> entityOf(Object document) {
        MongoPersistentEntity<?> entity =
                mongo.getConverter()
                        .getMappingContext()
                        .getRequiredPersistentEntity(document.getClass());
        if (!outboxCollections.contains(entity.getCollection())) {
            throw new IllegalStateException(
                    "Collection '"
                            + entity.getCollection()
                            + "' is not listed in cluster.outbox.collections, so the relay would"
                            + " never publish its events");
        }
        if (entity.getPersistentProperty(OUTBOX) != null) {
            throw new IllegalStateException(
                    entity.getType().getName()
                            + " must not map a field named 'outbox': the outbox belongs to the"
                            + " relay");
        }
        return entity;
    }

    private static void requireUnmapped(
            MongoPersistentEntity<?> entity, String field, Document mapped) {
        String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        if ("_id".equals(root)
                || OUTBOX.equals(root)
                || mapped.containsKey(root)
                || entity.getPersistentProperty(root) != null) {
            throw new IllegalArgumentException(
                    "'"
                            + field
                            + "' is not an unmapped field of "
                            + entity.getType().getSimpleName());
        }
    }

    private static MongoPersistentProperty requireVersion(MongoPersistentEntity<?> entity) {
        MongoPersistentProperty version = entity.getVersionProperty();
        if (version == null) {
            throw new IllegalStateException(entity.getType().getName() + " needs a @Version field");
        }
        return version;
    }

    private void signal(String collection, Object id, List<PendingEvent> events) {
        if (!events.isEmpty()) {
            relaySignal.pending(collection, id);
        }
    }
}
