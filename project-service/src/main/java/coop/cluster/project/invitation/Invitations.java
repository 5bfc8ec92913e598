package coop.cluster.project.invitation;

import coop.cluster.plumbing.domain.RuleViolation;
import coop.cluster.plumbing.events.EventFactory;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.project.invitation.domain.Invitation;
import coop.cluster.project.invitation.domain.InvitationStatus;
import coop.cluster.project.invitation.events.InvitationAccepted;
import coop.cluster.project.invitation.events.InvitationDeclined;
import coop.cluster.project.invitation.events.InvitationExpired;
import coop.cluster.project.invitation.events.InvitationWithdrawn;
import coop.cluster.project.invitation.events.PartnerInvited;
import coop.cluster.project.invitation.persistence.InvitationStore;
import coop.cluster.project.member.Members;
import coop.cluster.project.project.Projects;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectStatus;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Invitations to join a project. Each is its own document: an answer is one conditional write of
 * it, so of two answers racing exactly one wins and the other is refused. Accepting then adds the
 * partner to the project (idempotently, so doing it again after a crash is harmless).
 */
@Service
public class Invitations {

    private static final Logger log = LoggerFactory.getLogger(Invitations.class);

    private final InvitationStore invitations;
    private final Projects projects;
    private final Members members;
    private final EventFactory events;
    private final InvitationSettings settings;
    private final Clock clock;
    private final MeterRegistry meters;

