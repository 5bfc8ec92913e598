package coop.cluster.activity.event.persistence;

import coop.cluster.activity.event.domain.Audience;
import coop.cluster.activity.event.domain.EventDetails;
import coop.cluster.activity.event.domain.EventKind;
import coop.cluster.activity.event.domain.EventState;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Exchange events with their registrations; every change goes out with its events in the same
 * single-document write, conditional on the version it was read with ({@link VersionedDocuments}):
 * the store has no transactions, and needs none, since an event's places, its waiting list and the
 * events announcing their changes are one document.
 */
@Repository
public class EventStore {

    private final VersionedDocuments<ExchangeEvent, EventDocument> events;

    EventStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.events =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        EventDocument.class,
                        EventStore::toDocument,
                        EventStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id is taken
     */
    public ExchangeEvent add(ExchangeEvent event, List<PendingEvent> announced) {
        return events.insert(event, announced);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it since
     *     it was read
     */
    public ExchangeEvent update(ExchangeEvent event, List<PendingEvent> announced) {
        return events.update(event, announced);
    }

    /** Always the stored event: never a kept copy. */
    public Optional<ExchangeEvent> find(String id) {
        return events.find(id);
    }

    /**
     * Events in {@code states}, of {@code kind} when given, starting in [{@code from}, {@code to})
     * when given; soonest first.
     */
    public Page<ExchangeEvent> page(
            List<EventState> states, EventKind kind, Instant from, Instant to, Pageable page) {
        Query query =
                Query.query(Criteria.where("state").in(states.stream().map(Enum::name).toList()));
        if (kind != null) {
            query.addCriteria(Criteria.where("kind").is(kind.name()));
        }
        if (from != null || to != null) {
            Criteria starts = Criteria.where("startsAt");
            if (from != null) {
                starts = starts.gte(from);
            }
            if (to != null) {
                starts = starts.lt(to);
            }
            query.addCriteria(starts);
        }
        return events.page(query, page, Sort.by(Sort.Direction.ASC, "startsAt", "_id"));
    }

    /** The events a person is registered for (confirmed or waiting), soonest first. */
    public List<ExchangeEvent> registeredBy(String personId) {
        Query query =
                Query.query(
                        new Criteria()
                                .orOperator(
                                        Criteria.where("confirmed.personId").is(personId),
                                        Criteria.where("waiting.personId").is(personId)));
        query.with(Sort.by(Sort.Direction.ASC, "startsAt", "_id")).limit(500);
        return events.list(query);
    }

    private static EventDocument toDocument(ExchangeEvent e) {
        EventDetails d = e.details();
        return new EventDocument(
                e.id(),
                d.kind().name(),
                d.titleFr(),
                d.titleEn(),
                d.descriptionFr(),
                d.descriptionEn(),
                d.place(),
                d.onlineLink(),
                d.startsAt(),
                d.endsAt(),
                d.capacity(),
                d.waitingListCap(),
                d.audience().name(),
                d.groupId(),
                e.state().name(),
                e.createdBy(),
                e.createdAt(),
                e.stateChangedAt(),
                e.cancelReason(),
                e.confirmed().stream().map(EventStore::toDocument).toList(),
                e.waiting().stream().map(EventStore::toDocument).toList(),
                e.version());
    }

    private static EventDocument.RegistrationDoc toDocument(Registration r) {
        return new EventDocument.RegistrationDoc(
                r.registrationId(),
                r.personId(),
                r.memberId(),
                r.registeredAt(),
                r.promotedAt(),
                r.attendedAt());
    }

    private static Registration toDomain(EventDocument.RegistrationDoc r) {
        return new Registration(
                r.registrationId(),
                r.personId(),
                r.memberId(),
                r.registeredAt(),
                r.promotedAt(),
                r.attendedAt());
    }

    private static ExchangeEvent toDomain(EventDocument doc) {
        return new ExchangeEvent(
                doc.id(),
                new EventDetails(
                        EventKind.valueOf(doc.kind()),
                        doc.titleFr(),
                        doc.titleEn(),
                        doc.descriptionFr(),
                        doc.descriptionEn(),
                        doc.place(),
                        doc.onlineLink(),
                        doc.startsAt(),
                        doc.endsAt(),
                        doc.capacity(),
                        doc.waitingListCap(),
                        Audience.valueOf(doc.audience()),
                        doc.groupId()),
                EventState.valueOf(doc.state()),
                doc.createdBy(),
                doc.createdAt(),
                doc.stateChangedAt(),
                doc.cancelReason(),
                doc.confirmed() == null
                        ? List.of()
                        : doc.confirmed().stream().map(EventStore::toDomain).toList(),
                doc.waiting() == null
                        ? List.of()
                        : doc.waiting().stream().map(EventStore::toDomain).toList(),
                doc.version());
    }
}
