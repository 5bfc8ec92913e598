package coop.cluster.activity.meeting;

import static coop.cluster.plumbing.security.ClusterRole.MANAGER;

import coop.cluster.activity.event.EventAccess;
import coop.cluster.activity.event.domain.ExchangeEvent;
import coop.cluster.activity.event.domain.Registration;
import coop.cluster.activity.meeting.domain.B2bBoard;
import coop.cluster.plumbing.security.Caller;
import coop.cluster.plumbing.web.ProblemException;

/**
 * Who may do what with an event's B2B meetings. Managers set the session, run the schedule and read
 * it whole, and see the participants. Members' people (member and delegate users with a {@code
 * member_id}) read the board of an event they see; those with a CONFIRMED registration for it join
 * the board (for the organisation they registered for) and, once joined, list the participants,
 * request meetings, answer the requests made to them, read their own requests, agenda and
 * suggestions. Nobody else.
 */
public final class MeetingAccess {

    private MeetingAccess() {}

    /** The session and the schedule runs: managers. */
    public static void checkMayManage(Caller caller) {
        if (!caller.has(MANAGER)) {
            throw ProblemException.forbidden("managers-run-b2b-sessions");
        }
    }

    /** The board's session and counts: whoever sees the event. */
    public static void checkMayRead(Caller caller, ExchangeEvent event) {
        EventAccess.checkMayRead(caller, event);
    }

    /**
     * The caller's confirmed registration for {@code event}, which lets them join its board.
     *
     * @throws ProblemException 403 for a caller who is not a member's person or holds no place
     */
    public static Registration joining(Caller caller, ExchangeEvent event) {
        EventAccess.checkMayRead(caller, event);
        if (!EventAccess.isMembersPerson(caller)) {
            throw ProblemException.forbidden("b2b-confirmed-registrants-only", event.id());
        }
        return event.confirmed().stream()
                .filter(r -> r.personId().equals(caller.subject()))
                .findFirst()
                .orElseThrow(
                        () ->
                                ProblemException.forbidden(
                                        "b2b-confirmed-registrants-only", event.id()));
    }

    /**
     * The caller as a participant of {@code board}: a member's person who joined it.
     *
     * @return the caller's person id
     */
    public static String participant(Caller caller, B2bBoard board) {
        if (EventAccess.isMembersPerson(caller)
                && board.participant(caller.subject()).isPresent()) {
            return caller.subject();
        }
        throw ProblemException.forbidden("b2b-participants-only", board.eventId());
    }

    /** The list of participants: the participants themselves and managers. */
    public static void checkMayListParticipants(Caller caller, B2bBoard board) {
        if (!caller.has(MANAGER)) {
            participant(caller, board);
        }
    }
}
