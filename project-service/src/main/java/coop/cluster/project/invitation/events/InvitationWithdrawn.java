package coop.cluster.project.invitation.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The leader withdrew the invitation, or the platform did because the invitee left the cluster
 * (reason member-left or member-excluded). Topic {@code project.invitations}, key: the invitation
 * id.
 */
@IntegrationEvent(
        type = "cluster.project.invitation.withdrawn",
        version = 1,
        topic = "project.invitations")
public record InvitationWithdrawn(
        String invitationId,
        String projectId,
        String memberId,
        String reason,
        Instant withdrawnAt) {}
