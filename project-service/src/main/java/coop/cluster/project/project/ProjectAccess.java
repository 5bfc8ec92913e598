package coop.cluster.project.project;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectStatus;

/**
 * Who may do what with projects (object-level rights). A draft is its leader's own: nobody else
 * sees it (404). Past the draft, member and delegate users of any member and the managers see
 * projects; only the leader's own users change them, and managers, who oversee projects, may also
 * abandon one.
 */
public final class ProjectAccess {

    private ProjectAccess() {}

    /** The member the caller starts projects for: its own organisation. */
    public static String memberStarting(Caller caller) {
        if (caller.hasAny(MEMBER, DELEGATE) && caller.memberId().isPresent()) {
            return caller.memberId().get();
        }
        throw ProblemException.forbidden("members-start-projects");
    }

    public static void checkMayList(Caller caller) {
        if (!caller.hasAny(MANAGER, MEMBER, DELEGATE)) {
            throw ProblemException.forbidden();
        }
    }

    public static void checkMayRead(Caller caller, Project project) {
        if (caller.has(MANAGER) || takesPart(caller, project)) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            if (project.status() != ProjectStatus.DRAFT) {
                return;
            }
            throw ProblemException.notFound("project", project.id());
        }
        throw ProblemException.forbidden();
    }

    /** Editing, opening, closing: the leader's users. */
    public static void checkMayLead(Caller caller, Project project) {
        checkMayRead(caller, project);
        if (!leads(caller, project)) {
            throw ProblemException.forbidden("not-the-leader", project.id());
        }
    }

    public static void checkMayAbandon(Caller caller, Project project) {
        if (caller.has(MANAGER)) {
            return;
        }
        checkMayLead(caller, project);
    }

    /** Leaving: the users of a partner that is not the leader. */
    public static String partnerLeaving(Caller caller, Project project) {
        checkMayRead(caller, project);
        if (takesPart(caller, project) && !leads(caller, project)) {
            return caller.memberId().orElseThrow();
        }
        throw ProblemException.forbidden(
                leads(caller, project) ? "leader-cannot-leave" : "not-a-partner",
                caller.memberId().orElse(caller.subject()),
                project.id());
    }

    /** Signing the agreement: the users of a partner. */
    public static String partnerSigning(Caller caller, Project project) {
        checkMayRead(caller, project);
        if (takesPart(caller, project)) {
            return caller.memberId().orElseThrow();
        }
        throw ProblemException.forbidden(
                "not-a-partner", caller.memberId().orElse(caller.subject()), project.id());
    }

    /** Answering a leadership offer: the users of the partner it was made to. */
    public static String offeredLeader(Caller caller, Project project) {
        checkMayRead(caller, project);
        if (caller.hasAny(MEMBER, DELEGATE)
                && project.proposedLeader() != null
                && caller.belongsTo(project.proposedLeader())) {
            return project.proposedLeader();
        }
        throw ProblemException.forbidden(
                "no-leadership-offer", caller.memberId().orElse(caller.subject()), project.id());
    }

    private static boolean leads(Caller caller, Project project) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(project.leader());
    }

    private static boolean takesPart(Caller caller, Project project) {
        return caller.hasAny(MEMBER, DELEGATE)
                && caller.memberId().map(project::hasPartner).orElse(false);
    }
}
