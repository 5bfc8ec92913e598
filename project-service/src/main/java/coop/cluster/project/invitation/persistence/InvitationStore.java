package coop.cluster.project.invitation.persistence;

import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import coop.cluster.project.invitation.domain.Invitation;
import coop.cluster.project.invitation.domain.InvitationStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Invitations; every change goes out with its events in the same single-document write. */
@Repository
public class InvitationStore {

    private static final String PENDING = InvitationStatus.PENDING.name();

    private final VersionedDocuments<Invitation, InvitationDocument> invitations;

    InvitationStore(MongoTemplate mongo, OutboxWriter outbox, MeterRegistry meters) {
        this.invitations =
                VersionedDocuments.of(
                                mongo,
                                outbox,
                                InvitationDocument.class,
                                InvitationStore::toDocument,
                                InvitationStore::toDomain)
                        .keepingRecent("invitations", 20_000, Invitation::version, meters);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the member has a pending invitation
     *     to the project
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

    /**
     * Runs a command on the invitation as this process last read or wrote it, and again on the
     * stored one if that attempt fails ({@link VersionedDocuments#decide}): a change costs the
     * store its write only, not a read first. The command must decide and {@link #update} — nothing
     * else — and gets an empty optional for an unknown id.
     */
    public <R> R decide(String id, Function<Optional<Invitation>, R> command) {
        return invitations.decide(id, command);
    }

    public Optional<Invitation> find(String id) {
        return invitations.find(id);
    }

    /** A member's invitations, in {@code status} when given, newest first. */
    public Page<Invitation> of(String invitee, InvitationStatus status, Pageable page) {
        return page(Criteria.where("invitee").is(invitee), status, page);
    }

    /** A project's invitations, in {@code status} when given, newest first. */
    public Page<Invitation> forProject(String projectId, InvitationStatus status, Pageable page) {
        return page(Criteria.where("projectId").is(projectId), status, page);
    }

    /** Pending invitations whose time is up. */
    public List<Invitation> due(Instant now, int limit) {
        return invitations.list(
                Query.query(Criteria.where("status").is(PENDING).and("expiresAt").lte(now))
                        .limit(limit));
    }

    /** A member's pending invitations, to every project. */
    public List<Invitation> pendingFor(String invitee) {
        return invitations.list(
                Query.query(Criteria.where("invitee").is(invitee).and("status").is(PENDING)));
    }

    private Page<Invitation> page(Criteria criteria, InvitationStatus status, Pageable page) {
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        return invitations.page(
                Query.query(criteria), page, Sort.by(Sort.Direction.DESC, "createdAt", "_id"));
    }

    private static InvitationDocument toDocument(Invitation i) {
        return new InvitationDocument(
                i.id(),
                i.projectId(),
                i.projectTitle(),
                i.invitee(),
                i.invitedBy(),
                i.role(),
                i.message(),
                i.status().name(),
                i.createdAt(),
                i.expiresAt(),
                i.closedAt(),
                i.answer(),
                i.isPending() ? i.projectId() + ":" + i.invitee() : null,
                i.version());
    }

    private static Invitation toDomain(InvitationDocument d) {
        return new Invitation(
                d.id(),
                d.projectId(),
                d.projectTitle(),
                d.invitee(),
                d.invitedBy(),
                d.role(),
                d.message(),
                InvitationStatus.valueOf(d.status()),
                d.createdAt(),
                d.expiresAt(),
                d.closedAt(),
                d.answer(),
                d.version());
    }
}
