package coop.cluster.plumbing.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One holder at a time among a service's instances, for work that one instance should do while the
 * others stand by (the outbox relay, a projection): a lease on one document of the store, with its
 * holder ({@value #OWNER}) and its expiry ({@value #EXPIRES_AT} by default), held for {@code ttl}
 * from each renewal.
 *
 * <p>{@link #acquire()} takes the lease when it is free (no document yet, no expiry, expired, or
 * released) or renews it when this owner holds it, in one conditional command: a {@code
 * findAndModify} whose filter matches only such a document, an upsert that creates the document the
 * first time and fails on its {@code _id} when another owner holds a live lease. So two instances
 * can never both hold it, whichever of them writes first, and it costs the store one command per
 * attempt, whether it is granted or not. An instance that stops holding it without releasing it (a
 * crash) loses it when it expires; a holder renews it well before ({@link #renewEvery()}: a third
 * of {@code ttl}). Without transactions: the document is all there is, and single-document
 * atomicity is all it needs.
 *
 * <p>The document may hold its user's own fields besides the lease's (the projection's checkpoint,
 * say): they are never changed by the lease, only created with it ({@link #withInitialFields}), and
 * read back with each grant ({@link #reading}): one command renews the lease and reads the state
 * its holder works from. Releasing it ({@link #release()}) expires it and keeps the document.
 *
 * <p>Immutable and thread-safe; {@code with...} and {@link #reading} return a new lease over the
 * same document.
 *
 * @param <T> what a grant reads of the document ({@link Term} unless {@link #reading} says
 *     otherwise)
 */
public final class Lease<T> {

    /** The holder's field. */
    public static final String OWNER = "owner";

    /** The default expiry field. */
    public static final String EXPIRES_AT = "expiresAt";

    private static final String ID = "_id";

    private final MongoTemplate mongo;
    private final String collection;
    private final Object id;
    private final String owner;
    private final Duration ttl;
    private final Clock clock;
    private final String expiresAt;
    private final Map<String, Object> initial;

    /** What a grant reads of the document; {@code null}: its {@link Term}. */
    private final Function<Document, T> view;

    private Lease(
            MongoTemplate mongo,
            String collection,
            Object id,
            String owner,
            Duration ttl,
            Clock clock,
            String expiresAt,
            Map<String, Object> initial,
            Function<Document, T> view) {
        this.mongo = Objects.requireNonNull(mongo, "mongo");
        this.collection = Objects.requireNonNull(collection, "collection");
        this.id = Objects.requireNonNull(id, "id");
        this.owner = Objects.requireNonNull(owner, "owner");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.expiresAt = Objects.requireNonNull(expiresAt, "expiresAt");
        this.initial = Map.copyOf(initial);
        this.view = view;
        if (!ttl.isPositive()) {
            throw new IllegalArgumentException("a lease lasts a positive time: " + ttl);
        }
        if (initial.containsKey(ID)
                || initial.containsKey(OWNER)
                || initial.containsKey(expiresAt)) {
            throw new IllegalArgumentException(
                    "the initial fields are the user's, not the lease's: " + initial);
        }
    }

    /**
     * The lease on document {@code id} of {@code collection}, for {@code owner} (unique per
     * instance, e.g. its host and port, or a random id), lasting {@code ttl} from each renewal.
     */
    public static Lease<Term> of(
            MongoTemplate mongo,
            String collection,
            Object id,
            String owner,
            Duration ttl,
            Clock clock) {
        return new Lease<>(mongo, collection, id, owner, ttl, clock, EXPIRES_AT, Map.of(), null);
    }

    /**
     * The same lease, its expiry in the field {@code field} (a document that already names it so).
     */
    public Lease<T> withExpiryField(String field) {
        return new Lease<>(mongo, collection, id, owner, ttl, clock, field, initial, view);
    }

    /** The same lease, creating its document (the first grant ever) with {@code fields} too. */
    public Lease<T> withInitialFields(Map<String, ?> fields) {
        return new Lease<>(
                mongo,
                collection,
                id,
                owner,
                ttl,
                clock,
                expiresAt,
                new LinkedHashMap<>(fields),
                view);
    }

    /**
     * The same lease, each grant answering what {@code reader} reads of the document as the grant
     * left it.
     */
    public <V> Lease<V> reading(Function<Document, V> reader) {
        return new Lease<>(
                mongo,
                collection,
                id,
                owner,
                ttl,
                clock,
                expiresAt,
                initial,
                Objects.requireNonNull(reader, "reader"));
    }

    /**
     * Takes the lease if it is free, expired or already this owner's, and extends it to {@code ttl}
     * from now, in one command.
     *
     * @return the document as the grant left it, read; empty when another owner holds the lease
     */
    public Optional<T> acquire() {
        Instant now = clock.instant();
        Query free =
                Query.query(
                        new Criteria()
                                .andOperator(
                                        Criteria.where(ID).is(id),
                                        new Criteria()
                                                .orOperator(
                                                        Criteria.where(OWNER).is(owner),
                                                        Criteria.where(expiresAt)
                                                                .lt(Date.from(now)),
                                                        Criteria.where(expiresAt).exists(false))));
        Update take = new Update().set(OWNER, owner).set(expiresAt, Date.from(now.plus(ttl)));
        initial.forEach(take::setOnInsert);
        try {
            Document lease =
                    mongo.findAndModify(
                            free,
                            take,
                            FindAndModifyOptions.options().upsert(true).returnNew(true),
                            Document.class,
                            collection);
            return lease != null && owner.equals(lease.getString(OWNER))
                    ? Optional.of(read(lease))
                    : Optional.empty();
        } catch (DuplicateKeyException heldByAnother) {
            return Optional
                    .empty(); // the filter missed a live lease of another owner; the upsert met its
            // _id
        }
    }

    /** {@link #acquire()}, answering only whether the lease was granted. */
    public boolean tryAcquire() {
        return acquire().isPresent();
    }

    /**
     * Gives the lease up, if this owner still holds it: it expires now (the document stays, with
     * its fields).
     */
    public void release() {
        mongo.updateFirst(
                Query.query(Criteria.where(ID).is(id).and(OWNER).is(owner)),
                new Update().set(expiresAt, new Date(0)),
                collection);
    }

    public String owner() {
        return owner;
    }

    public Duration ttl() {
        return ttl;
    }

    /**
     * How often a holder renews it: a third of its {@code ttl}, so that two renewals may fail
     * before it expires.
     */
    public Duration renewEvery() {
        return ttl.dividedBy(3);
    }

    /** The lease's own fields as a grant left them. */
    public record Term(String owner, Instant expiresAt) {}

    @SuppressWarnings("unchecked") // view is null only for a Lease<Term> (of)
    private T read(Document lease) {
        if (view != null) {
            return view.apply(lease);
        }
        Date until = lease.getDate(expiresAt);
        return (T) new Term(lease.getString(OWNER), until == null ? null : until.toInstant());
    }
}
