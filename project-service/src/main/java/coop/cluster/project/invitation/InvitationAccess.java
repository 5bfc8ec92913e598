package coop.cluster.project.invitation;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;
import coop.cluster.project.invitation.domain.Invitation;

/**
 * Who may do what with invitations: the invitee's users see and answer them; the inviting leader's
 * users see and withdraw them; managers see them. Anyone else gets 404, so invitations cannot be
 * probed.
 */
public final class InvitationAccess {

    private InvitationAccess() {}

    /** The organisation whose inbox the caller reads. */
    public static String inboxOf(Caller caller) {
        if (caller.hasAny(MEMBER, DELEGATE) && caller.memberId().isPresent()) {
            return caller.memberId().get();
        }
        throw ProblemException.forbidden("members-have-inboxes");
    }

    public static void checkMayRead(Caller caller, Invitation invitation) {
        if (caller.has(MANAGER) || isInvitee(caller, invitation) || isInviter(caller, invitation)) {
            return;
        }
        hide(caller, invitation);
    }

    public static void checkMayAnswer(Caller caller, Invitation invitation) {
        checkMayRead(caller, invitation);
        if (!isInvitee(caller, invitation)) {
            throw ProblemException.forbidden("not-your-invitation", invitation.id());
        }
    }

    public static void checkMayWithdraw(Caller caller, Invitation invitation) {
        checkMayRead(caller, invitation);
        if (!isInviter(caller, invitation)) {
            throw ProblemException.forbidden("not-the-leader", invitation.projectId());
        }
    }

    private static void hide(Caller caller, Invitation invitation) {
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("invitation", invitation.id());
        }
        throw ProblemException.forbidden();
    }

    private static boolean isInvitee(Caller caller, Invitation invitation) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(invitation.invitee());
    }

    private static boolean isInviter(Caller caller, Invitation invitation) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(invitation.invitedBy());
    }
}
