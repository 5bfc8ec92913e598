package coop.cluster.project.project;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.project.project.domain.Project;
import coop.cluster.project.project.domain.ProjectStatus;

/**
 * Who may do what with projects (object-level rights). A draft is its leader's own: nobody else sees it (404).
 * Past the draft, member and delegate users of any member and the managers see projects; only the leader's own
 * users change them, and managers, who oversee projects, may also abandon one.
 */
public final class ProjectAccess {

    private ProjectAccess() {
    }

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

    private static boolean leads(Caller caller, Project project) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(project.leader());
    }

    private static boolean takesPart(Caller caller, Project project) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.memberId().map(project::hasPartner).orElse(false);
    }
}
