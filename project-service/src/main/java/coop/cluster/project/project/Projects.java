package coop.cluster.project.project;

import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.IdempotencyKeys;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.project.call.CallView;
import coop.cluster.project.call.Calls;
import coop.cluster.project.member.Members;
import coop.cluster.project.project.domain.Agreement;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectDetails;
import coop.cluster.project.project.domain.ProjectStatus;
import coop.cluster.project.project.events.AgreementContent;
import coop.cluster.project.project.events.AgreementProposed;
import coop.cluster.project.project.events.AgreementSigned;
import coop.cluster.project.project.events.PartnerJoined;
import coop.cluster.project.project.events.PartnerLeft;
import coop.cluster.project.project.events.ProjectAbandoned;
import coop.cluster.project.project.events.ProjectClosed;
import coop.cluster.project.project.events.ProjectCreated;
import coop.cluster.project.project.events.ProjectState;
import coop.cluster.project.project.events.ProjectUpdated;
import coop.cluster.project.project.persistence.ProjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Cooperation projects: started by an active member, edited by their leader. Each change is one
 * conditional write of the project with the event that announces it.
 */
@Service
public class Projects {

    private static final Logger log = LoggerFactory.getLogger(Projects.class);

    private final ProjectStore projects;
    private final Members members;
    private final Calls calls;
    private final EventFactory events;
    private final Clock clock;
    private final MeterRegistry meters;

