package coop.cluster.plumbing.outbox;

import coop.cluster.plumbing.events.PendingEvent;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.query.Query;

/**
 * One aggregate's documents, written with their events through the {@link OutboxWriter}: what every
 * store of an outbox aggregate does alike, written once. A store names its document class and its
 * two mappings (aggregate to document, document to aggregate), keeps its own queries, and leaves
 * the writing and the mapping of what it reads to this:
 *
 * <ul>
 *   <li>{@link #insert}: a new aggregate with its first events, in one write; refused with {@link
 *       org.springframework.dao.DuplicateKeyException} when its id (or another unique key) is
 *       taken, nothing written;
 *   <li>{@link #update}: the aggregate's new state with its events, in one write conditional on the
 *       stored version being the one the aggregate was read with (and moving it on); refused with
 *       {@link org.springframework.dao.OptimisticLockingFailureException} when someone else wrote
 *       it in between, nothing written;
 *   <li>{@link #find}, {@link #findOne}, {@link #list}, {@link #page}, {@link #exists}: reads,
 *       mapped to the aggregate.
 * </ul>
 *
 * Both writes answer the aggregate as stored (its new version). How a refusal is answered (a
 * conflict, a retry on a fresh read) is the caller's: it depends on the command.
 *
 * <p>{@link #keepingRecent} keeps the aggregates this process last read or wrote ({@link
 * AggregateCache}), so that {@link #decide} runs a command on the kept aggregate without reading it
 * first, and again on the stored one if that attempt fails. Without it, {@link #decide} reads the
 * aggregate and runs the command once.
 *
 * <p>Immutable once built; thread-safe as its {@link MongoTemplate} and {@link OutboxWriter} are.
 *
 * @param <A> the aggregate, as the service's domain has it
 * @param <D> its document class: mapped to one collection listed in {@code
 *     cluster.outbox.collections}, with an {@code @Id} and a {@code @Version} field
 */
public final class VersionedDocuments<A, D> {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;
    private final Class<D> type;
    private final Function<? super A, ? extends D> toDocument;
    private final Function<? super D, ? extends A> toAggregate;
    private final AggregateCache<Object, A> recent;

    private VersionedDocuments(
            MongoTemplate mongo,
            OutboxWriter outbox,
            Class<D> type,
            Function<? super A, ? extends D> toDocument,
            Function<? super D, ? extends A> toAggregate,
            AggregateCache<Object, A> recent) {
        this.mongo = Objects.requireNonNull(mongo, "mongo");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.type = Objects.requireNonNull(type, "type");
        this.toDocument = Objects.requireNonNull(toDocument, "toDocument");
        this.toAggregate = Objects.requireNonNull(toAggregate, "toAggregate");
        this.recent = recent;
    }

    /**
     * The documents of class {@code type}, written through {@code outbox}.
     *
     * @param toDocument the aggregate as its document (the version it was read with included)
     * @param toAggregate the document as the aggregate
     */
    public static <A, D> VersionedDocuments<A, D> of(
            MongoTemplate mongo,
            OutboxWriter outbox,
            Class<D> type,
            Function<? super A, ? extends D> toDocument,
            Function<? super D, ? extends A> toAggregate) {
        return new VersionedDocuments<>(mongo, outbox, type, toDocument, toAggregate, null);
    }

    /**
     * The same documents, keeping the aggregates this process last read or wrote, at most {@code
     * capacity}, by document id ({@link AggregateCache}, whose metrics are named {@code name}).
     *
     * @param version the aggregate's version, as {@link OutboxWriter} moves it on each write
     */
    public VersionedDocuments<A, D> keepingRecent(
            String name, long capacity, ToLongFunction<A> version, MeterRegistry meters) {
        return new VersionedDocuments<>(
                mongo,
                outbox,
                type,
                toDocument,
                toAggregate,
                new AggregateCache<>(name, capacity, version, meters));
    }

    /**
     * Inserts a new aggregate with its first events, in one write.
     *
     * @return the aggregate as stored (version 0)
     * @throws org.springframework.dao.DuplicateKeyException if its id or another unique key is
     *     taken
     */
    public A insert(A aggregate, List<PendingEvent> events) {
        return insertDocument(toDocument.apply(aggregate), events);
    }

    /**
     * As {@link #insert}, for a document made by the store itself (one holding more than the
     * aggregate).
     */
    public A insertDocument(D document, List<PendingEvent> events) {
        return written(document, () -> toAggregate.apply(outbox.insert(document, events)));
    }

    /**
     * Writes the aggregate's new state with its events, in one write, if the stored version is
     * still the one the aggregate was read with.
     *
     * @return the aggregate as stored (its version moved on)
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone else wrote it in
     *     between
     */
    public A update(A aggregate, List<PendingEvent> events) {
        return updateDocument(toDocument.apply(aggregate), events);
    }

    /**
     * As {@link #update}, for a document made by the store itself (one holding more than the
     * aggregate).
     */
    public A updateDocument(D document, List<PendingEvent> events) {
        return written(document, () -> toAggregate.apply(outbox.update(document, events)));
    }

    /** The aggregate as stored now (kept as read, when {@link #keepingRecent}). */
    public Optional<A> find(Object id) {
        if (recent == null) {
            return read(id);
        }
        return recent.read(id, () -> read(id));
    }

    /**
     * Runs {@code command} on the aggregate {@code id}: on the one this process last read or wrote
     * if it keeps it, and again on the stored one if that attempt fails ({@link
     * AggregateCache#decide}); otherwise on the stored one, once. The command gets an empty
     * optional for an unknown id, and must decide and write (with {@link #update}) and nothing
     * else: it may run twice, so it must not fail after having written.
     */
    public <R> R decide(Object id, Function<Optional<A>, R> command) {
        if (recent == null) {
            return command.apply(read(id));
        }
        return recent.decide(id, () -> read(id), command);
    }

    /** The first aggregate {@code query} finds, if any. */
    public Optional<A> findOne(Query query) {
        return Optional.ofNullable(mongo.findOne(query, type)).map(this::aggregate);
    }

    /** The aggregates {@code query} finds, in its order. */
    public List<A> list(Query query) {
        return mongo.find(query, type).stream().map(this::aggregate).toList();
    }

    /**
     * One page of what {@code query} finds, in {@code order}, with the count of all it finds. The
     * query gets the page's bounds and the order.
     */
    public Page<A> page(Query query, Pageable page, Sort order) {
        long total = mongo.count(query, type);
        List<A> content = list(query.with(page).with(order));
        return new PageImpl<>(content, page, total);
    }

    /** Whether {@code query} finds any document. */
    public boolean exists(Query query) {
        return mongo.exists(query, type);
    }

    /**
     * The aggregate this process keeps for {@code id}, if it keeps any; for tests and diagnostics.
     */
    public Optional<A> kept(Object id) {
        return recent == null ? Optional.empty() : recent.kept(id);
    }

    private Optional<A> read(Object id) {
        return Optional.ofNullable(mongo.findById(id, type)).map(this::aggregate);
    }

    private A aggregate(D document) {
        return toAggregate.apply(document);
    }

    private A written(D document, Supplier<A> write) {
        if (recent == null) {
            return write.get();
        }
        return recent.written(idOf(document), write);
    }

    private Object idOf(D document) {
        MongoPersistentEntity<?> entity =
                mongo.getConverter().getMappingContext().getRequiredPersistentEntity(type);
        return entity.getIdentifierAccessor(document).getRequiredIdentifier();
    }
}
