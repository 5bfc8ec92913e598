package coop.cluster.project.invitation.events;

import coop.cluster.plumbing.events.IntegrationEvent;
import java.time.Instant;

/**
 * The invitee accepted: it joins the project (see partner-joined on project.projects). Topic {@code
 * project.invitations}, key: the invitation id.
 */
@IntegrationEvent(
        type = "cluster.project.invitation.accepted",
        version = 1,
        topic = "project.invitations")
public record InvitationAccepted(
        String invitationId,
        String projectId,
        String memberId,
        String role,
        String message,
        Instant acceptedAt) {}
