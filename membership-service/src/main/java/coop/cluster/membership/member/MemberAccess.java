package coop.cluster.membership.member;

import static coop.cluster.plumbing.security.ClusterRole.ADMIN;
import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.FEED;
import static coop.cluster.plumbing.security.ClusterRole.FINANCE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;
import static coop.cluster.plumbing.security.ClusterRole.PLATFORM_ADMIN;

import coop.cluster.membership.member.domain.MemberId;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with member records (object-level rights, OWASP API1). A member or delegate user
 * sees only its own organisation; another organisation's record answers 404, so ids cannot be
 * probed. Managers run admission and see every record; finance staff read them for fees. Feeds have
 * no business here.
 */
public final class MemberAccess {

    private MemberAccess() {}

    /**
     * An application is filed by the cluster's managers on an organisation's behalf, or by a person
     * who does not belong to an organisation yet (signed up on the platform, docs/people.md: such a
     * person's token has no {@code member_id} and no role). A person already bound to a member
     * cannot apply for another organisation; finance staff, feeds and the other staff roles have no
     * business here.
     */
    public static void checkMayApply(Caller caller) {
        if (caller.has(MANAGER)) {
            return;
        }
        if (caller.memberId().isEmpty()
                && !caller.hasAny(DELEGATE, ADMIN, FINANCE, PLATFORM_ADMIN, FEED)) {
            return;
        }
        throw ProblemException.forbidden("apply-forbidden");
    }

    public static void checkMayRead(Caller caller, MemberId member) {
        if (caller.hasAny(MANAGER, FINANCE) || caller.belongsTo(member.value())) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("member", member);
        }
        throw ProblemException.forbidden();
    }

    /** Listing every member by status: managers (admission) and finance staff (fees). */
    public static void checkMayList(Caller caller) {
        if (!caller.hasAny(MANAGER, FINANCE)) {
            throw ProblemException.forbidden();
        }
    }

    /**
     * Editing a member's profile, appointing its delegate, leaving: its own member and delegate
     * users, or managers. Another organisation answers 404 as for reading.
     */
    public static void checkMayEdit(Caller caller, MemberId member) {
        if (caller.has(MANAGER)
                || caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(member.value())) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("member", member);
        }
        throw ProblemException.forbidden();
    }

    /**
     * Accepting a nomination as the member's delegate: a user of the member (its token's {@code
     * member_id}), member or delegate role; whether it is the nominee is the member's own rule.
     * Other organisations' users get 404.
     */
    public static void checkMayAcceptDelegacy(Caller caller, MemberId member) {
        if (caller.hasAny(MEMBER, DELEGATE) && caller.belongsTo(member.value())) {
            return;
        }
        if (caller.hasAny(MEMBER, DELEGATE)) {
            throw ProblemException.notFound("member", member);
        }
        throw ProblemException.forbidden();
    }

    /** Admission decisions, suspension, reinstatement, exclusion: the cluster managers. */
    public static void checkMayManage(Caller caller) {
        if (!caller.has(MANAGER)) {
            throw ProblemException.forbidden();
        }
    }
}
