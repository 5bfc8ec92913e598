package coop.cluster.fundingwatch.watch.persistence;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.watch.Watch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Members' watches (collection {@code watches}, indexed by member). */
@Repository
public class WatchStore {

    private final MongoTemplate mongo;

    WatchStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Watch> find(String id) {
        return Optional.ofNullable(mongo.findById(id, WatchDocument.class))
                .map(WatchStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException when the id is taken
     */
    public Watch insert(Watch watch) {
        return toDomain(mongo.insert(toDocument(watch)));
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException when its version moved on
     *     meanwhile
     */
    public Watch update(Watch watch) {
        return toDomain(mongo.save(toDocument(watch)));
    }

    /**
     * @return whether the watch was there, at that version, and is deleted
     */
    public boolean delete(String id, long version) {
        return mongo.remove(
                                Query.query(
                                        Criteria.where("_id").is(id).and("version").is(version)),
                                WatchDocument.class)
                        .getDeletedCount()
                == 1;
    }

    public long countOf(String memberId) {
        return mongo.count(
                Query.query(Criteria.where("memberId").is(memberId)), WatchDocument.class);
    }

    /**
     * Watches by time of last change, oldest first, then by id: changed at or after {@code since},
     * or, with {@code afterId}, changed after {@code since} or at {@code since} with a greater id
     * (the next page).
     */
    public List<Watch> changedSince(Instant since, String afterId, int limit) {
        Criteria changed =
                afterId == null
                        ? Criteria.where("updatedAt").gte(since)
                        : new Criteria()
                                .orOperator(
                                        Criteria.where("updatedAt").gt(since),
                                        Criteria.where("updatedAt")
                                                .is(since)
                                                .and("_id")
                                                .gt(afterId));
        Query query = Query.query(changed).with(Sort.by("updatedAt", "_id")).limit(limit);
        return mongo.find(query, WatchDocument.class).stream().map(WatchStore::toDomain).toList();
    }

    /** The ids of every watch. */
    public Set<String> allIds() {
        Query query = new Query();
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, "watches").stream()
                .map(d -> d.getString("_id"))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** A member's watches, oldest first. */
    public List<Watch> of(String memberId, int page, int size) {
        Query query =
                Query.query(Criteria.where("memberId").is(memberId))
                        .with(Sort.by("createdAt", "_id"))
                        .skip((long) page * size)
                        .limit(size);
        return mongo.find(query, WatchDocument.class).stream().map(WatchStore::toDomain).toList();
    }

    private static WatchDocument toDocument(Watch w) {
        return new WatchDocument(
                w.id(),
                w.memberId(),
                w.name(),
                w.keywords(),
                w.programmes(),
                w.kinds().stream().map(Enum::name).toList(),
                w.createdBy(),
                w.createdAt(),
                w.updatedAt(),
                w.version());
    }

    private static Watch toDomain(WatchDocument d) {
        return new Watch(
                d.id(),
                d.memberId(),
                d.name(),
                d.keywords(),
                d.programmes(),
                d.kinds() == null ? List.of() : d.kinds().stream().map(CallKind::valueOf).toList(),
                d.createdBy(),
                d.createdAt(),
                d.updatedAt(),
                d.version());
    }
}
