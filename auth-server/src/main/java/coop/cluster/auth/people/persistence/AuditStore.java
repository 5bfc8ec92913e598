package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.AuditEntry;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * The audit trail: one entry per identity event, whose id is the event's id, so a redelivery adds
 * nothing.
 */
@Repository
public class AuditStore {

    @Document("audit")
    record AuditDocument(
            @Id String id,
            @Indexed String type,
            @Indexed Instant time,
            @Indexed(sparse = true) String personId,
            @Indexed(sparse = true) String memberId,
            String by,
            Map<String, Object> data) {}

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    AuditStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /**
     * @return false if the entry was there already
     */
    public boolean record(AuditEntry entry) {
        return effects.insertOnce(
                new AuditDocument(
                        entry.eventId(),
                        entry.type(),
                        entry.time(),
                        entry.personId(),
                        entry.memberId(),
                        entry.by(),
                        entry.data()));
    }

    /** Entries matching the filters (each ignored when null), newest first. */
    public Page<AuditEntry> list(String type, String personId, String memberId, Pageable page) {
        Criteria criteria = new Criteria();
        if (type != null) {
            criteria = criteria.and("type").is(type);
        }
        if (personId != null) {
            criteria = criteria.and("personId").is(personId);
        }
        if (memberId != null) {
            criteria = criteria.and("memberId").is(memberId);
        }
        Query query = Query.query(criteria);
        long total = mongo.count(query, AuditDocument.class);
        List<AuditEntry> content =
                mongo
                        .find(
                                query.with(page).with(Sort.by(Sort.Direction.DESC, "time", "_id")),
                                AuditDocument.class)
                        .stream()
                        .map(
                                d ->
                                        new AuditEntry(
                                                d.id(),
                                                d.type(),
                                                d.time(),
                                                d.personId(),
                                                d.memberId(),
                                                d.by(),
                                                d.data()))
                        .toList();
        return new PageImpl<>(content, page, total);
    }
}
