package coop.cluster.activity.meeting.domain;

import coop.cluster.plumbing.domain.RuleViolation;

/**
 * Input the B2B scheduler refuses: a meeting of a participant with itself, a request naming an
 * unknown participant, two requests or participants with one id, a session without a positive slot
 * length or table. {@link #code()} names the rule (one of the constants here); {@link #args()} fill
 * in its message. Nothing was scheduled.
 */
public class MeetingRuleViolation extends RuleViolation {

    /** A meeting lists one participant twice (a participant meeting itself); args: request, id. */
    public static final String SELF_MEETING = "meeting-self";

    /** A meeting names fewer than two participants; args: the request id. */
    public static final String TOO_FEW_PARTICIPANTS = "meeting-too-few-participants";

    /** Every participant of a meeting is from one organisation; args: request, organisation. */
    public static final String ONE_ORGANISATION = "meeting-one-organisation";

    /** A meeting names a participant who is not in the session; args: request, participant. */
    public static final String UNKNOWN_PARTICIPANT = "meeting-unknown-participant";

    /** Two requests have one id; args: the id. */
    public static final String DUPLICATE_REQUEST_ID = "meeting-duplicate-request-id";

    /** Two participants have one id; args: the id. */
    public static final String DUPLICATE_PARTICIPANT = "meeting-duplicate-participant";

    /**
     * A participant is unavailable in a slot the session does not have; args: participant, slot.
     */
    public static final String UNKNOWN_SLOT = "meeting-unknown-slot";

    /** The session's times, slot length or tables make no session; args: what is wrong. */
    public static final String INVALID_SESSION = "meeting-invalid-session";

    /** A time window ends before it starts; args: start, end. */
    public static final String WINDOW_EMPTY = "meeting-window-empty";

    /** A participant's text is too long; args: the bound. */
    public static final String TEXT_TOO_LONG = "meeting-text-too-long";

    /** A participant lists too many times away; args: the bound. */
    public static final String TOO_MANY_AWAY = "meeting-too-many-away";

    /** The board holds as many participants or requests as it may; args: event, bound. */
    public static final String BOARD_FULL = "meeting-board-full";

    /** A person made as many standing requests as one may; args: person, bound. */
    public static final String TOO_MANY_REQUESTS = "meeting-too-many-requests";

    /** A request between these two stands already; args: requester, requested. */
    public static final String ALREADY_REQUESTED = "meeting-already-requested";

    /** No such request on the board; args: the request id. */
    public static final String NO_SUCH_REQUEST = "meeting-no-such-request";

    /** Only the one asked answers a request; args: the request id. */
    public static final String NOT_ASKED = "meeting-not-asked";

    /** The request was answered already; args: request, its state. */
    public static final String ALREADY_ANSWERED = "meeting-already-answered";

    /** The person has not joined the board; args: person, event. */
    public static final String NOT_A_PARTICIPANT = "meeting-not-a-participant";

    /** The session has started: the schedule stays; args: the event. */
    public static final String SESSION_STARTED = "meeting-session-started";

    public MeetingRuleViolation(String code, Object... args) {
        super(code, args);
    }
}
