package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.Organisation;
import coop.cluster.auth.people.domain.OrganisationStatus;
import coop.cluster.plumbing.consumer.IdempotentEffects;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxRelay;
import java.util.List;
import java.util.Optional;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The view {@code organisations}: each member organisation's status and applicant, from
 * membership's events. Each event is applied once ({@link IdempotentEffects#applyOnce}); an event
 * that revokes the organisation's access puts its {@code access.revoked} into the same document's
 * outbox in the same write, so the status and the announcement cannot part.
 */
@Repository
public class OrganisationStore {

    static final String COLLECTION = "organisations";

    /** The subject of the events this view publishes: {@code organisations/<member id>}. */
    public static final String AGGREGATE = COLLECTION;

    @Document(COLLECTION)
    record OrganisationDocument(@Id String id, String status, String appliedBy) {}

    private final MongoTemplate mongo;
    private final IdempotentEffects effects;
    private final OutboxRelay relay;

    OrganisationStore(MongoTemplate mongo, IdempotentEffects effects, OutboxRelay relay) {
        this.mongo = mongo;
        this.effects = effects;
        this.relay = relay;
    }

    public Optional<Organisation> find(String memberId) {
        return Optional.ofNullable(mongo.findById(memberId, OrganisationDocument.class))
                .map(
                        d ->
                                new Organisation(
                                        d.id(),
                                        OrganisationStatus.valueOf(d.status()),
                                        d.appliedBy()));
    }

    /**
     * Applies event {@code eventId} to {@code memberId}: its new status, its applicant when known,
     * and {@code events} to publish.
     *
     * @return false if the event had been applied before
     */
    public boolean apply(
            String eventId,
            String memberId,
            OrganisationStatus status,
            String appliedBy,
            List<PendingEvent> events) {
        Update update = new Update().set("status", status.name());
        if (appliedBy != null) {
            update.set("appliedBy", appliedBy);
        }
        if (!events.isEmpty()) {
            update.push("outbox").each(events.stream().map(PendingEvent::toDocument).toArray());
        }
        boolean applied = effects.applyOnce(COLLECTION, memberId, eventId, update);
        if (applied && !events.isEmpty()) {
            relay.pending(COLLECTION, memberId);
        }
        return applied;
    }

    /**
     * Records {@code memberId} as an active member unless the view knows it already: the demo
     * organisations are membership's demo seed, active before its events arrive (and whatever those
     * events say then wins).
     */
    public void assumeActive(String memberId) {
        mongo.upsert(
                Query.query(Criteria.where("_id").is(memberId)),
                new Update().setOnInsert("status", OrganisationStatus.ACTIVE.name()),
                COLLECTION);
    }
}
