package coop.cluster.activity.event;

import static coop.cluster.plumbing.security.ClusterRole.DELEGATE;
import static coop.cluster.plumbing.security.ClusterRole.MANAGER;
import static coop.cluster.plumbing.security.ClusterRole.MEMBER;

import coop.cluster.activity.event.domain.EventState;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with exchange events. Managers create, publish and cancel any event and see
 * drafts. The people of members (member and delegate users, with a {@code member_id}) see the
 * published, cancelled and held events; a draft is not found for them (404). Nobody else sees
 * events.
 *
 * <p>A thematic group's animator does not manage its group's events yet: tokens carry no group role
 * (docs/identity.md), so this service cannot tell an animator from another member.
 */
public final class EventAccess {

    private EventAccess() {}

    public static void checkMayManage(Caller caller) {
        if (!caller.has(MANAGER)) {
            throw ProblemException.forbidden("managers-manage-events");
        }
    }

    /** Whether the caller sees drafts too. */
    public static boolean seesDrafts(Caller caller) {
        return caller.has(MANAGER);
    }

    public static void checkMayList(Caller caller) {
        if (!caller.has(MANAGER) && !isMembersPerson(caller)) {
            throw ProblemException.forbidden();
        }
    }

    public static void checkMayRead(Caller caller, ExchangeEvent event) {
        checkMayList(caller);
        if (event.state() == EventState.DRAFT && !seesDrafts(caller)) {
            throw ProblemException.notFound("event", event.id());
        }
    }

    /** A person of a member organisation: a member or delegate user with its {@code member_id}. */
    public static boolean isMembersPerson(Caller caller) {
        return caller.hasAny(MEMBER, DELEGATE) && caller.memberId().isPresent();
    }
}
