package coop.cluster.project.invitation.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/** The invitee declined. Topic {@code project.invitations}, key: the invitation id. */
@IntegrationEvent(
        type = "cluster.project.invitation.declined",
        version = 1,
        topic = "project.invitations")
public record InvitationDeclined(
        String invitationId,
        String projectId,
        String memberId,
        String message,
        Instant declinedAt) {}
