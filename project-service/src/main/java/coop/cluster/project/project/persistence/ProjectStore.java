package coop.cluster.project.project.persistence;

import coop.cluster.plumbing.events.PendingEvent;
import coop.cluster.plumbing.outbox.OutboxWriter;
import coop.cluster.plumbing.outbox.VersionedDocuments;
import coop.cluster.project.project.domain.Agreement;
import coop.cluster.project.project.domain.Needs;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectDetails;
import coop.cluster.project.project.domain.ProjectStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/** Projects; every change goes out with its events in the same single-document write. */
@Repository
public class ProjectStore {

    private final VersionedDocuments<Project, ProjectDocument> projects;

    ProjectStore(MongoTemplate mongo, OutboxWriter outbox, MeterRegistry meters) {
        this.projects =
                VersionedDocuments.of(
                                mongo,
                                outbox,
                                ProjectDocument.class,
                                ProjectStore::toDocument,
                                ProjectStore::toDomain)
                        .keepingRecent("projects", 20_000, Project::version, meters);
    }

    /**
     * @throws org.springframework.dao.DuplicateKeyException if the id is taken
     */
    public Project add(Project project, List<PendingEvent> events) {
        return projects.insert(project, events);
    }

    /**
     * @throws org.springframework.dao.OptimisticLockingFailureException if someone changed it in
     *     between
     */
    public Project update(Project project, List<PendingEvent> events) {
        return projects.update(project, events);
    }

    /**
     * Runs a command on the project as this process last read or wrote it, and again on the stored
     * one if that attempt fails ({@link VersionedDocuments#decide}): a change costs the store its
     * write only, not a read first. The command must decide and {@link #update} — nothing else —
     * and gets an empty optional for an unknown id.
     */
    public <R> R decide(String id, Function<Optional<Project>, R> command) {
        return projects.decide(id, command);
    }

    public Optional<Project> find(String id) {
        return projects.find(id);
    }

    /**
     * Projects that {@code member} takes part in, plus, when {@code othersVisible}, every other
     * project that is past its draft; in {@code status} when given; flagged or not for a closed
     * target call when {@code targetCallClosed} is given. Newest first.
     */
    public Page<Project> visibleTo(
            String member,
            boolean othersVisible,
            ProjectStatus status,
            Boolean targetCallClosed,
            Pageable page) {
        Criteria mine = Criteria.where("partners.memberId").is(member);
        Criteria visible =
                othersVisible
                        ? new Criteria()
                                .orOperator(
                                        mine,
                                        Criteria.where("status").ne(ProjectStatus.DRAFT.name()))
                        : mine;
        Query query = Query.query(visible);
        if (status != null) {
            query.addCriteria(Criteria.where("status").is(status.name()));
        }
        if (targetCallClosed != null) {
            query.addCriteria(
                    targetCallClosed
                            ? Criteria.where("targetCallClosedAt").ne(null)
                            : Criteria.where("targetCallClosedAt").is(null));
        }
        return projects.page(query, page, Sort.by(Sort.Direction.DESC, "createdAt", "_id"));
    }

    /** The projects that aim at funding call {@code callId} and are not over. */
    public List<Project> aimingAt(String callId) {
        Query query =
                Query.query(
                        Criteria.where("targetCallId")
                                .is(callId)
                                .and("status")
                                .nin(ProjectStatus.CLOSED.name(), ProjectStatus.ABANDONED.name()));
        return projects.list(query);
    }

    private static ProjectDocument toDocument(Project p) {
        ProjectDetails d = p.details();
        return new ProjectDocument(
                p.id(),
                p.leader(),
                d.title(),
                d.description(),
                d.theme(),
                d.needs().competences(),
                d.needs().resources().stream()
                        .map(r -> new ProjectDocument.Resource(r.type(), r.description()))
                        .toList(),
                d.targetCallId(),
                p.status().name(),
                p.partners().stream()
                        .map(x -> new ProjectDocument.Partner(x.memberId(), x.role(), x.joinedAt()))
                        .toList(),
                p.createdAt(),
                p.statusChangedAt(),
                p.statusReason(),
                p.proposedLeader(),
                agreementDoc(p.agreement()),
                p.targetCallClosedAt(),
                p.version());
    }

    private static ProjectDocument.AgreementDoc agreementDoc(Agreement a) {
        if (a == null) {
            return null;
        }
        return new ProjectDocument.AgreementDoc(
                a.version(),
                a.currency(),
                a.contributions().stream()
                        .map(
                                c ->
                                        new ProjectDocument.ContributionDoc(
                                                c.memberId(),
                                                plain(c.money()),
                                                c.inKind(),
                                                plain(c.inKindValue())))
                        .toList(),
                a.coordinator(),
                a.tasks().stream()
                        .map(t -> new ProjectDocument.TaskDoc(t.title(), t.responsible()))
                        .toList(),
                a.settlementRule(),
                a.proposedAt(),
                a.signatures().entrySet().stream()
                        .map(e -> new ProjectDocument.SignatureDoc(e.getKey(), e.getValue()))
                        .toList());
    }

    private static Agreement agreement(ProjectDocument.AgreementDoc d) {
        if (d == null) {
            return null;
        }
        Map<String, Instant> signatures = new LinkedHashMap<>();
        d.signatures().forEach(sig -> signatures.put(sig.memberId(), sig.signedAt()));
        return new Agreement(
                d.version(),
                d.currency(),
                d.contributions().stream()
                        .map(
                                c ->
                                        new Agreement.Contribution(
                                                c.memberId(),
                                                decimal(c.money()),
                                                c.inKind(),
                                                decimal(c.inKindValue())))
                        .toList(),
                d.coordinator(),
                d.tasks().stream()
                        .map(t -> new Agreement.Task(t.title(), t.responsible()))
                        .toList(),
                d.settlementRule(),
                d.proposedAt(),
                signatures);
    }

    private static String plain(BigDecimal amount) {
        return amount == null ? null : amount.toPlainString();
    }

    private static BigDecimal decimal(String amount) {
        return amount == null ? null : new BigDecimal(amount);
    }

    private static Project toDomain(ProjectDocument doc) {
        Needs needs =
                new Needs(
                        doc.neededCompetences(),
                        doc.neededResources() == null
                                ? List.of()
                                : doc.neededResources().stream()
                                        .map(r -> new Needs.Resource(r.type(), r.description()))
                                        .toList());
        return new Project(
                doc.id(),
                doc.leader(),
                new ProjectDetails(
                        doc.title(), doc.description(), doc.theme(), needs, doc.targetCallId()),
                ProjectStatus.valueOf(doc.status()),
                doc.partners().stream()
                        .map(x -> new Project.Partner(x.memberId(), x.role(), x.joinedAt()))
                        .toList(),
                doc.createdAt(),
                doc.statusChangedAt(),
                doc.statusReason(),
                doc.proposedLeader(),
                agreement(doc.agreement()),
                doc.targetCallClosedAt(),
                doc.version());
    }
}
