package coop.cluster.activity.registration;

import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.activity.event.EventAccess;
import coop.cluster.activity.event.domain.Audience;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may register, cancel and record attendance. The people of members (member and delegate users,
 * with a {@code member_id}) register themselves, for their own organisation, to an event open to
 * all members or to guests; a person cancels their own registration, a manager any. Managers record
 * attendance and read an event's registrations.
 *
 * <p>Not yet: registration to a thematic group's event (this service does not follow the groups'
 * members yet, so it refuses rather than guess: 403 {@code group-members-unknown}), and guests
 * without an account for events open to guests (members' people register to those as usual).
 */
public final class RegistrationAccess {

    private RegistrationAccess() {}

    /**
     * The member organisation the caller registers for.
     *
     * @throws ProblemException 403 for a caller who is not a member's person, or an event whose
     *     audience the caller is not in; 404 for a draft
     */
    public static String registering(Caller caller, ExchangeEvent event) {
        EventAccess.checkMayRead(caller, event);
        if (!EventAccess.isMembersPerson(caller)) {
            throw ProblemException.forbidden("members-people-register");
        }
        if (event.details().audience() == Audience.GROUP) {
            throw ProblemException.forbidden(
                    "group-members-unknown", event.details().groupId(), event.id());
        }
        return caller.memberId().orElseThrow();
    }

    /** A person cancels their own registration; a manager, anyone's. */
    public static void checkMayCancel(
            Caller caller, ExchangeEvent event, Registration registration) {
        EventAccess.checkMayRead(caller, event);
        if (caller.has(MANAGER)) {
            return;
        }
        if (EventAccess.isMembersPerson(caller)
                && registration.personId().equals(caller.subject())) {
            return;
        }
        throw ProblemException.forbidden("not-your-registration", registration.registrationId());
    }

    /** Attendance and the list of an event's registrations: managers. */
    public static void checkMayManage(Caller caller) {
        EventAccess.checkMayManage(caller);
    }

    /** Their own registrations: a person of a member. */
    public static void checkHasRegistrations(Caller caller) {
        if (!EventAccess.isMembersPerson(caller)) {
            throw ProblemException.forbidden("members-people-register");
        }
    }
}
