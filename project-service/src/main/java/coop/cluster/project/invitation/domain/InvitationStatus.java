package coop.cluster.project.invitation.domain;

/**
 * Pending until the invitee answers, the leader withdraws it, or it expires; every other state is
 * final.
 */
public enum InvitationStatus {
    PENDING,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    WITHDRAWN
}
