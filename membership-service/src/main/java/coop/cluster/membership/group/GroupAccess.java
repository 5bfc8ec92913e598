package coop.cluster.membership.group;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with thematic groups. Member and delegate users and managers see the groups; an
 * organisation's own users join and leave on its behalf, managers on anyone's. Another organisation
 * answers 404, as for member records.
 */
public final class GroupAccess {

    private GroupAccess() {}

    public static void checkMayRead(Caller caller) {
        if (!caller.hasAny(MANAGER, MEMBER, DELEGATE)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Joining or leaving groups at all: managers, member and delegate users; anyone else 403
     * whatever it sends.
     */
    public static void checkMayChangeAnyMembership(Caller caller) {
        if (!caller.hasAny(MANAGER, MEMBER, DELEGATE)) {
            throw ProblemException.forbidden();
        }
    }

    public static void checkMayChangeMembership(Caller caller, MemberId member) {
        if (caller.has(MANAGER)
                || caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(member.value())) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("member", member);
        }
        throw ProblemException.forbidden();
    }
}
