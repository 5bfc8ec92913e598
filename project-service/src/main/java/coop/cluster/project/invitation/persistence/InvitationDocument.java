package coop.cluster.project.invitation.persistence;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * How an invitation is stored.
 *
 * @param pendingKey {@code <projectId>:<invitee>} while the invitation is pending, absent
 *     afterwards: the unique sparse index on it is what refuses a second pending invitation of the
 *     same member to the same project, even when two leaders' requests race, without a transaction
 */
@Document("invitations")
record InvitationDocument(
        @Id String id,
        @Indexed String projectId,
        String projectTitle,
        @Indexed String invitee,
        String invitedBy,
        String role,
        String message,
        @Indexed String status,
        Instant createdAt,
        @Indexed Instant expiresAt,
        Instant closedAt,
        String answer,
        @Indexed(unique = true, sparse = true) String pendingKey,
        @Version Long version) {}
