package coop.cluster.auth.people.persistence;

import coop.cluster.auth.people.domain.Email;
import coop.cluster.auth.people.domain.Invitation;
import coop.cluster.auth.people.domain.InvitationStatus;
import coop.cluster.auth.people.domain.Language;
import coop.cluster.auth.people.domain.OrganisationRole;
import coop.cluster.auth.people.domain.StaffRole;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Invitations in the store, with their events in the same write. */
@Repository
public class InvitationStore {

    private final VersionedDocuments<Invitation, InvitationDocument> invitations;

    InvitationStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.invitations =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        InvitationDocument.class,
                        InvitationStore::toDocument,
                        InvitationStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id is taken
     */
    public Invitation add(Invitation invitation, List<PendingEvent> events) {
        return invitations.insert(invitation, events);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it in
     *     between
     */
    public Invitation update(Invitation invitation, List<PendingEvent> events) {
        return invitations.update(invitation, events);
    }

    public Optional<Invitation> find(String id) {
        return invitations.find(id);
    }

    /**
     * Invitations of {@code memberId} (all when null) in {@code status} (all when null), newest
     * first.
     */
    public Page<Invitation> list(String memberId, InvitationStatus status, Pageable page) {
        Criteria criteria = new Criteria();
        if (memberId != null) {
            criteria = criteria.and("memberId").is(memberId);
        }
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        return invitations.page(
                Query.query(criteria), page, Sort.by(Sort.Direction.DESC, "createdAt"));
    }

    private static InvitationDocument toDocument(Invitation i) {
        return new InvitationDocument(
                i.id(),
                i.email().value(),
                i.displayName(),
                i.language().name(),
                i.memberId(),
                i.roles().stream().map(Enum::name).toList(),
                i.staffRoles().stream().map(Enum::name).toList(),
                i.invitedBy(),
                i.createdAt(),
                i.expiresAt(),
                i.status().name(),
                i.sentAt(),
                i.acceptedBy(),
                i.version());
    }

    private static Invitation toDomain(InvitationDocument d) {
        return new Invitation(
                d.id(),
                new Email(d.email()),
                d.displayName(),
                Language.valueOf(d.language()),
                d.memberId(),
                PersonStore.roles(d.roles(), OrganisationRole.class),
                PersonStore.roles(d.staffRoles(), StaffRole.class),
                d.invitedBy(),
                d.createdAt(),
                d.expiresAt(),
                InvitationStatus.valueOf(d.status()),
                d.sentAt(),
                d.acceptedBy(),
                d.version());
    }
}
