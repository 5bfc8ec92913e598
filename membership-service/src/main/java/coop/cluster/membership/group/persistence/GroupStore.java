package coop.cluster.membership.group.persistence;

import coop.cluster.membership.group.domain.Group;
import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Thematic groups; every change goes out with its events in the same single-document write. */
@Repository
public class GroupStore {

    private final VersionedDocuments<Group, GroupDocument> groups;

    GroupStore(MongoTemplate mongo, OutboxWriter outbox) {
        this.groups =
                VersionedDocuments.of(
                        mongo,
                        outbox,
                        GroupDocument.class,
                        GroupStore::toDocument,
                        GroupStore::toDomain);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id or the name is taken
     */
    public Group add(Group group, List<PendingEvent> events) {
        return groups.insert(group, events);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it in
     *     between
     */
    public Group update(Group group, List<PendingEvent> events) {
        return groups.update(group, events);
    }

    public Optional<Group> find(String id) {
        return groups.find(id);
    }

    public boolean nameTaken(String nameKey) {
        return groups.exists(Query.query(Criteria.where("nameKey").is(nameKey)));
    }

    /** Every group, by name. */
    public Page<Group> list(Pageable page) {
        return groups.page(new Query(), page, Sort.by("nameKey"));
    }

    /** The groups that any of {@code members} belongs to. */
    public List<Group> withAnyOf(Collection<MemberId> members) {
        return groups.list(
                Query.query(
                        Criteria.where("members.memberId")
                                .in(members.stream().map(MemberId::value).toList())));
    }

    private static GroupDocument toDocument(Group group) {
        return new GroupDocument(
                group.id(),
                group.name(),
                Group.nameKey(group.name()),
                group.description(),
                group.interests(),
                group.resolutionId(),
                group.createdAt(),
                group.members().stream()
                        .map(m -> new GroupDocument.MemberDoc(m.member().value(), m.joinedAt()))
                        .toList(),
                group.version());
    }

    private static Group toDomain(GroupDocument doc) {
        return new Group(
                doc.id(),
                doc.name(),
                doc.description(),
                doc.interests(),
                doc.resolutionId(),
                doc.createdAt(),
                doc.members() == null
                        ? List.of()
                        : doc.members().stream()
                                .map(
                                        m ->
                                                new Group.Membership(
                                                        new MemberId(m.memberId()), m.joinedAt()))
                                .toList(),
                doc.version());
    }
}
