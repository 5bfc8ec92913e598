package coop.cluster.project.invitation.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The leader of a project invited a member to take part, in a proposed role. Topic {@code
 * project.invitations}, key: the invitation id.
 */
@IntegrationEvent(
        type = "cluster.project.invitation.sent",
        version = 1,
        topic = "project.invitations")
public record PartnerInvited(
        String invitationId,
        String projectId,
        String projectTitle,
        String memberId,
        String invitedBy,
        String role,
        String message,
        Instant expiresAt,
        Instant invitedAt) {}
