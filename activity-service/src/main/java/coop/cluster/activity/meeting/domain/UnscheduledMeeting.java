package coop.cluster.activity.meeting.domain;

/**
 * A request the schedule could not place, and why. {@code duplicateOf} is the id of the request
 * kept instead of this one when the reason is {@link Reason#DUPLICATE}, else null.
 */
public record UnscheduledMeeting(MeetingRequest request, Reason reason, String duplicateOf) {

    /** Why a request has no slot, as told to the participants. */
    public enum Reason {
        /**
         * Another request names the same participants; the one with the higher priority (the first
         * of equals) stands for both.
         */
        DUPLICATE,
        /** No slot of the session is free in every participant's own calendar. */
        NO_COMMON_FREE_SLOT,
        /**
         * In every slot all participants could make, one of them has another meeting (the session
         * is full for them).
         */
        PARTICIPANTS_BUSY,
        /** In a slot all participants could make and are free, every table is taken. */
        NO_TABLE_LEFT
    }
}
