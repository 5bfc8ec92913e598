package coop.cluster.fundingwatch.call.persistence;

import coop.cluster.fundingwatch.call.domain.CallKind;
import coop.cluster.fundingwatch.call.domain.CallStatus;
import coop.cluster.fundingwatch.call.domain.CloseReason;
import coop.cluster.fundingwatch.call.domain.FundingCall;
import coop.cluster.fundingwatch.call.domain.Money;
import coop.cluster.fundingwatch.call.domain.TrackedCall;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Funding calls; every change is written with the events that announce it, in one single-document write. */
@Repository
public class CallStore {

    private final MongoTemplate mongo;
    private final OutboxWriter outbox;

    CallStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public Optional<TrackedCall> find(String id) {
        return Optional.ofNullable(mongo.findById(id, CallDocument.class)).map(CallStore::toDomain);
    }

    /**
     * Stores a call seen for the first time with its events.
     *
     * @throws org.springframework.dao.DuplicateKeyException when the call is stored already (a concurrent insert)
     */
    public TrackedCall insert(TrackedCall call, List<PendingEvent> events) {
        return toDomain(outbox.insert(toDocument(call), events));
    }

    /**
     * Stores a change of a call read from the store, with its events, if nobody changed it since.
     *
     * @throws org.springframework.dao.OptimisticLockingFailureException when its version moved on meanwhile
     */
    public TrackedCall update(TrackedCall call, List<PendingEvent> events) {
        return toDomain(outbox.update(toDocument(call), events));
    }

    /** Calls not closed whose last deadline is not after {@code now}, earliest deadline first. */
    public List<TrackedCall> dueForClosing(Instant now, int limit) {
        Query query = Query.query(Criteria.where("status").ne(CallStatus.CLOSED.name()).and("lastDeadline").lte(now))
                .with(Sort.by("lastDeadline", "_id")).limit(limit);
        return mongo.find(query, CallDocument.class).stream().map(CallStore::toDomain).toList();
    }

    private static CallDocument toDocument(TrackedCall tracked) {
        FundingCall c = tracked.call();
        return new CallDocument(tracked.id(), c.source(), c.reference(), c.identifier(), c.callIdentifier(),
                c.callTitle(), c.title(), c.programme(), c.description(), c.keywords(), c.tags(), c.kind().name(),
                c.status().name(), tracked.status().name(), c.openingDate(), c.deadlines(),
                TrackedCall.lastDeadline(c).orElse(null),
                c.budget() == null ? null : c.budget().amount().toPlainString(),
                c.budget() == null ? null : c.budget().currency(), c.eligibleCountries(), c.partnershipRequirement(),
                c.url(), tracked.firstSeen(), tracked.lastChanged(), tracked.closedAt(),
                tracked.closedReason() == null ? null : tracked.closedReason().name(), tracked.version());
    }

    private static TrackedCall toDomain(CallDocument d) {
        FundingCall call = new FundingCall(d.source(), d.reference(), d.identifier(), d.callIdentifier(),
                d.callTitle(), d.title(), d.programme(), d.description(), d.keywords(), d.tags(),
                CallKind.valueOf(d.kind()), CallStatus.valueOf(d.sourceStatus()), d.openingDate(), d.deadlines(),
                d.budgetAmount() == null ? null : Money.of(d.budgetAmount(), d.budgetCurrency()),
                d.eligibleCountries(), d.partnershipRequirement(), d.url());
        return new TrackedCall(call, CallStatus.valueOf(d.status()), d.firstSeen(), d.lastChanged(), d.closedAt(),
                d.closedReason() == null ? null : CloseReason.valueOf(d.closedReason()), d.version());
    }
}
