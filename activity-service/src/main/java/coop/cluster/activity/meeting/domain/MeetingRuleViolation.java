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

    public MeetingRuleViolation(String code, Object... args) {
        super(code, args);
    }
}
