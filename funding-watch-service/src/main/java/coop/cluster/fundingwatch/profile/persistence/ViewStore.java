package coop.cluster.fundingwatch.profile.persistence;

import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * One part of the matching view in its own collection, one document per aggregate ({@code _id} =
 * its id): what the three stores ({@link MemberProfileStore}, {@link GroupProfileStore}, {@link
 * ProjectProfileStore}) share.
 *
 * <p>Writes: each event's effect is applied to one document once, by {@link
 * IdempotentEffects#applyOnce} (the dedupe record, {@code appliedEventIds}, in the same document;
 * the document is created if absent), with {@value #UPDATED_AT} set to now (a {@code Date}, to the
 * millisecond).
 *
 * <p>Reads: by id, and by time of last write ({@link #changedSince(Instant, String, int)}):
 * documents written at or after {@code since}, oldest write first, then by id, at most {@code
 * limit}; with {@code afterId}, those written after {@code since} or at {@code since} with a
 * greater id (keyset paging).
 *
 * <p>Indexes, created at start-up while the context is built, so before the subscriptions start
 * writing (creating an index that exists already does nothing): {@code {updatedAt: 1, _id: 1}}
 * ("changed") for the changed-since reads, and each store's own ({@link #ensureIndexes()}).
 *
 * @param <T> the profile a document is read into
 */
public abstract class ViewStore<T> implements InitializingBean {

    /** Every document of the view: when the view last changed it (a {@code Date}). */
    static final String UPDATED_AT = "updatedAt";

    private static final Logger log = LoggerFactory.getLogger(ViewStore.class);

    private final String collection;
    private final MongoTemplate mongo;
    private final IdempotentEffects effects;
    private final Clock clock;

    ViewStore(String collection, MongoTemplate mongo, IdempotentEffects effects, Clock clock) {
        this.collection = collection;
        this.mongo = mongo;
        this.effects = effects;
        this.clock = clock;
    }

    /**
     * Documents written at or after {@code since}, oldest write first (then by id), at most {@code
     * limit}.
     */
    public List<T> changedSince(Instant since, int limit) {
        return changedSince(since, null, limit);
    }

    /**
     * The page after the document {@code afterId} written at {@code since}: documents written after
     * {@code since}, or at {@code since} with a greater id; in the same order, at most {@code
     * limit}. Without {@code afterId} (null), as {@link #changedSince(Instant, int)}.
     */
    public List<T> changedSince(Instant since, String afterId, int limit) {
        if (since == null || limit < 1) {
            throw new IllegalArgumentException(
                    "changedSince needs a time and a limit of at least 1, got "
                            + since
                            + " and "
                            + limit);
        }
        Date from = Date.from(since);
        Criteria changed =
                afterId == null
                        ? Criteria.where(UPDATED_AT).gte(from)
                        : new Criteria()
                                .orOperator(
                                        Criteria.where(UPDATED_AT).gt(from),
                                        Criteria.where(UPDATED_AT).is(from).and("_id").gt(afterId));
        Query query = Query.query(changed).with(Sort.by(UPDATED_AT, "_id")).limit(limit);
        return mongo.find(query, Document.class, collection).stream().map(this::read).toList();
    }

    /** The document {@code id}, if the view has heard of it. */
    public Optional<T> find(String id) {
        return id == null
                ? Optional.empty()
                : Optional.ofNullable(mongo.findById(id, Document.class, collection))
                        .map(this::read);
    }

    /** The documents whose list {@code field} holds {@code memberId}, by id. */
    List<T> listing(String field, String memberId) {
        if (memberId == null) {
            return List.of();
        }
        Query query = Query.query(Criteria.where(field).is(memberId)).with(Sort.by("_id"));
        return mongo.find(query, Document.class, collection).stream().map(this::read).toList();
    }

    /**
     * Applies {@code update} to the document {@code id} unless the event {@code eventId} was
     * applied to it before.
     *
     * @param update a fresh update (it is completed here)
     * @return true if applied now, false if the event had been applied already
     */
    boolean applyOnce(String id, String eventId, Update update) {
        update.set(UPDATED_AT, Date.from(clock.instant()));
        return effects.applyOnce(collection, id, eventId, update);
    }

    /** A document of the collection as its profile. */
    abstract T read(Document document);

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(collection)
                .createIndex(
                        new Index()
                                .on(UPDATED_AT, Sort.Direction.ASC)
                                .on("_id", Sort.Direction.ASC)
                                .named("changed"));
        ensureIndexes();
        log.debug("Matching view indexes ensured on {}", collection);
    }

    /** The store's own indexes beside "changed"; none by default. */
    void ensureIndexes() {}

    /** Creates the ascending index {@code field}, named after it. */
    void ensureIndex(String field) {
        mongo.indexOps(collection)
                .createIndex(new Index().on(field, Sort.Direction.ASC).named(field));
    }

    static List<String> strings(Document d, String field) {
        return d.getList(field, String.class, List.of()).stream().filter(Objects::nonNull).toList();
    }

    static Instant updatedAt(Document d) {
        Date at = d.getDate(UPDATED_AT);
        return at == null ? null : at.toInstant();
    }
}
