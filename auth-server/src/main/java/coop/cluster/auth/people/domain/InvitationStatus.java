package coop.cluster.auth.people.domain;

/**
 * Pending until accepted or cancelled; a pending invitation past its expiry can still be re-sent.
 */
public enum InvitationStatus {
    PENDING,
    ACCEPTED,
    CANCELLED
}
