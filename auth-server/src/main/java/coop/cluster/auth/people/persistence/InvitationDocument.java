package coop.cluster.auth.people.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** How an invitation is stored. Never leaves this package. */
@Document("invitations")
record InvitationDocument(
        @Id String id,
        @Indexed String email,
        String displayName,
        String language,
        @Indexed(sparse = true) String memberId,
        List<String> roles,
        List<String> staffRoles,
        String invitedBy,
        Instant createdAt,
        Instant expiresAt,
        @Indexed String status,
        Instant sentAt,
        String acceptedBy,
        @Version Long version) {}
