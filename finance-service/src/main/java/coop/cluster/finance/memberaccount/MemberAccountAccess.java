package coop.cluster.finance.memberaccount;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may read a member's account: finance staff and managers any; a member's users (members,
 * delegates) their own organisation's only, another organisation's account being "not found" to
 * them, so ids cannot be probed. Anyone else gets 403.
 */
public final class MemberAccountAccess {

    private MemberAccountAccess() {}

    public static void checkMayRead(Caller caller, String memberId) {
        if (caller.hasAny(FINANCE, MANAGER) || caller.belongsTo(memberId)) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("member account", memberId);
        }
        throw ProblemException.forbidden();
    }
}
