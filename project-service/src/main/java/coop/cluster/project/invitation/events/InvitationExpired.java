package coop.cluster.project.invitation.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * Nobody answered before the invitation expired. Topic {@code project.invitations}, key: the
 * invitation id.
 */
@IntegrationEvent(
        type = "cluster.project.invitation.expired",
        version = 1,
        topic = "project.invitations")
public record InvitationExpired(
        String invitationId, String projectId, String memberId, Instant expiredAt) {}
