package coop.cluster.auth.people.persistence;

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

/** The audit trail: one entry per identity event, whose id is the event's id, so a redelivery adds nothing. */
@Repository
public class AuditStore {

    /**
     * @param type     the event's CloudEvents type, e.g. {@code cluster.identity.person.invited.v1}
     * @param personId the person it concerns, if any
     * @param memberId the organisation it concerns, if any
     * @param by       who did it, if the event says
     * @param data     the event's payload as published
     */
    public record Entry(String eventId, String type, Instant time, String personId, String memberId, String by,
                        Map<String, Object> data) {
    }

    @Document("audit")
    record AuditDocument(@Id String id, @Indexed String type, @Indexed Instant time,
                         @Indexed(sparse = true) String personId, @Indexed(sparse = true) String memberId, String by,
                         Map<String, Object> data) {
    }

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;

    AuditStore(MongoTemplate mongo, IdempotentEffects effects) {
        this.mongo = mongo;
        this.effects = effects;
    }

    /** @return false if the entry was there already */
    public boolean record(Entry entry) {
        return effects.insertOnce(new AuditDocument(entry.eventId(), entry.type(), entry.time(), entry.personId(),
                entry.memberId(), entry.by(), entry.data()));
    }

    /** Entries matching the filters (each ignored when null), newest first. */
    public Page<Entry> list(String type, String personId, String memberId, Pageable page) {
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
        List<Entry> content = mongo.find(query.with(page).with(Sort.by(Sort.Direction.DESC, "time", "_id")),
                AuditDocument.class).stream()
                .map(d -> new Entry(d.id(), d.type(), d.time(), d.personId(), d.memberId(), d.by(), d.data()))
                .toList();
        return new PageImpl<>(content, page, total);
    }
}
