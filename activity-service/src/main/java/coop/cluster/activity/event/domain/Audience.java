package coop.cluster.activity.event.domain;

/** Who may register for an event. */
public enum Audience {
    /** The people of every member organisation. */
    ALL_MEMBERS,
    /** The people of the members of one thematic group. */
    GROUP,
    /** Members' people, and guests from outside the cluster. */
    OPEN_TO_GUESTS
}
