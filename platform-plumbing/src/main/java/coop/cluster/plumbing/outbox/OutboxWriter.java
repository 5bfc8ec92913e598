package coop.cluster.plumbing.outbox;

import coop.cluster.plumbing.events.PendingEvent;
import java.util.HashSet;
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
 * Writes an aggregate's new state and the events that announce it in ONE single-document write, so the store's
 * single-document atomicity is all it needs: either both are stored or neither is.
 *
 * <p>The events go into the document's {@code outbox} array, which the persistence document class does not map.
 * The state is written with {@code $set} of the mapped fields, never by replacing the document, so an update
 * cannot resurrect events that the relay has removed in the meantime. The document's {@code @Version} field
 * guards against lost updates: a stale write fails with {@link OptimisticLockingFailureException}.
 */
public class OutboxWriter {

    static final String OUTBOX = "outbox";
    static final String PENDING_EVENT_IDS = OUTBOX + ".id";

    private final MongoTemplate mongo;
    private final Set<String> outboxCollections;
    private final Signal relaySignal;

    /** Told which document has new events, so the relay fetches it by id at once instead of waiting for a scan. */
    @FunctionalInterface
    public interface Signal {
        void pending(String collection, Object id);
    }

    public OutboxWriter(MongoTemplate mongo, OutboxProperties properties, Signal relaySignal) {
        this.mongo = mongo;
        this.outboxCollections = new HashSet<>(properties.collections());
        this.relaySignal = relaySignal;
    }

    /** Inserts a new aggregate document with its first events. Fails with {@code DuplicateKeyException}. */
    public <T> T insert(T document, List<PendingEvent> events) {
        return insert(document, events, Map.of());
    }

    /**
     * Inserts a new aggregate document with its first events and {@code unmapped}: fields its class does not map,
     * which the aggregate's service keeps beside it (read raw), stored in the same write.
     *
     * @throws IllegalArgumentException if an unmapped field is mapped after all, or is the id, the version or the
     *                                  outbox
     */
    public <T> T insert(T document, List<PendingEvent> events, Map<String, ?> unmapped) {
        MongoPersistentEntity<?> entity = entityOf(document);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(document);
        MongoPersistentProperty version = requireVersion(entity);
        accessor.setProperty(version, 0L);
        T versioned = accessor.getBean();

        Document raw = new Document();
        mongo.getConverter().write(versioned, raw);
        unmapped.forEach((field, value) -> {
            requireUnmapped(entity, field, raw);
            raw.put(field, value);
        });
        raw.put(OUTBOX, events.stream().map(PendingEvent::toDocument).toList());
        mongo.execute(entity.getCollection(), collection -> collection.insertOne(raw));
        signal(entity.getCollection(), raw.get("_id"), events);
        return versioned;
    }

    /**
     * Updates an aggregate whose {@code @Version} is the one it was read with, and appends its new events.
     *
     * @throws OptimisticLockingFailureException if someone else changed the document since it was read
     */
    public <T> T update(T document, List<PendingEvent> events) {
        return update(document, events, update -> { });
    }

    /**
     * As {@link #update(Object, List)}, and {@code unmapped} adds to the same write operations on fields the class
     * does not map (e.g. {@code addToSet}); a mapped field, the id, the version or the outbox is refused.
     *
     * @throws OptimisticLockingFailureException if someone else changed the document since it was read
     */
    public <T> T update(T document, List<PendingEvent> events, Consumer<Update> unmapped) {
        MongoPersistentEntity<?> entity = entityOf(document);
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(document);
        MongoPersistentProperty version = requireVersion(entity);
        MongoPersistentProperty idProperty = entity.getRequiredIdProperty();
        Object id = accessor.getProperty(idProperty);
        Number expected = (Number) accessor.getProperty(version);
        if (id == null || expected == null) {
            throw new IllegalArgumentException("update needs a document read from the store (id and version set)");
        }

        Document raw = new Document();
        mongo.getConverter().write(document, raw);
        Update update = new Update();
        raw.forEach((field, value) -> {
            if (!"_id".equals(field) && !version.getFieldName().equals(field) && !OUTBOX.equals(field)) {
                update.set(field, value);
            }
        });
        entity.doWithProperties((MongoPersistentProperty property) -> {
            if (!property.isIdProperty() && !property.isVersionProperty() && !raw.containsKey(property.getFieldName())) {
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
            extra.getUpdateObject().forEach((operator, fields) -> ((Document) fields).forEach((field, value) -> {
                requireUnmapped(entity, field, raw);
                ((Document) merged.computeIfAbsent(operator, op -> new Document())).put(field, value);
            }));
            write = Update.fromDocument(merged);
        }
        Query query = Query.query(Criteria.where("_id").is(raw.get("_id"))
                .and(version.getFieldName()).is(expected.longValue()));
        long matched = mongo.updateFirst(query, write, entity.getCollection()).getMatchedCount();
        if (matched == 0) {
            throw new OptimisticLockingFailureException("%s %s was changed by someone else (expected version %d)"
                    .formatted(entity.getType().getSimpleName(), id, expected.longValue()));
        }
        accessor.setProperty(version, expected.longValue() + 1);
        signal(entity.getCollection(), raw.get("_id"), events);
        return accessor.getBean();
    }

    private MongoPersistentEntity<?> entityOf(Object document) {
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(document.getClass());
        if (!outboxCollections.contains(entity.getCollection())) {
            throw new IllegalStateException("Collection '" + entity.getCollection()
                    + "' is not listed in cluster.outbox.collections, so the relay would never publish its events");
        }
        if (entity.getPersistentProperty(OUTBOX) != null) {
            throw new IllegalStateException(entity.getType().getName()
                    + " must not map a field named 'outbox': the outbox belongs to the relay");
        }
        return entity;
    }

    private static void requireUnmapped(MongoPersistentEntity<?> entity, String field, Document mapped) {
        String root = field.contains(".") ? field.substring(0, field.indexOf('.')) : field;
        if ("_id".equals(root) || OUTBOX.equals(root) || mapped.containsKey(root)
                || entity.getPersistentProperty(root) != null) {
            throw new IllegalArgumentException("'" + field + "' is not an unmapped field of "
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
