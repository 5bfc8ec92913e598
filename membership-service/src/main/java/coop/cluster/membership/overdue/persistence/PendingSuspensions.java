package coop.cluster.membership.overdue.persistence;

import coop.cluster.membership.member.domain.MemberId;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Suspensions waiting for their day, one per overdue invoice (the invoice id is the document id).
 */
@Repository
public class PendingSuspensions {

    public record Pending(String invoiceId, MemberId member, Instant suspendAt, String reason) {}

    @Document("overdue_suspensions")
    record PendingDocument(
            @Id String invoiceId, String memberId, @Indexed Instant suspendAt, String reason) {}

    private final MongoTemplate mongo;

    PendingSuspensions(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Idempotent: the same invoice schedules one suspension, the last notice's terms winning. */
    public void schedule(String invoiceId, MemberId member, Instant suspendAt, String reason) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(invoiceId)),
                new Update()
                        .set("memberId", member.value())
                        .set("suspendAt", suspendAt)
                        .set("reason", reason),
                PendingDocument.class);
    }

    /**
     * @return whether a suspension was waiting
     */
    public boolean cancel(String invoiceId) {
        return mongo.remove(Query.query(Criteria.where("_id").is(invoiceId)), PendingDocument.class)
                        .getDeletedCount()
                > 0;
    }

    public List<Pending> due(Instant now, int limit) {
        return mongo
                .find(
                        Query.query(Criteria.where("suspendAt").lte(now)).limit(limit),
                        PendingDocument.class)
                .stream()
                .map(
                        d ->
                                new Pending(
                                        d.invoiceId(),
                                        new MemberId(d.memberId()),
                                        d.suspendAt(),
                                        d.reason()))
                .toList();
    }
}
