package coop.cluster.fundingwatch.feed.signed.persistence;

import coop.cluster.fundingwatch.feed.signed.domain.SignedFeed;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The signed-feed registry (collection {@code signed_feeds}): one document per feed, each change
 * written with its event in one single-document write (the store has no transactions), conditional
 * on the version read.
 */
@Repository
public class SignedFeedStore {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;

    SignedFeedStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException when the feed id is taken (a concurrent
     *     create)
     */
    public SignedFeed insert(SignedFeed feed, PendingEvent event) {
        return toDomain(outbox.insert(toDocument(feed), List.of(event)));
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException when its version moved on
     *     meanwhile
     */
    public SignedFeed update(SignedFeed feed, PendingEvent event) {
        return toDomain(outbox.update(toDocument(feed), List.of(event)));
    }

    public Optional<SignedFeed> find(String feedId) {
        return Optional.ofNullable(mongo.findById(feedId, SignedFeedDocument.class))
                .map(SignedFeedStore::toDomain);
    }

    /** A page of the registry, by feed id. */
    public List<SignedFeed> page(int page, int size) {
        Query query = new Query().with(Sort.by("_id")).skip((long) page * size).limit(size);
        return mongo.find(query, SignedFeedDocument.class).stream()
                .map(SignedFeedStore::toDomain)
                .toList();
    }

    public long count() {
        return mongo.count(new Query(), SignedFeedDocument.class);
    }

    /**
     * The whole registry: a few documents per feed the cluster has, read every few seconds by each
     * instance.
     */
    public List<SignedFeed> all() {
        return mongo.findAll(SignedFeedDocument.class).stream()
                .map(SignedFeedStore::toDomain)
                .toList();
    }

    private static SignedFeedDocument toDocument(SignedFeed f) {
        return new SignedFeedDocument(
                f.feedId(),
                f.status().name(),
                f.secret(),
                f.previousSecret(),
                f.previousSecretExpiresAt(),
                f.createdAt(),
                f.createdBy(),
                f.rotatedAt(),
                f.rotatedBy(),
                f.revokedAt(),
                f.revokedBy(),
                f.version());
    }

    private static SignedFeed toDomain(SignedFeedDocument d) {
        return new SignedFeed(
                d.feedId(),
                SignedFeed.Status.valueOf(d.status()),
                d.secret(),
                d.previousSecret(),
                d.previousSecretExpiresAt(),
                d.createdAt(),
                d.createdBy(),
                d.rotatedAt(),
                d.rotatedBy(),
                d.revokedAt(),
                d.revokedBy(),
                d.version());
    }
}