    Projects(
            ProjectStore projects,
            Members members,
            Calls calls,
            EventFactory events,
            Clock clock,
            MeterRegistry meters) {
        this.projects = projects;
        this.members = members;
        this.calls = calls;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * {@code leader} starts a project; it must be an active member as far as this service has
     * heard.
     */
    public Project start(String leader, ProjectDetails details) {
        return start(UUID.randomUUID().toString(), leader, details);
    }

    /**
     * A project start and whether it was stored by an earlier request under the same idempotency
     * key.
     */
    public record Started(Project project, boolean replayed) {}

    /**
     * A start a client may retry: under {@code idempotencyKey} (the {@code Idempotency-Key} header)
     * the project's id is named by the key and the person starting it, so a retry of a stored start
     * answers the stored project instead of starting a second; the same key for another project is
     * a {@code 422 idempotency-conflict}.
     */
    public Started start(
            String leader, ProjectDetails details, String startedBy, String idempotencyKey) {
        if (idempotencyKey == null) {
            return new Started(start(leader, details), false);
        }
        String id = IdempotencyKeys.idFor("project-start", startedBy, idempotencyKey);
        try {
            return new Started(start(id, leader, details), false);
        } catch (DuplicateKeyException e) {
            Project stored = projects.find(id).orElseThrow(() -> e);
            if (!stored.leader().equals(leader)
                    || !stored.details().title().equals(details.title())) {
                throw IdempotencyKeys.conflict(idempotencyKey);
            }
            log.info(
                    "Start of project '{}' under idempotency key {} replayed: project {}",
                    details.title(),
                    idempotencyKey,
                    id);
            return new Started(flagIfTargetClosed(stored), true);
        }
    }

    private Project start(String id, String leader, ProjectDetails details) {
        if (!members.isActive(leader)) {
            throw ProblemException.conflict("member-not-active", leader);
        }
        Project project = Project.start(id, leader, details, clock.instant());
        Project stored =
                projects.add(
                        project,
                        List.of(
                                events.create(
                                        "projects",
                                        project.id(),
                                        new ProjectCreated(
                                                project.id(),
                                                leader,
                                                ProjectState.of(project),
                                                project.createdAt()))));
        count("created");
        log.info("Project {} '{}' started by member {}", project.id(), details.title(), leader);
        return flagIfTargetClosed(stored);
    }

    public Project get(String id) {
        return projects.find(id).orElseThrow(() -> ProblemException.notFound("project", id));
    }

    public Page<Project> visibleTo(
            String member,
            boolean othersVisible,
            ProjectStatus status,
            Boolean targetCallClosed,
            Pageable page) {
        return projects.visibleTo(member, othersVisible, status, targetCallClosed, page);
    }

    public Project edit(String id, String by, ProjectDetails details, Long ifMatch) {
        Project edited =
                change(
                        id,
                        ifMatch,
                        "updated",
                        p -> p.edit(by, details),
                        p ->
                                new ProjectUpdated(
                                        id,
                                        p.leader(),
                                        "details",
                                        ProjectState.of(p),
                                        clock.instant()));
        return flagIfTargetClosed(edited);
    }

    /**
     * A project that aims at a call the view knows closed is flagged at once. Checked AFTER the
     * project's write, while the call consumer writes the view BEFORE it looks for the projects
     * aiming at the call: one of the two always sees the other's write, so no project slips
     * through.
     */
    private Project flagIfTargetClosed(Project project) {
        String callId = project.details().targetCallId();
        if (callId == null || project.targetCallClosedAt() != null) {
            return project;
        }
        return calls.find(callId)
                .filter(CallView::isClosed)
                .map(
                        call -> {
                            Project flagged =
                                    targetCallClosed(project.id(), callId, call.closedAt());
                            return flagged != null
                                    ? flagged
                                    : get(project.id()); // the consumer flagged it first
                        })
                .orElse(project);
    }

    /**
     * The funding call {@code callId} closed: every project that aims at it and is not over is
     * flagged, with "project updated" (target-call-closed). Idempotent: a flagged project is left
     * as it is.
     */
    public int targetCallClosed(String callId, java.time.Instant closedAt) {
        int flagged = 0;
        for (Project project : projects.aimingAt(callId)) {
            if (targetCallClosed(project.id(), callId, closedAt) != null) {
                flagged++;
            }
        }
        return flagged;
    }

    /**
     * The funding call {@code callId} is open (again): the projects flagged for it are no longer.
     * Idempotent.
     */
    public int targetCallOpen(String callId) {
        int lifted = 0;
        for (Project project : projects.aimingAt(callId)) {
            if (project.targetCallClosedAt() != null
                    && retried(
                                    project.id(),
                                    p -> p.targetCallReopened(callId),
                                    "target-call-reopened")
                            != null) {
                lifted++;
            }
        }
        return lifted;
    }

    private Project targetCallClosed(String id, String callId, java.time.Instant closedAt) {
        return retried(id, p -> p.targetCallClosed(callId, closedAt), "target-call-closed");
    }

    /**
     * Applies a change that the system makes (no caller, no If-Match), re-reading the project when
     * a write lost a race. @return the project as stored, or null if the change left it as it was
     */
    private Project retried(String id, UnaryOperator<Project> transition, String change) {
        for (int attempt = 1; ; attempt++) {
            Project current = get(id);
            Project next = transition.apply(current);
            if (next == current) {
                return null;
            }
            try {
                Project stored =
                        projects.update(
                                next,
                                List.of(
                                        events.create(
                                                "projects",
                                                id,
                                                new ProjectUpdated(
                                                        id,
                                                        next.leader(),
                                                        change,
                                                        ProjectState.of(next),
                                                        clock.instant()))));
                count(change);
                log.info("Project {} {} (call {})", id, change, next.details().targetCallId());
                return stored;
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    public Project open(String id, String by, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "opened",
                p -> p.open(by, clock.instant()),
                p ->
                        new ProjectUpdated(
                                id, p.leader(), "opened", ProjectState.of(p), p.statusChangedAt()));
    }

    public Project close(String id, String by, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "closed",
                p -> p.close(by, reason, clock.instant()),
                p -> new ProjectClosed(id, reason, p.statusChangedAt()));
    }

    /**
     * @param actor who gave it up: the leader member's id, or a manager's user name
     */
    public Project abandon(String id, String actor, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "abandoned",
                p -> p.abandon(p.leader(), reason, clock.instant()),
                p -> new ProjectAbandoned(id, reason, actor, p.statusChangedAt()));
    }

    /** The leader proposes a new version of the agreement. */
    public Project proposeAgreement(
            String id,
            String currency,
            List<Agreement.Contribution> contributions,
            String coordinator,
            List<Agreement.Task> tasks,
            String settlementRule,
            Long ifMatch) {
        return change(
                id,
                ifMatch,
                "agreement-proposed",
                p ->
                        p.proposeAgreement(
                                p.leader(),
                                currency,
                                contributions,
                                coordinator,
                                tasks,
                                settlementRule,
                                clock.instant()),
                p ->
                        new AgreementProposed(
                                id,
                                AgreementContent.of(p.agreement()),
                                p.agreement().proposedAt()));
    }

    /**
     * A partner signs the agreement's version {@code agreementVersion}. The signature that
     * completes it makes the project active and publishes "agreement signed" in the same write.
     * Signatures of different partners commute, so a write that lost a race is retried on a fresh
     * read.
     */
    public Project sign(String id, String member, int agreementVersion) {
        for (int attempt = 1; ; attempt++) {
            Project current = get(id);
            Project next;
            try {
                next = current.sign(member, agreementVersion, clock.instant());
            } catch (RuleViolation violation) {
                throw new ProblemException(HttpStatus.CONFLICT, violation.code(), violation.args());
            }
            List<Object> announced = new java.util.ArrayList<>();
            if (next.agreementSigned()) {
                announced.add(
                        new AgreementSigned(
                                id,
                                next.details().title(),
                                next.leader(),
                                AgreementContent.of(next.agreement()),
                                next.agreement().signatures(),
                                clock.instant()));
                if (current.status() != next.status()) {
                    announced.add(
                            new ProjectUpdated(
                                    id,
                                    next.leader(),
                                    "activated",
                                    ProjectState.of(next),
                                    clock.instant()));
                }
            }
            try {
                Project stored =
                        projects.update(
                                next,
                                announced.stream()
                                        .map(e -> events.create("projects", id, e))
                                        .toList());
                count(next.agreementSigned() ? "agreement-signed" : "agreement-signature");
                log.info(
                        "Member {} signed version {} of the agreement of project {}{}",
                        member,
                        agreementVersion,
                        id,
                        next.agreementSigned() ? ": every partner has signed" : "");
                return stored;
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    /** A partner (not the leader) leaves the project. */
    public Project leave(String id, String member, String reason, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "partner-left",
                p -> p.leave(member),
                p -> new PartnerLeft(id, member, reason, clock.instant()));
    }

    /** The leader offers the leadership to a partner. */
    public Project offerLeadership(String id, String partner, Long ifMatch) {
        return change(
                id,
                ifMatch,
                "leadership-offered",
                p -> p.offerLeadership(p.leader(), partner),
                p ->
                        new ProjectUpdated(
                                id,
                                p.leader(),
                                "leadership-offered",
                                ProjectState.of(p),
                                clock.instant()));
    }

    /** The partner offered the leadership takes it, or declines it. */
    public Project answerLeadership(String id, String member, boolean accept) {
        return change(
                id,
                null,
                accept ? "leader-changed" : "leadership-declined",
                p -> p.answerLeadership(member, accept),
                p ->
                        new ProjectUpdated(
                                id,
                                p.leader(),
                                accept ? "leader-changed" : "leadership-declined",
                                ProjectState.of(p),
                                clock.instant()));
    }

    /**
     * {@code member} joins the project, having accepted invitation {@code invitationId}.
     * Idempotent: a member that is already a partner changes nothing. A write that lost a race is
     * retried on a fresh read.
     */
    public Project join(String id, String member, String role, String invitationId) {
        for (int attempt = 1; ; attempt++) {
            try {
                return projects.decide(
                        id,
                        found -> {
                            Project current =
                                    found.orElseThrow(
                                            () -> ProblemException.notFound("project", id));
                            if (current.hasPartner(member)) {
                                return current;
                            }
                            Project next;
                            try {
                                next = current.join(member, role, clock.instant());
                            } catch (RuleViolation violation) {
                                throw new ProblemException(
                                        HttpStatus.CONFLICT, violation.code(), violation.args());
                            }
                            Project stored =
                                    projects.update(
                                            next,
                                            List.of(
                                                    events.create(
                                                            "projects",
                                                            id,
                                                            new PartnerJoined(
                                                                    id,
                                                                    member,
                                                                    role,
                                                                    invitationId,
                                                                    clock.instant()))));
                            count("partner-joined");
                            log.info("Member {} joined project {} as {}", member, id, role);
                            return stored;
                        });
            } catch (OptimisticLockingFailureException raced) {
                if (attempt == 5) {
                    throw raced;
                }
            }
        }
    }

    private Project change(
            String id,
            Long ifMatch,
            String what,
            UnaryOperator<Project> transition,
            Function<Project, Object> event) {
        Project stored =
                projects.decide(
                        id,
                        found -> {
                            Project current =
                                    found.orElseThrow(
                                            () -> ProblemException.notFound("project", id));
                            if (ifMatch != null && !ifMatch.equals(current.version())) {
                                throw new ProblemException(
                                        HttpStatus.PRECONDITION_FAILED,
                                        "stale-version",
                                        ifMatch,
                                        current.version());
                            }
                            Project next;
                            try {
                                next = transition.apply(current);
                            } catch (RuleViolation violation) {
                                throw new ProblemException(
                                        statusOf(violation.code()),
                                        violation.code(),
                                        violation.args());
                            }
                            return projects.update(
                                    next,
                                    List.of(events.create("projects", id, event.apply(next))));
                        });
        count(what);
        log.info("Project {} {}", id, what);
        return stored;
    }

    /**
     * The terms of an agreement that cannot be are 422; acting without the right, 403; the wrong
     * state, 409.
     */
    private static HttpStatus statusOf(String rule) {
        return switch (rule) {
            case "not-the-leader" -> HttpStatus.FORBIDDEN;
            case "invalid-currency",
                    "contributor-not-a-partner",
                    "contribution-twice",
                    "contribution-empty",
                    "contribution-missing",
                    "in-kind-value-required",
                    "invalid-amount",
                    "coordinator-not-a-partner",
                    "task-title-required",
                    "responsible-not-a-partner",
                    "settlement-rule-required" ->
                    HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.CONFLICT;
        };
    }

    private void count(String change) {
        meters.counter("cluster.project.project.changes", "change", change).increment();
    }
}
