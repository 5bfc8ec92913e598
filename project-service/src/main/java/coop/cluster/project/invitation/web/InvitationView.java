package coop.cluster.project.invitation.web;

import coop.cluster.project.invitation.domain.Invitation;
import java.time.Instant;

/** An invitation as the API shows it. */
record InvitationView(
        String id,
        String projectId,
        String projectTitle,
        String memberId,
        String invitedBy,
        String role,
        String message,
        String status,
        Instant createdAt,
        Instant expiresAt,
        Instant closedAt,
        String answer) {

    static InvitationView of(Invitation i) {
        return new InvitationView(
                i.id(),
                i.projectId(),
                i.projectTitle(),
                i.invitee(),
                i.invitedBy(),
                i.role(),
                i.message(),
                i.status().name(),
                i.createdAt(),
                i.expiresAt(),
                i.closedAt(),
                i.answer());
    }
}
