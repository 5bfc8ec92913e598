package coop.cluster.project.invitation.domain;

import coop.cluster.plumbing.domain.RuleViolation;
import java.time.Instant;
import java.util.Objects;

/**
 * A project's leader invites a member to take part, in a proposed role. The invitee answers once;
 * the leader may withdraw it while it is pending; it expires at {@code expiresAt}. Plain Java:
 * every change returns a new {@code Invitation} or throws {@link RuleViolation}.
 *
 * @param version the store's optimistic-concurrency version, {@code null} before the first write
 */
public record Invitation(
        String id,
        String projectId,
        String projectTitle,
        String invitee,
        String invitedBy,
        String role,
        String message,
        InvitationStatus status,
        Instant createdAt,
        Instant expiresAt,
        Instant closedAt,
        String answer,
        Long version) {

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(projectId, "projectId");
        Objects.requireNonNull(invitee, "invitee");
        Objects.requireNonNull(status, "status");
        if (role == null || role.isBlank()) {
            throw new RuleViolation("role-required");
        }
        role = role.strip();
        message = message == null || message.isBlank() ? null : message.strip();
    }

    public static Invitation send(
            String id,
            String projectId,
            String projectTitle,
            String invitee,
            String leader,
            String role,
            String message,
            Instant now,
            Instant expiresAt) {
        if (invitee.equals(leader)) {
            throw new RuleViolation("cannot-invite-yourself");
        }
        return new Invitation(
                id,
                projectId,
                projectTitle,
                invitee,
                leader,
                role,
                message,
                InvitationStatus.PENDING,
                now,
                expiresAt,
                null,
                null,
                null);
    }

    public boolean isPending() {
        return status == InvitationStatus.PENDING;
    }

    public boolean isDue(Instant now) {
        return isPending() && !now.isBefore(expiresAt);
    }

    /** The invitee accepts or declines, once, optionally with a message. */
    public Invitation answer(String by, boolean accept, String answerMessage, Instant now) {
        if (!invitee.equals(by)) {
            throw new RuleViolation("not-your-invitation", id);
        }
        requirePending(now);
        return close(
                accept ? InvitationStatus.ACCEPTED : InvitationStatus.DECLINED,
                answerMessage == null || answerMessage.isBlank() ? null : answerMessage.strip(),
                now);
    }

    /**
     * The leader takes it back while pending (or the platform does, when the invitee leaves the
     * cluster).
     */
    public Invitation withdraw(String reason, Instant now) {
        requirePending(now);
        return close(InvitationStatus.WITHDRAWN, reason, now);
    }

    public Invitation expire(Instant now) {
        if (!isDue(now)) {
            throw new RuleViolation("invitation-not-due", id);
        }
        return close(InvitationStatus.EXPIRED, null, now);
    }

    private void requirePending(Instant now) {
        if (!isPending()) {
            throw new RuleViolation("invitation-closed", id, status);
        }
        if (isDue(now)) {
            throw new RuleViolation("invitation-closed", id, InvitationStatus.EXPIRED);
        }
    }

    private Invitation close(InvitationStatus next, String text, Instant now) {
        return new Invitation(
                id,
                projectId,
                projectTitle,
                invitee,
                invitedBy,
                role,
                message,
                next,
                createdAt,
                expiresAt,
                now,
                text,
                version);
    }
}