    Invitations(
            InvitationStore invitations,
            Projects projects,
            Members members,
            EventFactory events,
            InvitationSettings settings,
            Clock clock,
            MeterRegistry meters) {
        this.invitations = invitations;
        this.projects = projects;
        this.members = members;
        this.events = events;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * The leader of a forming project invites an active member that is not yet a partner nor
     * already invited.
     */
    public Invitation invite(Project project, String invitee, String role, String message) {
        return invite(project, invitee, role, message, null);
    }

    /**
     * @param expiresIn how long it waits for its answer; the configured expiry when null
     */
    public Invitation invite(
            Project project,
            String invitee,
            String role,
            String message,
            java.time.Duration expiresIn) {
        if (project.status() != ProjectStatus.FORMING) {
            throw ProblemException.conflict("project-not-forming", project.id(), project.status());
        }
        if (project.hasPartner(invitee)) {
            throw ProblemException.conflict("already-partner", invitee, project.id());
        }
        if (!members.isActive(invitee)) {
            throw ProblemException.conflict("member-not-active", invitee);
        }
        Instant now = clock.instant();
        Invitation invitation =
                ruled(
                        () ->
                                Invitation.send(
                                        UUID.randomUUID().toString(),
                                        project.id(),
                                        project.details().title(),
                                        invitee,
                                        project.leader(),
                                        role,
                                        message,
                                        now,
                                        now.plus(
                                                expiresIn == null
                                                        ? settings.expiry()
                                                        : expiresIn)));
        try {
            Invitation stored =
                    invitations.add(
                            invitation,
                            List.of(
                                    event(
                                            invitation.id(),
                                            new PartnerInvited(
                                                    invitation.id(),
                                                    project.id(),
                                                    project.details().title(),
                                                    invitee,
                                                    project.leader(),
                                                    invitation.role(),
                                                    invitation.message(),
                                                    invitation.expiresAt(),
                                                    now))));
            count("sent");
            log.info(
                    "Member {} invited to project {} as {}",
                    invitee,
                    project.id(),
                    invitation.role());
            return stored;
        } catch (DuplicateKeyException pending) {
            throw ProblemException.conflict("already-invited", invitee, project.id());
        }
    }

    public Invitation get(String id) {
        return invitations.find(id).orElseThrow(() -> ProblemException.notFound("invitation", id));
    }

    public Page<Invitation> inbox(String member, InvitationStatus status, Pageable page) {
        return invitations.of(member, status, page);
    }

    public Page<Invitation> forProject(String projectId, InvitationStatus status, Pageable page) {
        return invitations.forProject(projectId, status, page);
    }

    /** The invitee answers, once; on acceptance it joins the project. */
    public Invitation answer(String id, String byMember, boolean accept, String message) {
        return answer(id, invitation -> {}, byMember, accept, message);
    }

    /**
     * The invitee answers, once; on acceptance it joins the project. {@code mayAnswer} checks the
     * caller's rights on the invitation before anything is decided (it throws to refuse). The
     * invitation is the one this process last read or wrote, written on its version, and decided
     * again on the stored one if that fails (an answer given meanwhile elsewhere): an answer costs
     * the store its writes, not reads first.
     */
    public Invitation answer(
            String id,
            Consumer<Invitation> mayAnswer,
            String byMember,
            boolean accept,
            String message) {
        Invitation answered =
                change(
                        id,
                        current -> {
                            mayAnswer.accept(current);
                            return current.answer(byMember, accept, message, clock.instant());
                        },
                        i ->
                                accept
                                        ? new InvitationAccepted(
                                                id,
                                                i.projectId(),
                                                i.invitee(),
                                                i.role(),
                                                i.answer(),
                                                i.closedAt())
                                        : new InvitationDeclined(
                                                id,
                                                i.projectId(),
                                                i.invitee(),
                                                i.answer(),
                                                i.closedAt()),
                        accept ? "accepted" : "declined");
        if (accept) {
            projects.join(answered.projectId(), answered.invitee(), answered.role(), answered.id());
        }
        return answered;
    }

    public Invitation withdraw(String id, String reason) {
        return change(
                id,
                i -> i.withdraw(reason, clock.instant()),
                i ->
                        new InvitationWithdrawn(
                                id, i.projectId(), i.invitee(), i.answer(), i.closedAt()),
                "withdrawn");
    }

    /**
     * A member that left or was excluded from the cluster: its pending invitations are withdrawn.
     * Idempotent.
     */
    public int withdrawAllFor(String member, String reason) {
        int withdrawn = 0;
        for (Invitation pending : invitations.pendingFor(member)) {
            try {
                withdraw(pending.id(), reason);
                withdrawn++;
            } catch (ProblemException | OptimisticLockingFailureException alreadyClosed) {
                log.debug(
                        "Invitation {} closed meanwhile: {}",
                        pending.id(),
                        alreadyClosed.getMessage());
            }
        }
        return withdrawn;
    }

    /**
     * Closes the invitations whose time is up. Each close is conditional, so it is safe to run
     * anywhere at once.
     */
    @Scheduled(
            fixedDelayString = "${cluster.invitations.sweep-interval:PT30S}",
            initialDelayString = "PT5S")
    public void expireDue() {
        Instant now = clock.instant();
        for (Invitation due : invitations.due(now, 200)) {
            try {
                Invitation expired = due.expire(now);
                invitations.update(
                        expired,
                        List.of(
                                event(
                                        due.id(),
                                        new InvitationExpired(
                                                due.id(), due.projectId(), due.invitee(), now))));
                count("expired");
                log.info(
                        "Invitation {} of member {} to project {} expired",
                        due.id(),
                        due.invitee(),
                        due.projectId());
            } catch (OptimisticLockingFailureException | RuleViolation answeredMeanwhile) {
                log.debug("Invitation {} changed while expiring it", due.id());
            }
        }
    }

    private Invitation change(
            String id,
            UnaryOperator<Invitation> transition,
            Function<Invitation, Object> event,
            String what) {
        Invitation stored =
                invitations.decide(
                        id,
                        found -> {
                            Invitation current =
                                    found.orElseThrow(
                                            () -> ProblemException.notFound("invitation", id));
                            Invitation next = ruled(() -> transition.apply(current));
                            return invitations.update(next, List.of(event(id, event.apply(next))));
                        });
        count(what);
        log.info(
                "Invitation {} of member {} to project {} {}",
                id,
                stored.invitee(),
                stored.projectId(),
                what);
        return stored;
    }

    private static <T> T ruled(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (RuleViolation violation) {
            HttpStatus status =
                    switch (violation.code()) {
                        case "not-your-invitation" -> HttpStatus.FORBIDDEN;
                        case "role-required", "cannot-invite-yourself" -> HttpStatus.BAD_REQUEST;
                        default -> HttpStatus.CONFLICT;
                    };
            throw new ProblemException(status, violation.code(), violation.args());
        }
    }

    private coop.cluster.plumbing.events.PendingEvent event(String id, Object payload) {
        return events.create("invitations", id, payload);
    }

    private void count(String what) {
        meters.counter("cluster.project.invitation.changes", "change", what).increment();
    }
}
